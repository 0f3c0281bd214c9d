from arshan_data.ui import entry, feedback_public

entry.ensure_frame()
feedback_public.render()
