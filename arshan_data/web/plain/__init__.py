"""The plain edition: every public page as server-rendered HTML that needs no script.

``catalog_html`` writes catalog entries as headings, lists and tables with their plan pages;
``maps`` draws a page's maps as inline SVG with the feature table beside them; ``pages`` says
what each page shows; ``layout`` wraps it in the site's frame (caveat, navigation, language
switch, link to the interactive page).
"""
