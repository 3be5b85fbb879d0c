"""Evaluate a SPARQL query in a child process that can be stopped: the endpoint's path.

A thread cannot be stopped inside C code or the regex engine, and it shares the GIL, so
one bad query could stall every other request. Here each query is parsed, checked and
evaluated in a forked child (which shares the served snapshot copy-on-write):

* the query text is bounded before anything parses it (``QueryTooLarge``, 413);
* the parent waits on a pipe, without the GIL, until the deadline; then it kills the child
  and answers ``QueryTimeout`` (503) at once;
* the child's address space is capped (``resource.RLIMIT_AS``): a query that needs more
  memory is ``QueryTooLarge``, and the server's own memory never grows with it;
* at most ``workers`` queries run at once; a query that cannot start before its deadline
  is ``QueryTimeout``.

The child sends the result as SPARQL JSON (SELECT, ASK) or N-Triples (CONSTRUCT,
DESCRIBE), or the error it raised, and the parent rebuilds the ``Answer``.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import threading
import time
from multiprocessing.connection import Connection

from rdflib import Dataset, Graph
from rdflib.query import Result

from cspgraph import errors
from cspgraph.errors import QueryError, QueryTooLarge
from cspgraph.graph.queries.sparql import Answer, _timeout, run_limited
from cspgraph.settings import Settings

_SLOTS: dict[int, threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _slots(workers: int) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        if workers not in _SLOTS:
            _SLOTS[workers] = threading.BoundedSemaphore(max(1, workers))
        return _SLOTS[workers]


def check_size(query: str | None, max_bytes: int) -> None:
    """QueryTooLarge (413) for a query text over ``max_bytes``, before anything parses it."""
    if query is not None and len(query.encode("utf-8", "surrogatepass")) > max_bytes:
        raise QueryTooLarge(f"the query text is over {max_bytes} bytes (the query size limit)",
                            "send a shorter query; split a long VALUES list into several")


def run_isolated(ds: Dataset, query: str, timeout: float, max_rows: int, *,
                 max_query_bytes: int = 100_000, memory_mb: int = 1024,
                 workers: int = 2) -> Answer:
    """``run_limited`` in a forked child that is killed at the deadline (see module doc)."""
    check_size(query, max_query_bytes)
    started = time.monotonic()
    slots = _slots(workers)
    if not slots.acquire(timeout=timeout):
        raise _timeout(timeout)
    try:
        left = max(0.0, timeout - (time.monotonic() - started))
        status, payload = _in_child(ds, query, left, max_rows, memory_mb, timeout)
    finally:
        slots.release()
    if status == "error":
        name, message, hint = payload
        kind = getattr(errors, name, QueryError)
        raise (kind if isinstance(kind, type) and issubclass(kind, QueryError)
               else QueryError)(message, hint)
    kind, size, data = payload
    return Answer(_result(kind, data), kind, size, time.monotonic() - started)


def run_within(ds: Dataset, query: str, settings: Settings) -> Answer:
    """``run_isolated`` within the limits ``settings`` set: the endpoint's and the query
    page's one way to evaluate a query."""
    return run_isolated(ds, query, settings.sparql_timeout, settings.sparql_max_rows,
                        max_query_bytes=settings.sparql_max_query_bytes,
                        memory_mb=settings.sparql_memory_mb, workers=settings.sparql_workers)


def _in_child(ds: Dataset, query: str, left: float, max_rows: int, memory_mb: int,
              timeout: float) -> tuple[str, object]:
    """Fork, evaluate, and wait ``left`` seconds for the answer (``timeout`` is the limit
    the error names); the child's own deadline is later, so this one decides."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(ds, query, left + 1.0, max_rows, memory_mb,
                                                 sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(left):
            raise _timeout(timeout)
        try:
            return pickle.loads(receiver.recv_bytes())
        except (EOFError, OSError):  # the child died: killed for its memory, or crashed
            raise QueryTooLarge(f"the query needed more than {memory_mb} MB (the memory "
                                "limit) and was stopped",
                                "narrow the query: bind more variables, or add LIMIT") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)


def _child(ds: Dataset, query: str, timeout: float, max_rows: int, memory_mb: int,
           sender: Connection) -> None:
    """Evaluate in the child and send ("ok", (kind, size, bytes)) or ("error", ...)."""
    try:
        _cap_memory(memory_mb)
        answer = run_limited(ds, query, timeout, max_rows)
        if answer.is_graph:
            data = answer.result.graph.serialize(format="nt11", encoding="utf-8")
        else:
            data = answer.result.serialize(format="json", encoding="utf-8")
        message: tuple[str, object] = ("ok", (answer.kind, answer.size, data))
    except QueryError as exc:
        message = ("error", (type(exc).__name__, exc.message, exc.hint))
    except MemoryError:
        message = ("error", ("QueryTooLarge", f"the query needed more than {memory_mb} MB "
                             "(the memory limit) and was stopped",
                             "narrow the query: bind more variables, or add LIMIT"))
    except BaseException as exc:
        message = ("error", ("QueryError", f"cannot run query: {type(exc).__name__}",
                             "check the SPARQL syntax"))
    try:
        sender.send_bytes(pickle.dumps(message))
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers


def _cap_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it maps now plus ``memory_mb``."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            mapped = int(fh.read().split()[0]) * _PAGE
        limit = mapped + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no rlimit here: the deadline still holds


def _result(kind: str, data: bytes) -> Result:
    if kind in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph()
        graph.parse(data=data, format="nt")
        result = Result(kind)
        result.graph = graph
        return result
    return Result.parse(io.BytesIO(data), format="json")
