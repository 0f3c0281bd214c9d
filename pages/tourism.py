from arshan_data.ui import entry, tourism

entry.ensure_frame()
tourism.render()
