from arshan_data.ui import tourism

tourism.render()
