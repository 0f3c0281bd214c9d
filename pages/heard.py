from arshan_data.ui.pages import heard

heard.render()
