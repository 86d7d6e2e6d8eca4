"""``eventwire report``: one self-contained HTML file (map, timeline, table) that opens offline anywhere.

The dashboard's page with every script and stylesheet inlined (ours from ``static/``, Leaflet and friends
from ``static/vendor/``, built from npm at install time) and the events and country outlines embedded as
JSON. Embedded text is escaped for its context: JSON with ``<``, ``>``, ``&`` and line separators as
``\\uXXXX`` escapes (no ``</script>`` can end the data early), and ``</`` in inlined code as ``<\\/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError
from eventwire.store import EventFilter, Store

WEB_DIR = Path(__file__).resolve().parent
STATIC = WEB_DIR / "static"
VENDOR = STATIC / "vendor"
STYLES = ["vendor/leaflet/leaflet.css", "vendor/markercluster/MarkerCluster.css",
          "vendor/markercluster/MarkerCluster.Default.css", "app.css"]  # fmt: skip
SCRIPTS = ["vendor/leaflet/leaflet.js", "vendor/markercluster/leaflet.markercluster.js",
           "vendor/topojson/topojson-client.min.js"]  # fmt: skip
WORLD = "vendor/world/countries-50m.json"


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _inline_code(text: str) -> str:
    return re.sub(r"</", r"<\\/", text)


def _read(name: str) -> str:
    path = STATIC / name
    if not path.exists():
        raise EventwireError(f"{path}: web assets missing (run `make install`, which builds them from npm)")
    return path.read_text(encoding="utf-8")


def render_report(events: list[dict[str, Any]], filters: dict[str, Any]) -> str:
    page = (WEB_DIR / "templates" / "index.html").read_text(encoding="utf-8")
    head_links = re.compile(r'<link rel="stylesheet" href="/static/[^"]+">\n')
    page = head_links.sub("", page)
    styles = "".join(f"<style>\n{_inline_code(_read(name))}\n</style>\n" for name in STYLES)
    page = page.replace("</head>", styles + "</head>", 1)
    page = re.sub(r'<script src="/static/[^"]+"></script>\n', "", page)
    data = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": filters,
        "events": events,
        "world": json.loads(_read(WORLD)),
    }
    scripts = f'<script type="application/json" id="eventwire-data">{script_json(data)}</script>\n'
    scripts += "".join(f"<script>\n{_inline_code(_read(name))}\n</script>\n" for name in [*SCRIPTS, "app.js"])
    page = page.replace("<!--EVENTWIRE-SCRIPTS-->", scripts, 1)
    page = page.replace("<title>eventwire — the analyst's desk</title>", "<title>eventwire report</title>", 1)
    return page.replace("<!--EVENTWIRE-BODY-->", "", 1)


def write_report(store: Store, where: EventFilter, output: Path, *, limit: int = 20000) -> int:
    """Write the report of the filtered events; the file appears only when complete. Returns the count."""
    events = list(store.events(where, limit))
    filters = {k: v for k, v in {
        "event": list(where.event), "country": where.country,
        "since": where.since.isoformat() if where.since else None,
        "until": where.until.isoformat() if where.until else None,
    }.items() if v}  # fmt: skip
    html = render_report(events, filters)
    partial = output.with_name(output.name + ".part")
    try:
        partial.write_text(html, encoding="utf-8")
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise EventwireError(f"{output}: cannot write ({error.strerror})") from None
    return len(events)
