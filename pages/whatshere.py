from arshan_data.ui.pages import whatshere

whatshere.render()
