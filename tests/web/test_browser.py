"""The dashboard and the report in a real browser: Debian's Chromium, headless, driven by Playwright, against
a live ``eventwire serve`` on a free loopback port (and the report opened from a file, offline)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import httpx
import pytest

from tests.web.conftest import HOSTILE_ID, cli, start_server, stop

pytestmark = pytest.mark.slow


def wait_refreshed(page, after: int, timeout: float = 20.0) -> int:
    """Wait until the page has finished more refreshes than ``after`` (polled: the CSP forbids eval)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = int(page.get_attribute("body", "data-refreshes") or 0)
        if done > after:
            return done
        page.wait_for_timeout(50)
    raise TimeoutError(f"the page did not refresh (errors: {page.errors})")


def markers(page) -> int:
    return int(page.get_attribute("#map", "data-markers"))


def rows(page) -> list[str]:
    return page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()


def assert_no_script_ran(page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.errors == []


def test_dashboard_map_filters_and_document_view(page, live_server):
    page.goto(live_server + "/")
    done = wait_refreshed(page, 0)
    everything = markers(page)
    assert everything > 50
    # clusters and single markers are drawn on the map
    page.wait_for_selector(".ew-cluster-icon, path.ew-marker", state="attached")
    assert page.locator(".ew-cluster-icon, path.ew-marker").count() > 0
    assert page.locator("#timeline svg rect").count() > 5
    assert "Natural Earth, GeoNames" in page.inner_text(".leaflet-control-attribution")

    # filter by type: untick ASSAULT
    page.uncheck("#type-boxes input[value=ASSAULT]")
    done = wait_refreshed(page, done)
    fewer = markers(page)
    assert 0 < fewer < everything
    assert "ASSAULT" not in rows(page)
    assert "event=PROTEST" in page.url and "event=ASSAULT" not in page.url  # the URL carries the filters

    # only PROTEST
    page.click("#types-none")
    done = wait_refreshed(page, done)
    assert markers(page) == 0
    page.check("#type-boxes input[value=PROTEST]")
    done = wait_refreshed(page, done)
    assert 0 < markers(page) < fewer
    assert set(rows(page)) == {"PROTEST"}
    shared = page.url

    # a shared link restores the filters
    page.goto(shared)
    wait_refreshed(page, 0)
    assert set(rows(page)) == {"PROTEST"}
    assert page.is_checked("#type-boxes input[value=PROTEST]") and not page.is_checked(
        "#type-boxes input[value=ASSAULT]"
    )

    # click an event: its document opens with the evidence highlighted, boilerplate greyed with its reason
    page.goto(live_server + "/?event=ASSAULT&q=Shelling%20killed")
    wait_refreshed(page, 0)
    row = page.locator("#events tbody tr").first
    evidence = row.locator("td.evidence").inner_text()
    row.click()
    page.wait_for_selector("#doc mark.evidence")
    highlighted = "".join(page.locator("#doc mark.evidence").all_text_contents())
    assert highlighted == evidence
    assert page.locator("#doc .other-event").count() > 0
    assert page.locator("#doc .removed .reason").count() > 0
    assert "removed:" in page.locator("#doc .removed .reason").first.inner_text().lower()
    assert page.is_visible("#doc-panel")
    assert page.errors == []


def test_timeline_brush_sets_the_dates(page, live_server):
    page.goto(live_server + "/")
    done = wait_refreshed(page, 0)
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.45, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
    page.mouse.up()
    wait_refreshed(page, done)
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    assert re.match(r"\d{4}-\d\d-\d\d$", since) and since <= until
    assert f"since={since}" in page.url
    dates = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert dates and all(since <= d <= until for d in dates)


def test_article_payloads_never_run(page, live_server):
    """An article with <script>, onerror= and javascript: payloads in its text, title, source and URL."""
    page.goto(live_server + "/?q=window.__xss")
    wait_refreshed(page, 0)
    table = page.locator("#events tbody tr")
    assert table.count() >= 2
    assert "<script>window.__xss=1</script>" in page.inner_text("#events tbody")
    for i in range(table.count()):
        table.nth(i).click()
        page.wait_for_selector("#doc mark.evidence")
        assert_no_script_ran(page)
    text = page.inner_text("#doc")
    assert '<img src=x onerror="window.__xss=1">Hostile headline' in text
    assert '<svg onload="window.__xss=1"></svg>' in text  # the removed appeal, shown as text
    assert page.locator("#doc a").count() == 0  # a javascript: URL is shown, not linked
    assert page.locator("#doc img, #doc script, #doc svg, #events img, #events script").count() == 0
    # the popups of its markers too
    page.evaluate(
        """() => { const paths = document.querySelectorAll('path.ew-marker'); paths.forEach(p => p.dispatchEvent(
            new MouseEvent('click', {bubbles: true}))); }"""
    )
    page.wait_for_timeout(300)
    assert "window.__xss=1" in page.inner_text(".leaflet-popup-content")  # a popup opened, showing the text
    assert_no_script_ran(page)
    assert HOSTILE_ID in page.inner_text("#doc")


def test_report_opens_offline_from_a_file(page, web_store, tmp_path):
    output = tmp_path / "report.html"
    result = subprocess.run(
        cli("report", "--db", str(web_store), "--output", str(output)), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    html = output.read_text(encoding="utf-8")
    # outside the inlined code, no element loads or links anything from another host
    markup = re.sub(r"(?s)<(script|style)\b[^>]*>.*?</\1>", "", html)
    assert not re.search(r"""(?i)\b(src|href)\s*=\s*["']?\s*(https?:)?//""", markup)
    assert "</script>window" not in html and "<script>window.__xss" not in html  # embedded JSON is escaped
    requests: list[str] = []

    def block(route) -> None:
        if not route.request.url.startswith(("file:", "data:")):
            requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", block)
    page.goto(output.as_uri())
    wait_refreshed(page, 0)
    assert markers(page) > 50
    assert page.locator(".ew-cluster-icon, path.ew-marker").count() > 0
    assert page.locator("#timeline svg rect").count() > 5
    external = page.evaluate(
        "() => [...document.querySelectorAll('[src],[href]')].map(e => e.src || e.href).filter(u => /^https?:/.test(u))"
    )
    assert external == []
    page.uncheck("#type-boxes input[value=ASSAULT]")
    wait_refreshed(page, 1)
    assert "ASSAULT" not in rows(page)
    page.fill("#f-q", "window.__xss")
    page.press("#f-q", "Enter")
    page.locator("#events tbody tr").first.wait_for()
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#doc mark.evidence")
    assert "window.__xss=1" in page.inner_text("#doc")
    assert_no_script_ran(page)
    assert requests == []


def test_api_reference_opens_offline(page, live_server):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 4
    assert [url for url in requests if not url.startswith(live_server)] == []
    assert page.errors == []


def test_dashboard_shows_articles_ingested_while_it_is_open(page, web_store, tmp_path):
    copy = tmp_path / "live.duckdb"
    shutil.copyfile(web_store, copy)
    token = "dashboard-live-token"
    process, base = start_server(copy, "--token", token)
    try:
        page.goto(base + "/?event=PROTEST")
        done = wait_refreshed(page, 0)
        before = markers(page)
        article = {
            "id": "live-dashboard-1",
            "text": "Thousands of protesters marched through Valparaiso on Tuesday demanding higher pensions.",
            "published": "2022-10-04",
        }
        answer = httpx.post(
            base + "/api/documents",
            json={"documents": [article]},
            headers={"Authorization": f"Bearer {token}"},
            timeout=300,
        ).json()
        assert answer["events"] >= 1
        wait_refreshed(page, done, timeout=30)  # the page polls /api/stats and redraws
        assert markers(page) == before + 1
        assert "Valparaiso" in page.inner_text("#events tbody")
    finally:
        stop(process)
