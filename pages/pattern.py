from arshan_data.ui import entry, pattern

entry.ensure_frame()
pattern.render()
