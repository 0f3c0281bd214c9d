from arshan_data.ui import entry, heritage

entry.ensure_frame()
heritage.render()
