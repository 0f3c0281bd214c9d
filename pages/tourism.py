from arshan_data.ui.pages import tourism

tourism.render()
