"""The app's own logging: ``arshan_data.*`` at INFO, one line each with a UTC timestamp.

Streamlit configures only its own ``streamlit`` logger, so without this the app's lines (the
staff audit trail among them) went nowhere but Python's last-resort handler: warnings only,
without a time. Called once per process (``ui/server.py`` on import, and the script).
"""

from __future__ import annotations

import logging
import time

HANDLER_NAME = "arshan-app"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure() -> logging.Logger:
    """Give ``arshan_data`` a stderr handler with UTC timestamps, at INFO (idempotent)."""
    logger = logging.getLogger("arshan_data")
    if not any(h.get_name() == HANDLER_NAME for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.set_name(HANDLER_NAME)
        formatter = logging.Formatter(FORMAT, "%Y-%m-%dT%H:%M:%SZ")
        formatter.converter = time.gmtime
        handler.setFormatter(formatter)
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger
