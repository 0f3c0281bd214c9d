from arshan_data.ui import entry, feedback_form

entry.ensure_frame()
feedback_form.render()
