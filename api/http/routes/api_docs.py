"""Routes: the API documentation pages ``/docs`` (Swagger UI) and ``/redoc`` (Redoc), served
from the files vendored in ``api/http/static`` (see its README), so they work offline.

FastAPI's own pages load Swagger UI and Redoc from a CDN; ``create_app`` switches those off
and these routes serve the same pages with local script, style and icon URLs, Redoc
without Google Fonts and Swagger UI without its online validator badge.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from cspgraph.errors import NotFoundError

router = APIRouter(include_in_schema=False)

STATIC_PREFIX = "/static/api-docs"
FILES = {  # the vendored files served, and their media types
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}


def static_url(name: str) -> str:
    """Where the vendored file ``name`` is served."""
    return f"{STATIC_PREFIX}/{name}"


@cache
def vendored(name: str) -> bytes:
    """The bytes of the vendored file ``name`` (one of ``FILES``)."""
    return (files("cspgraph.api.http") / "static" / name).read_bytes()


def _title(request: Request) -> str:
    return f"{request.app.title} {request.app.version}"


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, with nothing loaded from another host."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url, title=f"{_title(request)} · API docs",
        swagger_js_url=static_url("swagger-ui-bundle.js"),
        swagger_css_url=static_url("swagger-ui.css"),
        swagger_favicon_url=static_url("favicon-32x32.png"),
        swagger_ui_parameters={"validatorUrl": None})


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    """Redoc over ``/openapi.json``, with nothing loaded from another host."""
    return get_redoc_html(
        openapi_url=request.app.openapi_url, title=f"{_title(request)} · API reference",
        redoc_js_url=static_url("redoc.standalone.js"),
        redoc_favicon_url=static_url("favicon-32x32.png"), with_google_fonts=False)


@router.get(STATIC_PREFIX + "/{name}")
def static_file(name: str) -> Response:
    """One of the vendored Swagger UI and Redoc files."""
    if name not in FILES:
        raise NotFoundError(f"no file '{name[:80]}' here", f"files: {', '.join(FILES)}")
    return Response(vendored(name), media_type=FILES[name],
                    headers={"Cache-Control": "public, max-age=86400"})
