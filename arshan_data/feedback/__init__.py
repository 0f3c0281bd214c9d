"""Public feedback: comments from citizens, their validation, storage and staff workflow.

No Streamlit here: ``arshan_data.ui.feedback_form``, ``ui.staff`` and ``ui.feedback_public``
draw the pages; everything they store or read goes through ``repository.FeedbackRepository``.
"""
