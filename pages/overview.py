from arshan_data.ui import overview

overview.render()
