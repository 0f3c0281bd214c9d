from arshan_data.ui import entry, implementation

entry.ensure_frame()
implementation.render()
