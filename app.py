"""Arxan plan dashboard: the router and the frame around every page."""

from arshan_data.ui import frame

frame.configure_page()
lang = frame.header()
page = frame.navigation(lang)
page.run()
frame.footer(lang)
