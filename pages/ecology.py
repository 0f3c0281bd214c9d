from arshan_data.ui import ecology

ecology.render()
