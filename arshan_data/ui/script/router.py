"""The Streamlit script every session runs: the site's frame, its navigation, the page.

``app.py`` hands this file to ``st.App``. It lives alone in its folder on purpose: Streamlit
treats a ``pages/`` folder beside the main script as its old multipage mode (each page run
without this frame), and it puts the script's folder first on ``sys.path`` during every run,
where any other module would shadow a library of the same name.
"""

from arshan_data.ui import frame

frame.configure_page()
lang = frame.header()
page = frame.navigation(lang)
page.run()
frame.footer(lang)
