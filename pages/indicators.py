from arshan_data.ui import indicators

indicators.render()
