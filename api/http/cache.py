"""A response cache for reads: a served graph never changes once built.

GET answers under ``/api/`` are kept per graph snapshot (the snapshot object itself, never
its ``id()``), keyed by path, query string and Accept header; a rebuild swaps the
snapshot and so starts a fresh cache. The cache sits inside the CORS middleware, so each
client gets the CORS headers of its own ``Origin``, and it is bounded by bytes: junk query
strings cannot grow it past ``MAX_BYTES``. Serving a
cached answer skips routing, the query layer and serialisation, which is what keeps
latency flat under many concurrent connections on a small machine.
"""

from __future__ import annotations

from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BYTES = 64_000_000  # all kept answers together
MAX_BODY = 1_000_000  # bytes: larger answers are not kept


class ResponseCache:
    """ASGI middleware caching successful GET /api/ answers per graph snapshot."""

    def __init__(self, app: ASGIApp, prefix: str = "/api/") -> None:
        self.app, self.prefix = app, prefix
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.snapshot: object | None = None
        self.size = 0  # bytes kept

    def _snapshot(self, scope: Scope) -> object | None:
        state = getattr(scope.get("app"), "state", None)
        graph = getattr(state, "graph", None) if state is not None else None
        return getattr(graph, "_snapshot", None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(
                self.prefix):
            await self.app(scope, receive, send)
            return
        snapshot = self._snapshot(scope)
        if snapshot is not self.snapshot:
            self.entries.clear()
            self.size = 0
            self.snapshot = snapshot
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
            if message["type"] == "http.response.start":  # copied: outer layers (CORS)
                start = {**message, "headers": list(message.get("headers", []))}  # mutate it
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200 and snapshot:
                    body = b"".join(chunks)
                    if len(body) <= MAX_BODY and self._snapshot(scope) is snapshot:
                        old = self.entries.pop(key, None)
                        self.size -= len(old[2]) if old else 0
                        self.entries[key] = (200, list(start.get("headers", [])), body)
                        self.size += len(body)
                        while self.size > MAX_BYTES and self.entries:
                            _, (_, _, dropped) = self.entries.popitem(last=False)
                            self.size -= len(dropped)
            await send(message)

        await self.app(scope, receive, keep)
