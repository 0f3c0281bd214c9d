from arshan_data.ui.staff import desk

desk.render()
