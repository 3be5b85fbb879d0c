"""One error shape for every API error: ``{"error", "detail", "hint", "status"}``.

``error`` is a stable snake-case code (``cspgraph.errors``, listed in ``docs/errors.md``);
``detail`` says what went wrong and ``hint`` what to do next ("" when there is none).
"""

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

HTTP_CODES = {  # Starlette's own errors (unknown route, wrong method, ...): status -> code
    400: "bad_input", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
    409: "conflict", 413: "too_large", 415: "unsupported_media_type",
}
INVALID_REQUEST, INTERNAL_ERROR, HTTP_ERROR = "invalid_request", "internal_error", "http_error"


def error_body(error: str, detail: str, status: int, hint: str = "") -> dict:
    """The body of every error response."""
    return {"error": error, "detail": detail, "hint": hint, "status": status}


def wants_page(request: Request) -> bool:
    """A browser asking for a page (not an ``/api`` route, not a ``.json`` twin)."""
    path = request.url.path
    return ("text/html" in request.headers.get("accept", "")
            and not path.startswith("/api") and not path.endswith(".json"))


def _response(error: str, detail: str, status: int, hint: str = "",
              request: Request | None = None) -> Response:
    if request is not None and wants_page(request):
        body = f'<p class="note">{escape(detail)}</p>'
        if hint:
            body += f'<p class="hint">{escape(hint)}</p>'
        body += '<p><a href="/search">Search</a> or go back to <a href="/">the start</a>.</p>'
        return HTMLResponse(page(f"{status}: {error}", Markup(body)), status_code=status)
    return JSONResponse(error_body(error, detail, status, hint), status_code=status)


def install(app: FastAPI) -> None:
    """Map cspgraph errors, HTTP errors, validation errors and crashes to the one shape."""

    @app.exception_handler(CspGraphError)
    async def cspgraph_error(request: Request, exc: CspGraphError) -> Response:
        return _response(exc.code, exc.message, exc.http_status, exc.hint, request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, HTTP_ERROR)
        return _response(code, str(exc.detail), exc.status_code, request=request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        return _response(INVALID_REQUEST, problems, 422,
                         "check the parameters against the API docs (/docs)", request)

    @app.exception_handler(Exception)
    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _response(INTERNAL_ERROR, f"unexpected {type(exc).__name__}", 500)
