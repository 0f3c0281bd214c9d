from arshan_data.ui.pages import heritage

heritage.render()
