"""Log every non-loopback network attempt of this Python process (and its Python children).

Activated by PYTHONPATH=tools/netaudit and NETAUDIT_LOG=/path/to/log.jsonl. Uses PEP 578
audit hooks (sys.addaudithook), which the socket module raises for connect/connect_ex,
getaddrinfo, gethostbyname(_ex), gethostbyaddr, sendto and sendmsg - i.e. everything that
goes through CPython's socket module (requests/urllib3, urllib, asyncio, http.client).
Not seen: C libraries with their own sockets (libpq, libcurl, ...), which is why the test
also runs the server in an empty network namespace and under strace.
"""

import json
import os
import sys
import traceback

_LOG = os.environ.get("NETAUDIT_LOG")
_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "socket.sendmsg",
}
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "", None}


def _is_local(addr) -> bool:
    if isinstance(addr, tuple) and addr:
        host = addr[0]
    else:
        host = addr
    if isinstance(host, bytes):
        host = host.decode("latin-1", "replace")
    if isinstance(host, str) and (host.startswith("127.") or host.startswith("/") or host.startswith("\0")):
        return True  # loopback or an AF_UNIX path
    return host in _LOCAL_HOSTS


def _hook(event, args):
    if event not in _EVENTS:
        return
    try:
        if event == "socket.connect":
            target = args[1]
        elif event in ("socket.sendto", "socket.sendmsg"):
            target = args[1]
        else:  # getaddrinfo(host, port, ...), gethostbyname(host), gethostbyaddr(ip)
            target = args[0]
        if _is_local(target):
            return
        stack = [f"{f.filename}:{f.lineno}:{f.name}" for f in traceback.extract_stack()[-8:-1]]
        with open(_LOG, "a") as f:
            f.write(
                json.dumps({"pid": os.getpid(), "event": event, "target": repr(target), "stack": stack})
                + "\n"
            )
    except Exception:  # never break the audited process
        pass


if _LOG:
    sys.addaudithook(_hook)
