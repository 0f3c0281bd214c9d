from arshan_data.ui import heritage

heritage.render()
