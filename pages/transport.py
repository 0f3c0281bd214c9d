from arshan_data.ui.pages import transport

transport.render()
