from arshan_data.ui.pages import pattern

pattern.render()
