from arshan_data.ui.pages import data

data.render()
