"""A light Streamlit client: what the browser says over ``/_stcore/stream``, and nothing else.

It speaks Streamlit's own protocol (``streamlit.proto`` BackMsg / ForwardMsg, binary WebSocket
frames) the way the frontend of the installed version does (read in its bundled JS):

- connect to ``ws://host/_stcore/stream`` with the ``streamlit`` subprotocol, offering
  permessage-deflate like every browser (the server decides: ``server.enableWebsocketCompression``);
- ask for a run with ``BackMsg.rerun_script`` (a ``ClientState``): the first request of a page
  names it by URL path (``page_name``), later ones by ``page_script_hash`` from the server's
  ``new_session``/``navigation`` messages, with the query string the app last set;
- keep every ForwardMsg the server marks ``metadata.cacheable`` and declare those hashes in
  ``cached_message_hashes`` on each rerun, so the server sends a ``ref_hash`` instead of an
  unchanged large element (the browser's ForwardMsgCache);
- a run is over at ``script_finished`` with any status but "finished early for rerun".

Built on the sans-I/O protocol of the ``websockets`` package over asyncio streams, so it counts
the bytes that cross the wire (compressed) as well as each message's size, and many clients fit
in one process. Widget states are not sent: the server then keeps each widget's last value,
which is what a rerun with unchanged widgets does.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.client import ClientProtocol
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
from websockets.frames import Opcode
from websockets.http11 import Response
from websockets.typing import Subprotocol
from websockets.uri import parse_uri

DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


class ProtocolError(RuntimeError):
    pass


@dataclasses.dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float  # rerun request sent → script_finished received
    message_bytes: int  # sum of the WebSocket messages' sizes (uncompressed payloads)
    wire_bytes: int  # bytes read from the socket (frames, compressed when negotiated)
    messages: int
    ref_hits: int  # elements the server did not resend (ForwardMsg.ref_hash)
    deck_bytes: int  # of message_bytes: pydeck elements
    media: list[str]  # media URLs the browser fetches on drawing (st.image, eager download buttons)
    errors: list[str]  # exception elements shown (a broken page)
    alerts: list[str]  # error alerts shown (may be intended, e.g. staff login not configured)
    element_bytes: dict[str, int]  # message bytes by element type (new_element deltas)


class StreamlitClient:
    def __init__(self, host: str, port: int, *, compress: bool = True, path: str = "/_stcore/stream"):
        self.host, self.port, self.compress, self.path = host, port, compress, path
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.proto: ClientProtocol | None = None
        self.cache: set[str] = set()
        self.page_script_hash = ""
        self.query_string = ""
        self.compression: str | None = None  # the negotiated extension, if any
        self.wire_total = 0
        self._pending: list[bytes] = []
        self._frag: list[bytes] = []

    # ------------------------------------------------------------------ connection
    async def connect(self, timeout: float = 60) -> None:
        self.reader, self.writer = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port, limit=2**24), timeout
        )
        extensions = [ClientPerMessageDeflateFactory()] if self.compress else None
        self.proto = ClientProtocol(
            parse_uri(f"ws://{self.host}:{self.port}{self.path}"),
            subprotocols=[Subprotocol("streamlit")],
            extensions=extensions,
            max_size=None,
        )
        self.proto.send_request(self.proto.connect())
        await self._flush()
        deadline = time.monotonic() + timeout
        while True:
            for event in await self._read(deadline):
                if isinstance(event, Response):
                    if event.status_code != 101:
                        raise ProtocolError(f"handshake refused: HTTP {event.status_code}")
                    ext = event.headers.get("Sec-WebSocket-Extensions")
                    self.compression = ext or None
                    return

    async def close(self) -> None:
        if self.writer is None:
            return
        try:
            self.proto.send_close(1000)
            await self._flush()
        except Exception:  # closing anyway
            pass
        self.writer.close()
        try:
            await asyncio.wait_for(self.writer.wait_closed(), 5)
        except Exception:
            pass
        self.writer = None

    async def _flush(self) -> None:
        data = b"".join(self.proto.data_to_send())
        if data:
            self.writer.write(data)
            await self.writer.drain()

    async def _read(self, deadline: float) -> list:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from the server in time")
        data = await asyncio.wait_for(self.reader.read(1 << 20), remaining)
        if not data:
            raise ProtocolError("server closed the connection")
        self.wire_total += len(data)
        self.proto.receive_data(data)
        events = self.proto.events_received()
        await self._flush()  # pongs, close replies
        return events

    async def _messages(self, deadline: float):
        """Yield whole binary messages as they arrive."""
        while True:
            for event in await self._read(deadline):
                if isinstance(event, Response):
                    continue
                if event.opcode in (Opcode.PING, Opcode.PONG):
                    continue
                if event.opcode == Opcode.CLOSE:
                    raise ProtocolError("server closed the WebSocket")
                self._frag.append(event.data)
                if event.fin:
                    payload = b"".join(self._frag)
                    self._frag = []
                    yield payload

    # ------------------------------------------------------------------ runs
    def rerun_msg(self, *, page_name: str | None = None, query_string: str | None = None) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string if query_string is None else query_string
        if page_name is not None:  # a first visit by URL path, like the browser on page load
            state.page_name = page_name
        else:
            state.page_script_hash = self.page_script_hash
        state.cached_message_hashes.extend(sorted(self.cache))
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "Asia/Shanghai", -480, "zh-CN"
        info.url = f"http://{self.host}:{self.port}/{page_name or ''}"
        return msg.SerializeToString()

    async def run(
        self, *, page_name: str | None = None, query_string: str | None = None, timeout: float = 120
    ) -> RunResult:
        """Ask for a run and read until it has finished."""
        wire_before = self.wire_total
        start = time.perf_counter()
        self.proto.send_binary(self.rerun_msg(page_name=page_name, query_string=query_string))
        await self._flush()
        deadline = time.monotonic() + timeout
        total = count = hits = deck = 0
        media, errors, alerts, by_type = [], [], [], {}
        async for payload in self._messages(deadline):
            total += len(payload)
            count += 1
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                self.cache.add(msg.hash)
            if kind == "ref_hash":
                hits += 1
            elif kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash or self.page_script_hash
            elif kind == "navigation":
                self.page_script_hash = msg.navigation.page_script_hash or self.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                etype = element.WhichOneof("type")
                by_type[etype] = by_type.get(etype, 0) + len(payload)
                if etype == "deck_gl_json_chart":
                    deck += len(payload)
                elif etype == "imgs":
                    media += [img.url for img in element.imgs.imgs if img.url]
                elif (
                    etype == "download_button"
                    and element.download_button.url
                    and not element.download_button.deferred_file_id
                ):
                    # The frontend fetches the file when it draws the button (to check the URL),
                    # so its whole content is part of the page load; deferred data is not.
                    media.append(element.download_button.url)
                elif etype == "exception":
                    errors.append(f"{element.exception.type}: {element.exception.message}"[:300])
                elif etype == "alert" and element.alert.format == element.alert.ERROR:
                    alerts.append(element.alert.body[:300])
            elif kind == "script_finished" and msg.script_finished in DONE:
                return RunResult(
                    time.perf_counter() - start,
                    total,
                    self.wire_total - wire_before,
                    count,
                    hits,
                    deck,
                    media,
                    errors,
                    alerts,
                    by_type,
                )
        raise ProtocolError("stream ended")  # pragma: no cover - _messages raises first

    async def drain(self, seconds: float = 0.2) -> int:
        """Read whatever the server still sends for a short while (bytes)."""
        got = 0
        try:
            async for payload in self._messages(time.monotonic() + seconds):
                got += len(payload)
        except TimeoutError:
            pass
        return got
