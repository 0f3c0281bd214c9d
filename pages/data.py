from arshan_data.ui import data_sources

data_sources.render()
