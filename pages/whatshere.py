from arshan_data.ui import whatshere

whatshere.render()
