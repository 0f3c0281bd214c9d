from arshan_data.ui import entry, staff

entry.ensure_frame()
staff.render()
