"""Staff exports: CSV that Excel opens with Chinese intact and no formulas, GeoJSON, contacts apart."""

import csv
import datetime as dt
import io
import json

import pytest

from arshan_data.exports.downloads import escape_cell
from arshan_data.feedback.export import comments_csv, comments_geojson, contacts_csv
from arshan_data.feedback.model import Comment, Personal

UTC = dt.UTC


def comment(**overrides) -> Comment:
    values = dict(
        reference="AR-7K3Q-X9M2",
        created_at=dt.datetime(2023, 2, 3, 16, 30, tzinfo=UTC),
        stance="objection",
        topic="transport",
        message="反对在温泉街拓宽道路。",
        cell_id="c7_8",
        lon=120.0,
        lat=47.2,
    )
    values.update(overrides)
    return Comment(**values)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark missing: Excel would garble Chinese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a = b", "a = b"),
        ("天池", "天池"),
        ("", ""),
        (120.5, 120.5),
        (None, None),
        (-3, -3),
    ],
)
def test_cells_that_would_be_formulas_are_escaped(value, expected):
    assert escape_cell(value) == expected


def test_comments_csv_is_utf8_with_bom_and_readable(lang="zh"):
    rows = read_csv(
        comments_csv(
            [
                comment(),
                comment(
                    reference="AR-0000-0001",
                    message="=1+2 ![x](http://e)",
                    answer="@谢谢",
                    lon=None,
                    lat=None,
                    cell_id=None,
                ),
            ],
            lang,
        )
    )
    header, first, second = rows
    assert header[:4] == ["编号", "提交时间", "态度", "规划内容"]
    assert first[:4] == ["AR-7K3Q-X9M2", "2023-02-04 00:30", "异议", "交通"]  # local time, UTC+8
    assert "反对在温泉街拓宽道路。" in first
    assert "'=1+2 ![x](http://e)" in second and "'@谢谢" in second


def test_comments_csv_has_no_personal_data():
    data = comments_csv([comment()], "en").decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(data)))
    assert not {"Name", "Contact", "Contact type"} & set(header)


def test_contacts_have_their_own_export():
    people = [
        Personal("AR-7K3Q-X9M2", "张三", "13912345678", "mobile", dt.datetime(2023, 2, 3, tzinfo=UTC)),
        Personal("AR-0000-0001", "=cmd|' /C calc'!A0", "+8613912345678", "mobile", None),
    ]
    header, first, second = read_csv(contacts_csv(people, "zh"))
    assert header == ["编号", "姓名", "联系方式", "联系方式类型", "同意时间"]
    assert first == ["AR-7K3Q-X9M2", "张三", "13912345678", "手机", "2023-02-03 08:00"]
    assert second[1].startswith("'=") and second[2] == "'+8613912345678"


def test_geojson_holds_located_comments_without_personal_data():
    data = json.loads(comments_geojson([comment(), comment(reference="AR-0000-0001", lon=None, lat=None)]))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [120.0, 47.2]}
    assert feature["properties"]["message"] == "反对在温泉街拓宽道路。"
    assert not {"name", "contact", "client_hash"} & set(feature["properties"])


def test_the_audit_log_export_is_in_utc_and_formula_safe():
    from arshan_data.feedback.export import audit_csv
    from arshan_data.feedback.model import AuditEntry

    at = dt.datetime(2023, 2, 10, 2, 3, 4, tzinfo=dt.UTC)
    rows = audit_csv([AuditEntry(at, "=HYPERLINK(1)", "export", None, "+contacts CSV: 3 people")], "en")
    text = rows.decode("utf-8-sig")
    assert "2023-02-10T02:03:04Z" in text and "Exported" in text
    assert "'=HYPERLINK(1)" in text and "'+contacts CSV" in text
