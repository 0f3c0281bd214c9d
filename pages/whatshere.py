from arshan_data.ui import entry, whatshere

entry.ensure_frame()
whatshere.render()
