"""A real server (``streamlit run app.py``) for the HTTP tests of the plain edition and the
document head, with a few published comments in its feedback store."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from arshan_data.feedback.model import Submission
from arshan_data.feedback.repository import open_repository

from ..browser.conftest import AppServer, _start

#: Published comments seeded into the store: more than one page of the public record.
PUBLISHED = 23


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Reply:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            status, got, body = reply.status, dict(reply.headers.items()), reply.read()
    except urllib.error.HTTPError as error:
        status, got, body = error.code, dict(error.headers.items()), error.read()
    got = {k.lower(): v for k, v in got.items()}
    if got.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return Reply(status, got, body)


class Page(HTMLParser):
    """What a test reads off an HTML page: tags, links, text, the html lang."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.lang = ""
        self.chunks: list[str] = []
        self.h: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang", "")
        if re.fullmatch(r"h[1-6]", tag):
            self.h.append(int(tag[1]))
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "img", "script"):
                self.links.append(a[key])

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


@pytest.fixture(scope="package")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-server")
    store = open_repository(str(folder / "feedback.sqlite3"))
    for i in range(PUBLISHED):
        receipt = store.add(
            Submission("support", "towns", f"Comment number {i} <b>not bold</b> & more text here."),
            f"web-test-{i}",
        )
        store.answer(receipt.reference, f"Answer to comment {i}.", publish=True)
    store.add(Submission("objection", "ecology", "An unpublished comment that must not show."), "web-test-x")
    store.close()
    app: AppServer = _start(folder, "web")
    yield app
    app.stop()
