"""Who may open the staff pages: OIDC (``st.login``) when configured, else a password.

The decision itself is ``feedback.auth.staff_access`` (pure, tested as a table of cases);
this module only asks Streamlit for the facts and draws the login. Sign-in attempts are
reserved and counted in the feedback store (``feedback.auth.attempt_login``), per account
and per client, so a lock-out holds across parallel tries and app processes.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import time

import streamlit as st

from arshan_data.feedback.auth import (
    Access,
    BadHash,
    StaffSession,
    Visitor,
    allowed_emails,
    attempt_login,
    login_keys,
    parse_hash,
    staff_access,
)
from arshan_data.feedback.repository import StoreUnavailable
from arshan_data.i18n import t
from arshan_data.ui.feedback_resources import current_client, repository
from arshan_data.ui.state import settings

log = logging.getLogger(__name__)
#: The audit trail's server-log lines (INFO), beside the ``staff_audit`` table in the store.
audit_log = logging.getLogger("arshan_data.audit")
SESSION_KEY = "staff_session"
#: When this browser session may try again (the store decides; this only hides the form).
LOCKED_KEY = "staff_locked_until"


def audit(who: str, action: str, reference: str | None = None, detail: str = "", *, repo=None) -> None:
    """Record a staff sign-in or action: an INFO line in the server log, and a row in the
    store's audit table (viewable and exportable on the staff desk). A store that cannot
    take the row does not undo the action; the log line says so. ``repo``: for a download
    running outside the script (no Streamlit calls there), the store captured beforehand."""
    audit_log.info("staff audit: who=%s action=%s reference=%s %s", who, action, reference or "-", detail)
    try:
        (repo or repository()).audit(who, action, reference, detail)
    except StoreUnavailable:
        log.exception("staff audit: the store did not take the entry (%s %s %s)", who, action, reference)


def _auth_section() -> dict:
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets.toml at all: OIDC is simply not configured
        return {}
    return dict(section) if section else {}


def _provider(section: dict) -> str | None:
    """``st.login()`` for a single ``[auth]`` provider, ``st.login(name)`` for ``[auth.<name>]``."""
    if "client_id" in section:
        return None
    named = [name for name, value in section.items() if hasattr(value, "keys")]
    return named[0] if named else None


def _try_password() -> None:
    ss = st.session_state
    _key, client = current_client()
    s = settings()
    password = ss.pop("staff_password", "") or ""
    try:
        result = attempt_login(
            repository(),
            login_keys("password", client),
            password,
            s.staff_password_hash,
            max_failures=s.staff_max_failures,
            lockout_s=s.staff_lockout_minutes * 60,
        )
    except StoreUnavailable:
        log.exception("staff login refused: the feedback store (which counts attempts) is unavailable")
        ss["staff_login_msg"] = "staff.login.unavailable"
        return
    if result.ok:
        ss[SESSION_KEY] = StaffSession("password", time.monotonic())
        ss.pop(LOCKED_KEY, None)
        audit("password", "signin", detail=f"password; client {client[:8]}")
        return
    if result.locked_s:
        ss[LOCKED_KEY] = time.monotonic() + result.locked_s
    ss["staff_login_msg"] = "staff.login.locked" if result.locked_s else "staff.login.wrong"
    audit(
        "password",
        "signin_locked" if result.locked_s else "signin_failed",
        detail=f"password; client {client[:8]}",
    )


def _password_form(lang: str) -> None:
    try:
        parse_hash(settings().staff_password_hash)
    except BadHash as exc:
        # The public sees only that sign-in is unavailable; the operator reads how to fix it here.
        log.error(
            "staff login refused: %s (make a new hash with python -m arshan_data hash-password "
            "and set ARSHAN_STAFF_PASSWORD_HASH; docs/feedback.md)",
            exc,
        )
        st.error(t("staff.login.bad_hash", lang), icon=":material/error:")
        return
    locked = max(0.0, st.session_state.get(LOCKED_KEY, 0.0) - time.monotonic())
    message = st.session_state.pop("staff_login_msg", None)
    minutes = max(1, math.ceil(locked / 60))
    if locked:
        st.error(t("staff.login.locked", lang, minutes=minutes), icon=":material/lock:")
        return
    with st.form("staff_login_form"):
        st.text_input(t("staff.login.password", lang), type="password", key="staff_password")
        st.form_submit_button(t("staff.login.submit", lang), on_click=_try_password)
    if message:
        st.error(t(message, lang, minutes=minutes), icon=":material/error:")


def _oidc_login(section: dict, lang: str) -> None:
    st.info(t("staff.oidc.prompt", lang), icon=":material/login:")
    if importlib.util.find_spec("authlib") is None:
        log.error(
            "OIDC is configured in secrets [auth] but Authlib is not installed "
            "(pip install 'streamlit[auth]'; docs/feedback.md)"
        )
        st.error(t("staff.oidc.no_authlib", lang), icon=":material/error:")
        return
    if st.button(t("staff.oidc.login", lang), key="staff_oidc_login", type="primary"):
        st.login(_provider(section))


def logout_button(lang: str) -> None:
    if st.button(t("staff.logout", lang), key="staff_logout", icon=":material/logout:"):
        session = st.session_state.pop(SESSION_KEY, None)
        who = session.who if isinstance(session, StaffSession) else None
        if isinstance(session, StaffSession):
            session.end()  # downloads prepared for this session now refuse
        audit(who or "?", "signout")
        if _auth_section():
            st.logout()
        st.rerun()


def _session() -> StaffSession | None:
    session = st.session_state.get(SESSION_KEY)
    return session if isinstance(session, StaffSession) else None


def _oidc_allowed() -> bool:
    """Signed in through OIDC and still on the staff list."""
    if not st.user.get("is_logged_in"):
        return False
    allowed = allowed_emails(settings().staff_emails)
    email = str(st.user.get("email") or "").strip().lower()
    return "*" in allowed or bool(email and email in allowed)


def staff_check(action: str) -> str | None:
    """Who may act now, for a callback that is about to change or hand out data, or None.

    Button callbacks run *before* the script (and so before ``staff_gate``): each calls this
    first and does nothing when it returns None. An expired or ended session is ended here
    and the page says so on the run that follows.
    """
    session = _session()
    now = time.monotonic()
    minutes = settings().staff_session_minutes
    ok = session is not None and session.active(now, minutes)
    if ok and _auth_section() and not _oidc_allowed():
        ok = False
    if not ok or session is None:
        if session is not None:
            session.end()
        st.session_state.pop(SESSION_KEY, None)
        st.session_state["staff_expired_notice"] = True
        log.warning("staff action %s refused: no valid staff session", action)
        return None
    session.touch(now)
    return session.who


def current_session() -> StaffSession | None:
    """This session's staff session object (downloads check it when they run)."""
    return _session()


def staff_gate(lang: str) -> str | None:
    """Who the signed-in staff member is (an e-mail or ``password``), or None after drawing why not."""
    s = settings()
    section = _auth_section()
    oidc = bool(section)
    session = _session()
    now = time.monotonic()
    expired_notice = st.session_state.pop("staff_expired_notice", False)
    if session and not session.active(now, s.staff_session_minutes):
        session.end()
        st.session_state.pop(SESSION_KEY, None)
        expired_notice = True
        if oidc and st.user.get("is_logged_in"):
            st.logout()
        session = None
    if expired_notice:
        st.info(
            t("staff.session_expired", lang, minutes=s.staff_session_minutes), icon=":material/timer_off:"
        )
    email = st.user.get("email") if oidc else None
    visitor = Visitor(
        oidc_configured=oidc,
        password_hash=s.staff_password_hash,
        oidc_logged_in=bool(st.user.get("is_logged_in")) if oidc else False,
        oidc_email=str(email) if email else None,
        password_session=session is not None and session.who == "password",
    )
    access = staff_access(visitor, s.staff_emails)
    if access is Access.GRANTED:
        who = (visitor.oidc_email or "?") if oidc else "password"
        if session is None or session.who != who:
            session = StaffSession(who, now)
            st.session_state[SESSION_KEY] = session
            if oidc:
                audit(who, "signin", detail="single sign-on")
        session.touch(now)
        return who
    if access is Access.NOT_CONFIGURED:
        # Only that staff access is not set up: how to set it up (commands, variable names) is
        # for the operator, in docs/feedback.md and the server log, not for every visitor.
        log.warning(
            "staff page opened but no staff login is configured: set ARSHAN_STAFF_PASSWORD_HASH "
            "(python -m arshan_data hash-password) or an [auth] section in secrets (docs/feedback.md)"
        )
        st.error(t("staff.not_configured", lang), icon=":material/block:")
    elif access is Access.FORBIDDEN:
        log.warning("staff page refused for %s (not in staff_emails)", visitor.oidc_email)
        st.error(t("staff.forbidden", lang), icon=":material/block:")
        logout_button(lang)
    elif access is Access.OIDC_LOGIN:
        _oidc_login(section, lang)
    else:
        _password_form(lang)
    return None
