"""Fixtures of the web tests: a store built from the samples once per session, an in-process client, a live
server started as a real subprocess, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from eventwire.models import Document
from eventwire.store import Store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: an article whose text and title carry script payloads: it must show as text, never run
HOSTILE_TEXT = (
    "Police detained 40 protesters in Minsk on Sunday <script>window.__xss=1</script> after a rally.\n\n"
    'Gunmen attacked a police patrol in Kharkiv on Saturday, <img src=x onerror="window.__xss=1"> killing two '
    "officers, officials said.\n\n"
    'Rebels shelled the town of Kupiansk on Monday, javascript:window.__xss=1 <a href="javascript:window.__xss=1">'
    "click</a> the governor said.\n\n"
    '<svg onload="window.__xss=1"></svg> Support our journalism. Become a member today.'
)
HOSTILE_ID = "hostile-<script>-1"
HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">Hostile headline'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hostile_document() -> Document:
    from eventwire.ingest.ids import content_hash

    return Document(
        doc_id=HOSTILE_ID,
        source_path="hostile.jsonl",
        raw_hash=content_hash(HOSTILE_TEXT),
        text=HOSTILE_TEXT,
        title=HOSTILE_TITLE,
        url="javascript:window.__xss=1",
        source='<b onmouseover="window.__xss=1">Evil Wire</b>',
        published=__import__("datetime").date(2022, 9, 29),
    )


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, sample_results, pipeline) -> Path:
    """The samples plus one hostile article, in a store file (closed: tests open it as they need)."""
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.write(sample_results)
        store.write(list(pipeline.process([hostile_document()])))
        store.regroup()
    return path


@pytest.fixture(scope="session")
def client(web_store):
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    with TestClient(create_app(web_store)) as test_client:
        yield test_client


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", *args]


def start_server(db: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        cli("serve", "--db", str(db), "--port", str(port), *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/api/stats", process)
    except BaseException:
        stop(process)
        raise
    return process, base


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def live_server(web_store, tmp_path_factory) -> Iterator[str]:
    """``eventwire serve`` (read-only) over a copy of the web store, as a real process."""
    copy = tmp_path_factory.mktemp("live") / "served.duckdb"
    shutil.copyfile(web_store, copy)
    process, base = start_server(copy)
    yield base
    stop(process)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # a Content-Security-Policy violation is reported on the console
    page.on("console", lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None)

    def dialog(d) -> None:
        page.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield page
    context.close()
