"""Typed dependencies of the routes: the graph snapshot, settings, the write key."""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from pydantic import BeforeValidator

from cspgraph.api.http.state import GraphState, Snapshot
from cspgraph.errors import WriteKeyMissingError, WriteKeyWrongError, WritesDisabledError
from cspgraph.graph.store.types import KnowledgeGraph
from cspgraph.settings import Settings


def get_state(request: Request) -> GraphState:
    return request.app.state.graph


def get_snapshot(state: Annotated[GraphState, Depends(get_state)]) -> Snapshot:
    """The snapshot current when the request started; kept for the whole request."""
    return state.snapshot


def get_graph(snapshot: Annotated[Snapshot, Depends(get_snapshot)]) -> KnowledgeGraph:
    return snapshot.dataset


def get_settings(state: Annotated[GraphState, Depends(get_state)]) -> Settings:
    return state.settings


def require_key(settings: Annotated[Settings, Depends(get_settings)],
                x_api_key: Annotated[str | None, Header()] = None) -> None:
    """Refuse a write without the configured key (and any write when none is set)."""
    if not settings.api_key:
        raise WritesDisabledError("writes are disabled: the server has no API key",
                                  "start the server with CSPGRAPH_API_KEY set")
    given = (x_api_key or "").encode("utf-8", "surrogateescape")  # bytes: any header compares
    if not given:
        raise WriteKeyMissingError("this write needs the API key in the X-API-Key header",
                                   "send the server's key as the X-API-Key header")
    if not secrets.compare_digest(given, settings.api_key.encode("utf-8")):
        raise WriteKeyWrongError("this write needs the API key in the X-API-Key header: "
                                 "the key sent is not the server's",
                                 "send the server's key (CSPGRAPH_API_KEY) as X-API-Key")


def _iso_date(value: object) -> object:
    """Only a printed YYYY-MM-DD date: "0" or "1700000000" is not a date."""
    if isinstance(value, date) or (isinstance(value, str)
                                   and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A date query parameter: YYYY-MM-DD and nothing else (422 otherwise)."""


class Paging:
    """``limit`` and ``offset`` query parameters of every list."""

    def __init__(self, limit: Annotated[int, Query(ge=1, le=1000, examples=[20])] = 100,
                 offset: Annotated[int, Query(ge=0, examples=[0])] = 0) -> None:
        self.limit, self.offset = limit, offset

    def page(self, items: list) -> dict:
        """``{"items", "total", "limit", "offset"}`` for the slice this request asked for."""
        return self.page_of(items[self.offset:self.offset + self.limit], len(items))

    def page_of(self, page: list, total: int) -> dict:
        """The same, for a page the query layer already cut out of ``total`` answers."""
        return {"items": page, "total": total, "limit": self.limit, "offset": self.offset}


StateDep = Annotated[GraphState, Depends(get_state)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
GraphDep = Annotated[KnowledgeGraph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PagingDep = Annotated[Paging, Depends()]
WriteKey = Depends(require_key)
