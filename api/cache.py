"""A response cache for reads: a served graph never changes once built.

GET answers under ``/api/`` are kept per graph snapshot, keyed by path, query string
and Accept header; a rebuild swaps the snapshot and so starts a fresh cache. Serving a
cached answer skips routing, the query layer and serialisation, which is what keeps
latency flat under many concurrent connections on a small machine.
"""

from __future__ import annotations

from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 2000
MAX_BODY = 1_000_000  # bytes: larger answers are not kept


class ResponseCache:
    """ASGI middleware caching successful GET /api/ answers per graph snapshot."""

    def __init__(self, app: ASGIApp, prefix: str = "/api/") -> None:
        self.app, self.prefix = app, prefix
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.snapshot_id: int | None = None

    def _snapshot(self, scope: Scope) -> int | None:
        state = getattr(scope.get("app"), "state", None)
        graph = getattr(state, "graph", None) if state is not None else None
        current = getattr(graph, "_snapshot", None)
        return id(current) if current is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(
                self.prefix):
            await self.app(scope, receive, send)
            return
        snapshot = self._snapshot(scope)
        if snapshot != self.snapshot_id:
            self.entries.clear()
            self.snapshot_id = snapshot
        accept = dict(scope.get("headers") or []).get(b"accept", b"")
        key = (scope["path"], scope.get("query_string", b""), accept)
        hit = self.entries.get(key)
        if hit is not None and snapshot is not None:
            self.entries.move_to_end(key)
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200 and snapshot:
                    body = b"".join(chunks)
                    if len(body) <= MAX_BODY and self._snapshot(scope) == snapshot:
                        self.entries[key] = (200, list(start.get("headers", [])), body)
                        while len(self.entries) > MAX_ENTRIES:
                            self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, keep)
