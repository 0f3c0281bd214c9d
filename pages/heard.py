from arshan_data.ui import feedback_public

feedback_public.render()
