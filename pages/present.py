from arshan_data.ui import entry, present

entry.ensure_frame()
present.render()
