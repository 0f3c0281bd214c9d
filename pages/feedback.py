from arshan_data.ui.pages import feedback

feedback.render()
