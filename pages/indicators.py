from arshan_data.ui import entry, indicators

entry.ensure_frame()
indicators.render()
