"""The only package code that imports Streamlit: session glue, caching, shared widgets and pages."""
