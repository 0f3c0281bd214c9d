from arshan_data.ui import towns

towns.render()
