from arshan_data.ui import pattern

pattern.render()
