from arshan_data.ui.pages import present

present.render()
