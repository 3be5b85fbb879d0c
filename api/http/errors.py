"""One error shape for every API error: ``{"error", "detail", "status"}``."""

from __future__ import annotations

import logging
from html import escape

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from cspgraph.errors import CspGraphError
from cspgraph.viz.html import Markup, page

log = logging.getLogger("cspgraph.api")


def error_body(error: str, detail: str, status: int) -> dict:
    """The body of every error response."""
    return {"error": error, "detail": detail, "status": status}


def wants_page(request: Request) -> bool:
    """A browser asking for a page (not an ``/api`` route, not a ``.json`` twin)."""
    path = request.url.path
    return ("text/html" in request.headers.get("accept", "")
            and not path.startswith("/api") and not path.endswith(".json"))


def _response(error: str, detail: str, status: int,
              request: Request | None = None) -> Response:
    if request is not None and wants_page(request):
        body = (f'<p class="note">{escape(detail)}</p>'
                '<p><a href="/search">Search</a> or go back to <a href="/">the start</a>.</p>')
        return HTMLResponse(page(f"{status}: {error}", Markup(body)), status_code=status)
    return JSONResponse(error_body(error, detail, status), status_code=status)


def install(app: FastAPI) -> None:
    """Map cspgraph errors, HTTP errors, validation errors and crashes to the one shape."""

    @app.exception_handler(CspGraphError)
    async def cspgraph_error(request: Request, exc: CspGraphError) -> Response:
        detail = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return _response(type(exc).__name__, detail, exc.http_status, request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        name = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
                406: "NotAcceptable", 413: "TooLarge", 415: "UnsupportedMediaType",
                }.get(exc.status_code, "HTTPError")
        return _response(name, str(exc.detail), exc.status_code, request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        return _response("InvalidRequest", problems, 422, request)

    @app.exception_handler(Exception)
    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _response("InternalError", f"unexpected {type(exc).__name__}", 500)
