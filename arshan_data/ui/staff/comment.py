"""One comment in the staff view: its text, the author's personal data, status and answer.

Every action runs in a button callback and reports back through ``staff_notice``; a store
failure is logged for the operator and shown as a message, and the typed answer stays.
"""

from __future__ import annotations

import logging

import streamlit as st

from arshan_data.feedback.model import ANSWER_MAX, LOCAL_TZ, ValidationError, validate_answer
from arshan_data.feedback.repository import StoreUnavailable, UnknownComment
from arshan_data.i18n import t
from arshan_data.ui.feedback_resources import plan_elements, repository
from arshan_data.ui.staff.login import audit, staff_check

log = logging.getLogger(__name__)


def _local(value) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M") if value else ""


def _act(action: str, reference: str, *args) -> None:
    ss = st.session_state
    who = staff_check(action)
    if who is None:  # expired or signed out: the gate runs first and nothing is changed
        return
    repo = repository()
    try:
        if action == "status":
            repo.set_status(reference, args[0])
        elif action == "answer":
            text = validate_answer(ss.get(f"staff_answer_{reference}") or "")
            repo.answer(reference, text, publish=bool(ss.get(f"staff_publish_{reference}")))
        elif action == "erase":
            repo.erase_personal(reference)
            ss.pop(f"staff_erase_ok_{reference}", None)
        elif action == "delete":
            repo.delete(reference)
        elif action == "restore":
            repo.restore(reference)
    except StoreUnavailable:
        log.exception("staff action %s on %s failed: store unavailable", action, reference)
        ss["staff_notice"] = ("error", "staff.unavailable_action")
        return
    except ValidationError as exc:
        ss["staff_notice"] = ("error", f"staff.error.{next(iter(exc.errors.values()))}")
        return
    except (UnknownComment, ValueError):
        log.warning("staff action %s on %s refused", action, reference, exc_info=True)
        ss["staff_notice"] = ("error", "staff.error.refused")
        return
    if action == "answer":
        publish = bool(ss.get(f"staff_publish_{reference}"))
        audit(who, "answer", reference, "published" if publish else "not published")
        if publish:
            audit(who, "publish", reference)
    else:
        audit(who, action, reference, " ".join(map(str, args)))
    ss["staff_notice"] = ("success", f"staff.done.{action}")


def _personal(comment, lang: str) -> None:
    ref = comment.reference
    with st.container(border=True):
        st.markdown(f"**{t('staff.personal.heading', lang)}**")
        person = repository().personal(ref)
        if person is None:
            if comment.personal_erased_at:
                st.caption(t("staff.personal.erased", lang, time=_local(comment.personal_erased_at)))
            else:
                st.caption(t("staff.personal.none", lang))
            return
        st.text(f"{t('staff.col.name', lang)}: {person.name or ''}")
        st.text(f"{t('staff.col.contact', lang)}: {person.contact or ''}")
        if person.consent_at:
            st.caption(t("staff.personal.consent", lang, time=_local(person.consent_at)))
        confirmed = st.checkbox(t("staff.personal.erase_confirm", lang), key=f"staff_erase_ok_{ref}")
        st.button(
            t("staff.personal.erase", lang),
            key=f"staff_erase_{ref}",
            disabled=not confirmed,
            on_click=_act,
            args=("erase", ref),
        )


def show_comment(reference: str, lang: str) -> None:
    comment = repository().get(reference)
    if comment is None:
        st.info(t("staff.detail.gone", lang))
        return
    element = plan_elements().get(comment.element_id or "")
    about = [
        _local(comment.created_at),
        t(f"feedback.topic.{comment.topic}", lang),
        t(f"feedback.stance.{comment.stance}", lang),
        t(f"staff.status.{comment.status}", lang),
    ]
    if element is not None:
        about.append(element.label(lang))
    if comment.cell_id:
        about.append(comment.cell_id)
    if comment.published:
        about.append(t("staff.detail.published", lang))
    if comment.deleted_at:
        about.append(t("staff.detail.deleted", lang, time=_local(comment.deleted_at)))
    st.subheader(comment.reference)
    st.caption(" · ".join(about))
    st.text(comment.message)
    _personal(comment, lang)

    ref = comment.reference
    cols = st.columns(4)
    for col, status in zip(cols, ("new", "read", "spam"), strict=False):
        col.button(
            t(f"staff.mark.{status}", lang),
            key=f"staff_mark_{status}_{ref}",
            disabled=comment.status == status,
            on_click=_act,
            args=("status", ref, status),
        )
    if comment.deleted_at:
        cols[3].button(
            t("staff.restore", lang), key=f"staff_restore_{ref}", on_click=_act, args=("restore", ref)
        )
    else:
        cols[3].button(
            t("staff.delete", lang), key=f"staff_delete_{ref}", on_click=_act, args=("delete", ref)
        )

    st.text_area(
        t("staff.answer.label", lang),
        value=comment.answer or "",
        key=f"staff_answer_{ref}",
        max_chars=ANSWER_MAX,
        height=140,
    )
    st.checkbox(
        t("staff.answer.publish", lang),
        value=comment.published,
        key=f"staff_publish_{ref}",
        help=t("staff.answer.publish_help", lang),
    )
    st.button(
        t("staff.answer.save", lang),
        key=f"staff_save_{ref}",
        type="primary",
        on_click=_act,
        args=("answer", ref),
    )
    if comment.answer:
        st.markdown(f"**{t('staff.answer.current', lang)}**")
        st.text(comment.answer)
