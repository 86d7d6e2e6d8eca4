"""``eventwire report``: escaping of embedded data, errors."""

from __future__ import annotations

import json

from eventwire.web.report import render_report, script_json
from tests.conftest import run_cli


def test_embedded_json_cannot_end_its_script_element():
    value = {"text": "</script><script>window.__xss=1</script><!-- & \u2028"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_report_page_has_no_external_references_of_its_own():
    page = render_report([], {})
    assert 'id="eventwire-data"' in page
    assert 'src="/static' not in page and 'href="/static' not in page  # everything inlined
    assert page.count("<script") == 5  # data, Leaflet, markercluster, topojson-client, ours


def test_report_errors_are_one_line(tmp_path):
    result = run_cli("report", "--db", str(tmp_path / "missing.duckdb"), "--output", str(tmp_path / "r.html"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("eventwire: error:") and "\n" not in result.stderr.strip()
    assert not (tmp_path / "r.html").exists()
