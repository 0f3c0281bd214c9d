from arshan_data.ui.pages import indicators

indicators.render()
