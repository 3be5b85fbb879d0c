"""The HTTP API: FastAPI app assembled from one router per resource.

Routes call graph/ and loaders/ only. Build an app with ``create_app(state)``;
``cspgraph serve`` runs it with uvicorn.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from cspgraph import __version__
from cspgraph.api.http import errors
from cspgraph.api.http.cache import ResponseCache
from cspgraph.api.http.errors import error_body
from cspgraph.api.http.routes import (
    agencies,
    alignment,
    api_docs,
    bodies,
    documents,
    graph_export,
    landing,
    maps,
    pages,
    people,
    plans,
    quality,
    registers,
    reviews,
    search,
    similar,
    sparql,
)
from cspgraph.api.http.state import GraphState
from cspgraph.errors import TooLargeError

DESCRIPTION = """Who chairs, leads and reports to what in community safety partnerships,
which local priorities serve which Police and Crime Plan objectives, and which
recommendations repeat across partnerships. Every answer carries its sources: document,
lines and quoted text. Reads are open; writes need the `X-API-Key` header."""


class BodyLimit:
    """Refuse request bodies larger than ``limit`` bytes with the one error shape (413)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _too_large(send, self.limit)
            return
        seen, over, started = 0, False, False

        async def counted() -> dict:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:  # a chunked body past the limit: stop reading it
                over = True
                return {"type": "http.disconnect"}
            return message

        async def unless_over(message: dict) -> None:
            nonlocal started
            if over:
                return  # the app's answer to a cut-off body is replaced by the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, unless_over)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _too_large(send, self.limit)


class SecurityHeaders:
    """Every response says ``X-Content-Type-Options: nosniff``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-content-type-options"]
                message = {**message, "headers": [*headers,
                                                  (b"x-content-type-options", b"nosniff")]}
            await send(message)

        await self.app(scope, receive, with_headers)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    import json

    body = json.dumps(error_body(TooLargeError.code, f"request body over {limit} bytes", 413,
                                 "send a smaller body (CSPGRAPH_MAX_REQUEST_BYTES)")).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(state: GraphState) -> FastAPI:
    """The API over ``state``'s graph."""
    app = FastAPI(title="cspgraph", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)  # api_docs serves both, offline
    app.state.graph = state
    errors.install(app)
    for module in (landing, maps, pages, search, bodies, people, agencies, plans, alignment,
                   similar, reviews, documents, quality, sparql, graph_export, api_docs,
                   registers):
        app.include_router(module.router)
    app.add_middleware(ResponseCache)  # inside CORS: headers are added per request
    origins = [o.strip() for o in state.settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type", "Accept"])
    app.add_middleware(BodyLimit, limit=state.settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    return app
