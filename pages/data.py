from arshan_data.ui import entry, data_sources

entry.ensure_frame()
data_sources.render()
