"""Staff exports: comments as CSV (opens in Excel with Chinese intact) and GeoJSON.

Personal data is never in these; contacts have their own export that staff must ask for.
Every text cell that a spreadsheet could read as a formula is prefixed with ``'``
(``downloads.csv_bytes``, shared with the readers' table downloads).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from arshan_data.exports.downloads import csv_bytes
from arshan_data.feedback.model import LOCAL_TZ, AuditEntry, Comment, Personal
from arshan_data.i18n import t

COMMENT_COLUMNS = (
    "reference",
    "created_at",
    "stance",
    "topic",
    "element_id",
    "cell_id",
    "lon",
    "lat",
    "status",
    "published",
    "message",
    "answer",
)
CONTACT_COLUMNS = ("reference", "name", "contact", "contact_kind", "consent_at")
AUDIT_COLUMNS = ("at_utc", "who", "action", "reference", "detail")


def _local(value) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M") if value else ""


def comment_row(comment: Comment, lang: str) -> dict:
    """One comment as plain values with translated labels (also used for the staff table)."""
    return {
        "reference": comment.reference,
        "created_at": _local(comment.created_at),
        "stance": t(f"feedback.stance.{comment.stance}", lang),
        "topic": t(f"feedback.topic.{comment.topic}", lang),
        "element_id": comment.element_id or "",
        "cell_id": comment.cell_id or "",
        "lon": comment.lon,
        "lat": comment.lat,
        "status": t(f"staff.status.{comment.status}", lang),
        "published": t("staff.yes", lang) if comment.published else t("staff.no", lang),
        "message": comment.message,
        "answer": comment.answer or "",
    }


def comments_csv(comments: Iterable[Comment], lang: str) -> bytes:
    header = [t(f"staff.col.{name}", lang) for name in COMMENT_COLUMNS]
    rows = ([comment_row(c, lang)[name] for name in COMMENT_COLUMNS] for c in comments)
    return csv_bytes(header, rows)


def contacts_csv(people: Iterable[Personal], lang: str) -> bytes:
    header = [t(f"staff.col.{name}", lang) for name in CONTACT_COLUMNS]
    rows = (
        [
            p.reference,
            p.name,
            p.contact,
            t(f"staff.contact_kind.{p.contact_kind}", lang) if p.contact_kind else "",
            _local(p.consent_at),
        ]
        for p in people
    )
    return csv_bytes(header, rows)


def comments_geojson(comments: Iterable[Comment]) -> str:
    """Located comments as points at their ~1 km cell centre (WGS 84), without personal data."""
    features = []
    for c in comments:
        if c.lon is None or c.lat is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                "properties": {
                    "reference": c.reference,
                    "created_at": c.created_at.isoformat(),
                    "stance": c.stance,
                    "topic": c.topic,
                    "element_id": c.element_id,
                    "cell_id": c.cell_id,
                    "status": c.status,
                    "published": c.published,
                    "message": c.message,
                    "answer": c.answer,
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def audit_row(entry: AuditEntry, lang: str) -> dict:
    """One audit entry as plain values; the time in UTC (ISO 8601), as the log has it."""
    return {
        "at_utc": entry.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "who": entry.who,
        "action": t(f"staff.audit.action.{entry.action}", lang),
        "reference": entry.reference or "",
        "detail": entry.detail,
    }


def audit_csv(entries: Iterable[AuditEntry], lang: str) -> bytes:
    header = [t(f"staff.audit.col.{name}", lang) for name in AUDIT_COLUMNS]
    rows = ([audit_row(e, lang)[name] for name in AUDIT_COLUMNS] for e in entries)
    return csv_bytes(header, rows)
