"""Every page has a JSON twin: the same path with ``.json``, or the same path asked for
with ``Accept: application/json``. Routes call ``twin`` and hand it both renderings."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response

from cspgraph.errors import NotFoundError

SUFFIX = ".json"


def split_suffix(ref: str) -> tuple[str, bool]:
    """``ref`` without a trailing ``.json``, and whether it had one."""
    if ref.endswith(SUFFIX) and len(ref) > len(SUFFIX):
        return ref[: -len(SUFFIX)], True
    return ref, False


def page_ref(suffix: str, takes_ref: bool = True) -> tuple[str, bool]:
    """What follows a page's path: "" or ".json" (the list or page itself), or "/ref"
    and "/ref.json" (one entity) where ``takes_ref``; anything else is not a page."""
    if suffix in ("", "/", SUFFIX):
        return "", suffix == SUFFIX
    if takes_ref and suffix.startswith("/"):
        return split_suffix(suffix[1:])
    raise NotFoundError(f"no page at this path (…{suffix[:60]})", "start from / or /search")


def prefers_json(request: Request) -> bool:
    """The client asked for JSON over HTML in its Accept header."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def json_href(request: Request) -> str:
    """This page's JSON twin: its path with ``.json``, the query string kept."""
    path = request.url.path.rstrip("/") or "/index"
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{path}{SUFFIX}{query}"


def twin(request: Request, as_json: bool, data: object, html: Callable[[], str]) -> Response:
    """``data`` as JSON when asked for (suffix or Accept), else the page ``html()`` makes."""
    if as_json or prefers_json(request):
        return JSONResponse(jsonable_encoder(data))
    return HTMLResponse(html(), headers={"Vary": "Accept"})
