"""Ingest through the server: only with a token, and it takes the token; in-process and live."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import cli, start_server, stop

TOKEN = "s3cret-token-for-tests"
ARTICLE = {
    "id": "live-1",
    "text": "Protesters blocked the main road into Valparaiso on Tuesday, police said.",
    "published": "2022-10-04",
    "title": "Road blocked",
    "source": "Test Wire",
}


@pytest.fixture
def writable_client(web_store, tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    copy = tmp_path / "rw.duckdb"
    shutil.copyfile(web_store, copy)
    with TestClient(create_app(copy, token=TOKEN, pipeline=pipeline)) as client:
        yield client


def test_read_only_server_has_no_ingest(client):
    response = client.post("/api/documents", json={"documents": [ARTICLE]}, follow_redirects=False)
    assert response.status_code == 405 and "--token" in response.json()["detail"]


def test_ingest_requires_the_token(writable_client):
    body = {"documents": [ARTICLE]}
    assert writable_client.post("/api/documents", json=body).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert writable_client.post("/api/documents", json=body, headers=wrong).status_code == 403
    basic = {"Authorization": f"Basic {TOKEN}"}
    assert writable_client.post("/api/documents", json=body, headers=basic).status_code == 403
    before = writable_client.get("/api/stats").json()
    assert before["ingest"] is True
    response = writable_client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["stored"] == 1 and answer["events"] >= 1 and answer["errors"] == []
    after = writable_client.get("/api/stats").json()
    assert after["documents"] == before["documents"] + 1
    assert after["events"] == before["events"] + answer["events"]
    assert writable_client.get("/api/documents/live-1").json()["title"] == "Road blocked"
    # the same document again is skipped
    again = writable_client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["stored"] == 0 and again["skipped"] == 1


def test_ingest_reports_bad_documents(writable_client):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    bad = writable_client.post("/api/documents", json={"documents": [{"id": "x", "text": "  "}]}, headers=headers)
    assert bad.status_code == 200 and bad.json()["stored"] == 0 and "empty" in bad.json()["errors"][0]
    assert (
        writable_client.post("/api/documents", json={"documents": [{"text": "no id"}]}, headers=headers).status_code
        == 422
    )
    assert writable_client.post("/api/documents", content=b"not json", headers=headers).status_code == 422


@pytest.mark.slow
def test_live_ingest_through_a_running_server(web_store, tmp_path):
    """`eventwire serve --token` holds the store; `eventwire ingest --server` (another process) sends new
    articles to it; the API shows their events at once."""
    copy = tmp_path / "live.duckdb"
    shutil.copyfile(web_store, copy)
    inputs = tmp_path / "new.jsonl"
    inputs.write_text(
        json.dumps(ARTICLE)
        + "\n"
        + json.dumps({"id": "live-2", "text": "Troops shelled Kupiansk on Monday, killing four civilians.",
                      "published": "2022-10-04"})
        + "\n{broken\n",
        encoding="utf-8",
    )  # fmt: skip
    process, base = start_server(copy, "--token", TOKEN)
    try:
        before = httpx.get(base + "/api/stats").json()
        # the store is held by the server: a direct ingest cannot open it
        direct = subprocess.run(
            cli("ingest", str(inputs), "--db", str(copy)), capture_output=True, text=True, timeout=300
        )
        assert direct.returncode == 2 and "eventwire: error:" in direct.stderr
        refused = subprocess.run(
            cli("ingest", str(inputs), "--server", base, "--token", "wrong-token"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert refused.returncode == 2 and "refused the token" in refused.stderr
        result = subprocess.run(
            cli("ingest", str(inputs), "--server", base, "--token", TOKEN), capture_output=True, text=True, timeout=300
        )
        # the malformed line is reported (exit 2), the two good documents are stored
        assert result.returncode == 2, result.stderr
        assert "new.jsonl:3" in result.stderr and "stored 2 documents" in result.stderr
        after = httpx.get(base + "/api/stats").json()
        assert after["documents"] == before["documents"] + 2 and after["events"] > before["events"]
        new = httpx.get(base + "/api/events", params={"q": "Kupiansk on Monday", "limit": 50}).json()["events"]
        assert any(e["doc_id"] == "live-2" and e["event"] == "ASSAULT" for e in new)
        assert httpx.get(base + "/api/documents/live-1").status_code == 200
    finally:
        stop(process)


@pytest.mark.slow
def test_serve_errors_are_one_line(tmp_path, web_store):
    missing = subprocess.run(
        cli("serve", "--db", str(tmp_path / "nope.duckdb")), capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2 and missing.stderr.strip().count("\n") == 0 and "no such store" in missing.stderr
    copy = tmp_path / "s.duckdb"
    shutil.copyfile(web_store, copy)
    process, base = start_server(copy)
    try:
        port = base.rsplit(":", 1)[1]
        # by default it listens on the loopback address only
        tcp = Path("/proc/net/tcp")
        if tcp.exists():
            listening = [line.split()[1] for line in tcp.read_text().splitlines()[1:] if line.split()[3] == "0A"]
            assert f"0100007F:{int(port):04X}" in listening
            assert f"00000000:{int(port):04X}" not in listening
        taken = subprocess.run(
            cli("serve", "--db", str(copy), "--port", port), capture_output=True, text=True, timeout=60
        )
        assert taken.returncode == 2 and "already in use" in taken.stderr
        assert taken.stderr.strip().splitlines()[-1].startswith("eventwire: error:")
    finally:
        stop(process)
    short = subprocess.run(cli("serve", "--db", str(copy), "--token", "x"), capture_output=True, text=True, timeout=60)
    assert short.returncode == 2 and "at least 8" in short.stderr


@pytest.mark.slow
def test_ingest_to_an_unreachable_server_is_one_line(tmp_path):
    from tests.web.conftest import free_port

    inputs = tmp_path / "a.jsonl"
    inputs.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    result = subprocess.run(
        cli("ingest", str(inputs), "--server", f"http://127.0.0.1:{free_port()}", "--token", TOKEN),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("eventwire: error:") and "cannot reach the server" in result.stderr
    bad = subprocess.run(
        cli("ingest", str(inputs), "--server", "localhost:8000"), capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and "takes a URL" in bad.stderr
