from arshan_data.ui.pages import towns

towns.render()
