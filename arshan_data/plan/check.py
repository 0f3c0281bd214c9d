"""Validate the plan catalog against the plan text (``python -m arshan_data check``)."""

from __future__ import annotations

from arshan_data.config import Settings
from arshan_data.geodata.schema import Problem
from arshan_data.plan import catalog


def check_catalog_files(settings: Settings) -> list[Problem]:
    label = str(settings.catalog_dir)
    try:
        cat = catalog.load_catalog(settings.catalog_dir)
    except catalog.CatalogError as exc:
        return [Problem(label, None, str(exc))]
    text = catalog.plan_text_path().read_text(encoding="utf-8")
    return [Problem(label, None, message) for message in catalog.check_catalog(cat, text)]
