"""One frozen settings object, read from ``ARSHAN_*`` environment variables and secrets.

Every setting has an embedded default so that a fresh clone runs with no configuration at all.
Streamlit is not imported here: the UI layer passes ``st.secrets`` in as a plain mapping.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

#: The city's clock (UTC+8, no daylight saving), for the day the demo comment period is around.
_CITY_TZ = dt.timezone(dt.timedelta(hours=8))

#: Tile basemaps an operator may switch on. ``none`` (the default) fetches nothing from anywhere.
BASEMAPS = ("none", "carto-positron", "carto-voyager", "tianditu")


class ConfigError(ValueError):
    """A setting has a value the app cannot use; the message says which and what to do."""


@dataclasses.dataclass(frozen=True)
class Settings:
    #: Folder with the built GeoParquet layers.
    layers_dir: Path = DATA_DIR / "layers"
    #: Folder with the editable sources the layers are built from.
    sources_dir: Path = DATA_DIR / "sources"
    #: Folder where a planning bureau drops authoritative files (Shapefile, GeoPackage, GeoJSON).
    official_dir: Path = DATA_DIR / "official"
    #: Plan catalog folder (YAML).
    catalog_dir: Path = DATA_DIR / "plan"
    #: ``none`` or one of BASEMAPS. Anything but ``none`` makes the browser fetch tiles.
    basemap: str = "none"
    #: Key for the Tianditu basemap (from secrets; never in the repository).
    tianditu_key: str = ""
    #: Feedback store: a file path (SQLite, the embedded default) or a ``postgresql://`` URL.
    feedback_store: str = str(REPO_ROOT / "var" / "feedback.sqlite3")
    #: The public comment period, both days inclusive (the plan's own: 2023-02-03 to 2023-03-04,
    #: as deploy/arxan.env.example sets it). When neither is configured, ``load_settings`` opens
    #: a demo period around today (``DEMO_PERIOD_DAYS`` either side) and sets
    #: ``comment_period_demo``, so a fresh install shows an open form that says it is a demo.
    comment_start: dt.date = dt.date(2023, 2, 3)
    comment_end: dt.date = dt.date(2023, 3, 4)
    #: True when the period above is the demo period (not a setting: derived by load_settings).
    comment_period_demo: bool = dataclasses.field(default=False, metadata={"derived": True})
    #: Whether comments are still taken after the period ends.
    accept_late_comments: bool = True
    #: Rate limit: at most ``rate_limit_count`` submissions per ``rate_limit_window_s`` per client.
    rate_limit_count: int = 5
    rate_limit_window_s: int = 600
    #: A form submitted sooner than this after it was shown is treated as a bot.
    min_submit_seconds: float = 3.0
    #: Staff login: a PBKDF2 hash made with ``python -m arshan_data hash-password``.
    staff_password_hash: str = ""
    staff_session_minutes: int = 30
    staff_max_failures: int = 5
    staff_lockout_minutes: int = 15
    #: Public base URL used in QR codes and shared links (e.g. https://plan.example.gov.cn).
    public_url: str = "http://localhost:8501"
    #: Staff who may sign in through OIDC (``st.login``): comma-separated e-mails, or ``*`` for
    #: everyone the identity provider admits. Unused with the password login.
    staff_emails: str = ""
    #: Key for the hash of a client's address that duplicate detection stores instead of the
    #: address. Set the same random value on every app process (docs/feedback.md).
    client_hash_secret: str = ""
    #: The same text from the same client within this many hours is refused as a duplicate.
    duplicate_window_hours: int = 24

    def uses_postgres(self) -> bool:
        return self.feedback_store.startswith(("postgresql://", "postgres://"))


#: The settings an operator can set (a derived field is computed, never read from outside).
_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if not f.metadata.get("derived")}
#: The demo comment period reaches this many days before and after today.
DEMO_PERIOD_DAYS = 30
_PERIOD = ("comment_start", "comment_end")


def demo_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The comment period a fresh install opens: from ``DEMO_PERIOD_DAYS`` before ``today`` to
    as many days after it."""
    span = dt.timedelta(days=DEMO_PERIOD_DAYS)
    return today - span, today + span


def _coerce(name: str, raw: Any) -> Any:
    field_type = _FIELDS[name].type
    default = _FIELDS[name].default
    if isinstance(default, Path):
        return Path(str(raw)).expanduser()
    if isinstance(default, bool):
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"ARSHAN_{name.upper()} must be true or false, not {raw!r}.")
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"ARSHAN_{name.upper()} must be a whole number, not {raw!r}.") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"ARSHAN_{name.upper()} must be a number, not {raw!r}.") from None
    if isinstance(default, dt.date):
        if isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            raise ConfigError(f"ARSHAN_{name.upper()} must be a date like 2023-02-03, not {raw!r}.") from None
    assert field_type in ("str", str), field_type
    return str(raw)


def load_settings(
    env: Mapping[str, str] | None = None,
    secrets: Mapping[str, Any] | None = None,
    *,
    today: dt.date | None = None,
) -> Settings:
    """Settings from secrets (section ``[arshan]``) overridden by ``ARSHAN_*`` environment variables.

    ``today`` (the city's calendar day; default: now in UTC+8) places the demo comment period
    when no period is configured.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    section = (secrets or {}).get("arshan", {}) if secrets else {}
    for name in _FIELDS:
        if name in section:
            values[name] = _coerce(name, section[name])
        key = f"ARSHAN_{name.upper()}"
        if key in env and env[key] != "":
            values[name] = _coerce(name, env[key])
    configured = [name for name in _PERIOD if name in values]
    if len(configured) == 1:
        given = f"ARSHAN_{configured[0].upper()}"
        missing = next(f"ARSHAN_{name.upper()}" for name in _PERIOD if name not in values)
        raise ConfigError(f"{given} is set but {missing} is not: set both days of the comment period.")
    if not configured:
        day = today or dt.datetime.now(_CITY_TZ).date()
        values["comment_start"], values["comment_end"] = demo_period(day)
        values["comment_period_demo"] = True
    settings = Settings(**values)
    if settings.basemap not in BASEMAPS:
        raise ConfigError(f"ARSHAN_BASEMAP must be one of {', '.join(BASEMAPS)}, not {settings.basemap!r}.")
    if settings.basemap == "tianditu" and not settings.tianditu_key:
        raise ConfigError(
            "The Tianditu basemap needs a key: set ARSHAN_TIANDITU_KEY or [arshan] tianditu_key "
            "in .streamlit/secrets.toml, or set ARSHAN_BASEMAP=none."
        )
    if settings.comment_end < settings.comment_start:
        raise ConfigError("ARSHAN_COMMENT_END is before ARSHAN_COMMENT_START.")
    return settings
