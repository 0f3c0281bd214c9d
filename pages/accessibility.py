from arshan_data.ui.pages import accessibility

accessibility.render()
