"""The HTTP API and the dashboard: a FastAPI app over one DuckDB store.

``create_app(db_path)`` serves the store read-only (one read-only connection, a cursor per request). With
``token``, the app holds the store read-write and ``POST /api/documents`` (``Authorization: Bearer TOKEN``)
runs the pipeline on new documents and writes them: DuckDB allows one writing process, so live ingest goes
through the server (``eventwire ingest --server URL --token T``) while the dashboard is open.
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventwire import __version__
from eventwire.formats import writer_for
from eventwire.store import Store
from eventwire.web import queries
from eventwire.web.ingest import IngestService

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

#: the dashboard's Content-Security-Policy: our own scripts and styles only, no inline script, no other host
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
MAX_PAGE = 10_000
MAX_DOWNLOAD = 1_000_000
WEB_DIR = Path(str(resources.files("eventwire.web")))


class _CursorStore(Store):
    """A Store over one cursor of a shared connection (one per request; DuckDB cursors are thread-safe)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.path = path
        self.con = con


class Database:
    """The server's one connection to the store; read-only unless the app ingests."""

    def __init__(self, path: Path, *, writable: bool) -> None:
        self.path = path
        self.store = Store(path, read_only=not writable)
        self.write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        cursor = self.store.con.cursor()
        try:
            yield _CursorStore(cursor, self.path)
        finally:
            cursor.close()

    def close(self) -> None:
        self.store.close()


class FilterParams:
    """The event filters shared by /api/events, /api/stats and /api/incidents (all optional)."""

    def __init__(
        self,
        event: Annotated[list[str] | None, Query(description="PLOVER event type (repeatable).")] = None,
        aux_mode: Annotated[
            list[str] | None,
            Query(description="asserted (none), future, hypothetical, negation or historical (repeatable)."),
        ] = None,
        country: Annotated[str | None, Query(max_length=3, description="ISO3 code of where it happened.")] = None,
        party: Annotated[str | None, Query(max_length=3, description="ISO3 code of an actor or recipient.")] = None,
        sector: Annotated[
            str | None, Query(max_length=4, description="PLOVER sector of an actor or recipient.")
        ] = None,
        place: Annotated[str | None, Query(max_length=200, description="Part of the place name.")] = None,
        bbox: Annotated[str | None, Query(max_length=200, description="west,south,east,north in degrees.")] = None,
        since: Annotated[dt.date | None, Query(description="Events on or after this date.")] = None,
        until: Annotated[dt.date | None, Query(description="Events on or before this date.")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Words in the evidence text.")] = None,
    ) -> None:
        try:
            self.where = queries.make_filter(
                event=event,
                aux_mode=aux_mode,
                country=country,
                party=party,
                sector=sector,
                place=place,
                bbox=bbox,
                since=since,
                until=until,
                q=q,
            )
        except queries.FilterError as error:
            raise HTTPException(status_code=422, detail=str(error)) from None


Filters = Annotated[FilterParams, Depends()]


class IngestDocument(BaseModel):
    """One document, as a line of a ``.jsonl`` input."""

    id: str = Field(min_length=1, max_length=1000)
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: dt.date | None = None


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(max_length=1000)


def _download(
    rows: Callable[[Store], Iterator[dict[str, Any]]], db: Database, fmt: str, name: str, kind: str = "event"
):
    """A CSV/JSONL attachment, streamed in chunks (the store cursor lives as long as the response)."""

    def chunks() -> Iterator[str]:
        buffer = io.StringIO()
        writer = writer_for(fmt, buffer, kind=kind)
        with db.reader() as store:
            for record in rows(store):
                writer.write(record)
                if buffer.tell() > 1 << 16:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
        writer.close()
        yield buffer.getvalue()

    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(
        chunks(),
        media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def create_app(db_path: str | Path, *, token: str | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db_path``; ``token`` enables ``POST /api/documents`` (coded
    with ``pipeline``, by default one loaded on the first request)."""
    db = Database(Path(db_path), writable=token is not None)
    ingest = IngestService(db.store, db.write_lock, pipeline) if token else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load Swagger UI from a CDN: ours is served locally (below)
        redoc_url=None,
        title="eventwire",
        version=__version__,
        description="PLOVER events coded from news reports: filter, page, download; documents with evidence.",
    )
    app.state.db = db

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse((WEB_DIR / "templates" / "index.html").read_text(encoding="utf-8"))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_reference() -> HTMLResponse:
        page = (WEB_DIR / "templates" / "docs.html").read_text(encoding="utf-8")
        # Swagger UI sets inline styles; scripts stay our own files only
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/api/events", summary="Events, filtered and paged; JSON, or CSV/JSONL downloads")
    def events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_DOWNLOAD)] = 100,
        offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
        format: Annotated[Literal["json", "jsonl", "csv"], Query()] = "json",
    ) -> Any:
        if format != "json":
            return _download(lambda store: store.events(filters.where, limit, offset), db, format, "events")
        with db.reader() as store:
            if limit > MAX_PAGE:
                raise HTTPException(422, f"limit is at most {MAX_PAGE} for JSON pages (use format=csv or jsonl)")
            return Response(queries.events_json(store, filters.where, limit, offset), media_type="application/json")

    @app.get("/api/incidents", summary="Incidents: events several reports describe, merged")
    def incidents(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        format: Annotated[Literal["json", "jsonl", "csv"], Query()] = "json",
    ) -> Any:
        where = queries.incident_filter(filters.where)
        if where != filters.where:
            raise HTTPException(422, "incidents take the event, country, since, until and bbox filters only")
        if format != "json":
            return _download(lambda store: iter(store.incidents(where, limit)), db, format, "incidents", "incident")
        with db.reader() as store:
            return {"incidents": store.incidents(where, limit)}

    @app.get("/api/documents/{doc_id:path}", summary="A document: clean text, removed spans, events with spans")
    def document(doc_id: str) -> Any:
        with db.reader() as store:
            view = queries.document_view(store, doc_id)
        if view is None:
            raise HTTPException(404, "no such document")
        return view

    @app.get("/api/stats", summary="Counts by day and type, by type, by country; store totals")
    def stats(filters: Filters) -> Any:
        with db.reader() as store:
            return {**queries.stats(store, filters.where), "ingest": ingest is not None}

    if ingest is not None:
        expected = token.encode() if token else b""

        def authorised(request: Request) -> None:
            header = request.headers.get("authorization", "")
            scheme, _, given = header.partition(" ")
            if not header:
                raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
                raise HTTPException(403, "wrong token")

        @app.post(
            "/api/documents",
            summary="Ingest documents (only when the server was started with a token)",
            dependencies=[Depends(authorised)],
        )
        def post_documents(body: IngestRequest) -> Any:
            records = [d.model_dump(mode="json", exclude_none=True) for d in body.documents]
            return ingest.ingest(records)

    else:

        @app.post("/api/documents", include_in_schema=False)
        def read_only() -> Any:
            raise HTTPException(405, "this server is read-only; start it with --token to accept documents")

    @app.exception_handler(duckdb.Error)
    async def _store_error(request: Request, error: duckdb.Error) -> JSONResponse:
        return JSONResponse({"detail": "store error"}, status_code=500)

    return app
