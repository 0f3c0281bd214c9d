from arshan_data.ui.pages import overview

overview.render()
