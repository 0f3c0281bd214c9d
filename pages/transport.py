from arshan_data.ui import transport

transport.render()
