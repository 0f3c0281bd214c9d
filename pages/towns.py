from arshan_data.ui import entry, towns

entry.ensure_frame()
towns.render()
