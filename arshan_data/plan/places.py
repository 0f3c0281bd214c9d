"""The plan's places as the town, transport and heritage pages show them. Pure: no Streamlit.

Catalog entries are joined to map features here. Catalog ids are unique only within one list
(``wenquan_street`` is both a subdistrict and a service centre), so every join is scoped to one
list: the 1+4 towns, the village table, the central-city structure, and so on. A feature links
through its ``catalog_id`` only (never by a guess from its name).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from arshan_data.plan.catalog import Catalog, text

# ----------------------------------------------------------------------------- joining features


def index(items: Iterable[Mapping]) -> dict[str, Mapping]:
    """Catalog items of one list by id."""
    return {item["id"]: item for item in items}


def link(row: Mapping, items: Mapping[str, Mapping]) -> Mapping | None:
    """The catalog item (of one list, by id) a map feature stands for, or None."""
    catalog_id = row.get("catalog_id")
    return items.get(catalog_id) if isinstance(catalog_id, str) else None


def linked_feature_ids(
    rows: Iterable[Mapping], items: Mapping[str, Mapping], wanted: Iterable[str]
) -> list[str]:
    """Ids of the features that stand for the ``wanted`` catalog ids, in feature order."""
    wanted = set(wanted)
    out = []
    for row in rows:
        item = link(row, items)
        if item is not None and item["id"] in wanted:
            out.append(row["id"])
    return out


# ----------------------------------------------------------------------------- the 1+4 towns


@dataclasses.dataclass(frozen=True)
class Town:
    """One unit of the "1+4" system: the central city, its subdistricts and port, a key town."""

    item: Mapping
    #: ``central_city`` | ``subdistrict`` | ``port`` | ``key_town``
    rank: str
    functions: tuple[Mapping, ...] = ()

    @property
    def id(self) -> str:
        return self.item["id"]

    @property
    def role(self) -> Mapping | None:
        return self.item.get("role")

    @property
    def interpretation(self) -> Mapping | None:
        return self.item.get("interpretation")


def town_system(catalog: Catalog) -> list[Town]:
    """The central city, its four subdistricts, the port, then the four key towns (plan order)."""
    system = catalog["towns"]["town_system"]
    central = system["central_city"]
    towns = [Town(central, "central_city", tuple(central.get("functions", ())))]
    towns += [Town(sub, "subdistrict") for sub in central.get("subdistricts", ())]
    towns.append(Town(central["port"], "port", tuple(central["port"].get("functions", ()))))
    towns += [Town(town, "key_town", tuple(town.get("functions", ()))) for town in system["key_towns"]]
    return towns


def town_index(catalog: Catalog) -> dict[str, Town]:
    return {town.id: town for town in town_system(catalog)}


# ----------------------------------------------------------------------------- villages


def village_rows(catalog: Catalog) -> list[Mapping]:
    return list(catalog["towns"]["villages"]["table"]["rows"])


def village_categories(rows: Iterable[Mapping]) -> list[Mapping]:
    """The categories used in the table, each once, in table order."""
    seen: dict[str, Mapping] = {}
    for row in rows:
        seen.setdefault(row["category"]["zh"], row["category"])
    return list(seen.values())


def filter_villages(rows: Iterable[Mapping], category_zh: str | None) -> list[Mapping]:
    """The rows of one category (by its Chinese name); all rows when ``category_zh`` is None."""
    return [row for row in rows if category_zh is None or row["category"]["zh"] == category_zh]


def village_records(rows: Iterable[Mapping], columns: Sequence[Mapping], lang: str) -> list[dict]:
    """Table records keyed by the plan's own column headings (plain values, in plan order)."""
    records = []
    for row in rows:
        values = {
            "town": text(row["town"], lang),
            "village": text(row, lang),
            "category": text(row["category"], lang),
            "population": row["population"],
            "function": text(row["function"], lang),
        }
        records.append({text(col, lang): values[col["id"]] for col in columns})
    return records


# ----------------------------------------------------------------------------- structures


def structure_items(structure: Mapping, parts: Sequence[str]) -> dict[str, Mapping]:
    """Every named element of a structure (e.g. central city: core, axes, groups) by id."""
    items: dict[str, Mapping] = {}
    for part in parts:
        node = structure.get(part) or {}
        if "id" in node:
            items[node["id"]] = node
        for item in node.get("items", ()):
            items[item["id"]] = item
    return items


def group_labels(structure: Mapping) -> list[tuple[Mapping, list[Mapping]]]:
    """Each group with its labels: its own ``labels`` plus the shared ones it names by id."""
    shared = index(structure["groups"].get("shared_labels", ()))
    out = []
    for group in structure["groups"]["items"]:
        labels = list(group.get("labels", ())) + [shared[i] for i in group.get("label_ids", ())]
        out.append((group, labels))
    return out


def unassigned_labels(structure: Mapping) -> list[Mapping]:
    """Shared labels no group claims: the plan's map shows them without saying where they belong."""
    claimed = {i for group in structure["groups"]["items"] for i in group.get("label_ids", ())}
    return [label for label in structure["groups"].get("shared_labels", ()) if label["id"] not in claimed]


# ----------------------------------------------------------------------------- transport

MODES = ("air", "rail", "road")
STATUS_ORDER = ("existing", "upgrade", "planned", "unstated")


def transport_projects(catalog: Catalog) -> list[Mapping]:
    """The projects in plan order, grouped by mode (air, rail, road)."""
    projects = catalog["transport"]["projects"]
    return sorted(projects, key=lambda p: MODES.index(p["mode"]) if p["mode"] in MODES else len(MODES))


def project_pages(item: Mapping) -> list[int]:
    """Every plan page an item is on (``page`` and ``also_pages``), in page order."""
    return sorted({item["page"], *item.get("also_pages", ())})


def group_by_role(items: Iterable[Mapping]) -> list[tuple[list[Mapping], Mapping]]:
    """Items that share the same role (same Chinese wording) together, in first-seen order."""
    groups: dict[str, tuple[list[Mapping], Mapping]] = {}
    for item in items:
        role = item.get("role") or {}
        groups.setdefault(role.get("zh", ""), ([], role))[0].append(item)
    return list(groups.values())


def regional_cities(catalog: Catalog) -> list[Mapping]:
    """The cities of the regional-coordination strategy (乌阿海满) with their roles."""
    strategies = catalog["overview"]["strategies"]["items"]
    return [city for strategy in strategies for city in strategy.get("cities", ())]


# ----------------------------------------------------------------------------- heritage


def heritage_levels(catalog: Catalog) -> list[Mapping]:
    """The protected-site levels with their counts (national, autonomous region, city)."""
    return list(catalog["heritage"]["heritage"]["protected_sites"]["levels"])


@dataclasses.dataclass(frozen=True)
class HeritageLink:
    """What a heritage feature on the map is, in the plan's terms."""

    #: ``district`` (the plan's historic district), ``intangible`` (an item the plan names),
    #: or ``context`` (a site the plan only counts: its name comes from outside the plan).
    kind: str
    item: Mapping


def heritage_link(row: Mapping, catalog: Catalog) -> HeritageLink | None:
    """The plan entry behind a heritage feature. The plan names no protected site (it gives
    counts only), so a ``relic`` feature is always outside context, never plan text."""
    heritage = catalog["heritage"]["heritage"]
    kind = row.get("heritage_kind")
    if kind == "relic":
        return HeritageLink("context", heritage["protected_sites"])
    district = heritage["historic_district"]
    if kind == "historic_district" or row.get("catalog_id") == district["id"]:
        return HeritageLink("district", district)
    item = link(row, index(heritage["intangible"]["items"]))
    return HeritageLink("intangible", item) if item is not None else None


def nominated(catalog: Catalog) -> set[str]:
    """Ids of the intangible items the plan will nominate for the regional list in the near term."""
    return set(catalog["heritage"]["heritage"]["intangible"]["near_term_nomination"].get("item_ids", ()))
