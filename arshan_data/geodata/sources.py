"""Reading and writing the editable GeoJSON sources under ``data/sources/``."""

from __future__ import annotations

import json
from pathlib import Path


class SourceError(ValueError):
    """An editable source file cannot be read; the message names the file."""


def write_feature_collection(path: Path, features: list[dict]) -> Path:
    """Write features sorted by id, one stable layout, so that diffs show real edits only."""
    ordered = sorted(features, key=lambda f: str(f["properties"].get("id")))
    doc = {"type": "FeatureCollection", "features": ordered}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_feature_collection(path: Path) -> list[dict]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{path}: source file is missing.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path}: not valid UTF-8 GeoJSON ({exc}).") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise SourceError(f"{path}: expected a GeoJSON FeatureCollection.")
    crs = doc.get("crs")
    if crs is not None:
        name = str(crs.get("properties", {}).get("name", ""))
        if not name.endswith(("CRS84", "4326")):
            raise SourceError(
                f"{path}: declares CRS {name!r}; editable sources must be WGS84 lon/lat. "
                "Put projected official data in data/official/ instead, where it is reprojected."
            )
    return list(doc.get("features") or [])
