"""One error shape for every API error: ``{"error", "detail", "status"}``."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from cspgraph.errors import CspGraphError

log = logging.getLogger("cspgraph.api")


def error_body(error: str, detail: str, status: int) -> dict:
    """The body of every error response."""
    return {"error": error, "detail": detail, "status": status}


def _response(error: str, detail: str, status: int) -> JSONResponse:
    return JSONResponse(error_body(error, detail, status), status_code=status)


def install(app: FastAPI) -> None:
    """Map cspgraph errors, HTTP errors, validation errors and crashes to the one shape."""

    @app.exception_handler(CspGraphError)
    async def cspgraph_error(_request: Request, exc: CspGraphError) -> JSONResponse:
        detail = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return _response(type(exc).__name__, detail, exc.http_status)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        name = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
                406: "NotAcceptable", 413: "TooLarge", 415: "UnsupportedMediaType",
                }.get(exc.status_code, "HTTPError")
        return _response(name, str(exc.detail), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        return _response("InvalidRequest", problems, 422)

    @app.exception_handler(Exception)
    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _response("InternalError", f"unexpected {type(exc).__name__}", 500)
