from arshan_data.ui import entry, ecology

entry.ensure_frame()
ecology.render()
