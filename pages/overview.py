from arshan_data.ui import entry, overview

entry.ensure_frame()
overview.render()
