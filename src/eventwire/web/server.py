"""Run the app with uvicorn (``eventwire serve``)."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

from eventwire.errors import EventwireError


def check_port(host: str, port: int) -> None:
    """Fail with one clear line when the address cannot be bound (taken, or not ours)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise EventwireError(f"{host}:{port} is already in use (choose another --port)") from None
            raise EventwireError(f"cannot listen on {host}:{port} ({error.strerror})") from None


def serve(db: Path, host: str, port: int, token: str | None, announce: Callable[[str], None] = print) -> None:
    import uvicorn

    from eventwire.web.app import create_app

    if not db.exists():
        raise EventwireError(f"{db}: no such store (run `eventwire ingest` first)")
    check_port(host, port)
    app = create_app(db, token=token)
    mode = "read-write: POST /api/documents takes the token" if token else "read-only"
    announce(f"serving {db} ({mode}) on http://{host}:{port}/ (API reference: /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, timeout_keep_alive=30)
