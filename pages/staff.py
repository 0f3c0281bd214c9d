from arshan_data.ui import staff

staff.render()
