from arshan_data.ui import feedback_form

feedback_form.render()
