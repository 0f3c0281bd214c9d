from arshan_data.ui.pages import ecology

ecology.render()
