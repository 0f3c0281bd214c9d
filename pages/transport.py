from arshan_data.ui import entry, transport

entry.ensure_frame()
transport.render()
