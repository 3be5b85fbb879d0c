"""An in-memory rdflib Store that keeps quads as sorted integer arrays.

rdflib's ``Memory`` store needs about 1.35 KiB per triple (nested dicts, a dict of
contexts per triple), so a national corpus of 8M triples needs 11 GB. This store gives each
distinct term an integer once, and keeps every quad as four int32 numbers in four sort
orders (SPOG, POSG, OSPG, GSPO), with per-term offsets into each: about 50 bytes per quad
plus the terms themselves. A triple pattern is answered from one offset lookup and, where
a second term is bound, a binary search inside that range.

Writes go to a pending buffer; the next read merges them. A large batch (a build, a file
being read) is sorted into the arrays; a small one (a review, one changed document) goes
to a small dict-indexed delta that reads consult too, and removals of sorted rows are
kept as a set of dead rows, so one edit never re-sorts the whole graph. Behaviour matches
``Memory`` for what cspgraph uses: named graphs (no quoted graphs), the union of graphs
when no context is given, and graphs that stay listed once added until removed.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import repeat
from typing import Any

import numpy as np
from rdflib import Graph
from rdflib.plugins.stores.memory import Memory
from rdflib.store import Store
from rdflib.term import Node

Quad = tuple[int, int, int, int]
Triple = tuple[int, int, int]

# Sort orders: the quad positions (0=s, 1=p, 2=o, 3=g) each keeps, most significant first.
ORDERS = {"spog": (0, 1, 2, 3), "posg": (1, 2, 0, 3), "ospg": (2, 0, 1, 3), "gspo": (3, 0, 1, 2)}
SMALL_BATCH = 50_000  # pending writes up to this size (and a quarter of the graph) go to the delta
DELTA_LIMIT = 200_000  # a delta or dead set larger than this is sorted into the arrays


class _Sorted:
    """Quads as sorted int32 columns in each order, with offsets by the leading term."""

    def __init__(self, quads: np.ndarray, n_terms: int) -> None:
        """Sort ``quads`` (n x 4 int32, duplicates allowed) for terms numbered below
        ``n_terms``."""
        if len(quads):
            quads = quads[np.lexsort([quads[:, 3], quads[:, 2], quads[:, 1], quads[:, 0]])]
            fresh = np.ones(len(quads), dtype=bool)
            fresh[1:] = (quads[1:] != quads[:-1]).any(axis=1)
            quads = quads[fresh]
        self.rows = len(quads)
        # Plain arrays, not numpy: reads index and bisect them without numpy calls, which
        # release the GIL and, with many request threads, queue every call behind the others.
        self.columns: dict[str, tuple[array, ...]] = {}
        self.offsets: dict[str, array] = {}
        for name, order in ORDERS.items():
            if name == "spog" or not self.rows:
                perm = np.arange(self.rows)
            else:  # lexsort: the last key is the most significant
                perm = np.lexsort([quads[:, i] for i in reversed(order)])
            lead = quads[perm, order[0]]
            off = np.searchsorted(lead, np.arange(n_terms + 1)).astype(np.int64)
            cols = [np.ascontiguousarray(quads[perm, i], dtype=np.int32) for i in order[1:]]
            if name == "spog":
                self.distinct = _distinct_triples(cols, off)
            self.offsets[name] = array("q", off.tobytes())
            self.columns[name] = tuple(array("i", c.tobytes()) for c in cols)
            del perm, lead, off, cols

    def span(self, order: str, lead: int) -> tuple[int, int]:
        off = self.offsets[order]
        if lead + 1 >= len(off):
            return 0, 0
        return off[lead], off[lead + 1]

    def narrow(self, order: str, start: int, end: int, column: int, value: int
               ) -> tuple[int, int]:
        """The sub-range of rows [start, end) whose ``column`` (sorted there) is ``value``."""
        col = self.columns[order][column]
        return bisect_left(col, value, start, end), bisect_right(col, value, start, end)

    def all_quads(self) -> np.ndarray:
        """Every row as (s, p, o, g), in SPOG order."""
        off = np.frombuffer(self.offsets["spog"], dtype=np.int64)
        lead = np.repeat(np.arange(len(off) - 1, dtype=np.int32), np.diff(off))
        cols = [np.frombuffer(c, dtype=np.int32) for c in self.columns["spog"]]
        return np.column_stack([lead, *cols]).astype(np.int32)


def _distinct_triples(cols: list[np.ndarray], off: np.ndarray) -> int:
    """How many distinct (s, p, o) the SPOG rows hold (one triple may be in many graphs)."""
    p, o, _ = cols
    if not len(p):
        return 0
    s = np.repeat(np.arange(len(off) - 1), np.diff(off))
    new = np.ones(len(p), dtype=bool)
    new[1:] = (s[1:] != s[:-1]) | (p[1:] != p[:-1]) | (o[1:] != o[:-1])
    return int(new.sum())


class CompactStore(Store):
    """Context-aware in-memory store of integer-coded quads (see the module docstring)."""

    context_aware = True
    formula_aware = False
    graph_aware = True
    transaction_aware = False

    def __init__(self, configuration: str | None = None, identifier: Node | None = None
                 ) -> None:
        super().__init__(configuration)
        self.identifier = identifier
        self._ids: dict[Node, int] = {}
        self._terms: list[Node] = []
        self._graph_objects: dict[int, Graph] = {}  # graph id -> the Graph object first given
        self._listed: dict[int, Graph] = {}  # graphs contexts() lists: added, not removed
        self._names = Memory()  # namespace bindings only
        self._base = _Sorted(np.zeros((0, 4), dtype=np.int32), 0)
        self._pending = array("i")
        self._pending_graphs: set[int] = set()
        self._delta: dict[Triple, set[int]] = {}  # triple -> graph ids, not in the arrays
        self._delta_index: tuple[dict[int, set[Triple]], ...] = ({}, {}, {}, {})
        self._dead: set[Quad] = set()  # rows of the arrays that were removed
        self._len_cache: int | None = None
        self._merging = threading.Lock()
        self.version = 0  # changes with every write: what derived indexes are keyed to

    # -- terms and graphs --------------------------------------------------------------

    def _id(self, term: Node) -> int:
        found = self._ids.get(term)
        if found is None:
            found = self._ids[term] = len(self._terms)
            self._terms.append(term)
        return found

    def _graph_id(self, context: Any) -> int:
        ident = context.identifier if isinstance(context, Graph) else context
        gid = self._id(ident)
        if gid not in self._graph_objects and isinstance(context, Graph):
            self._graph_objects[gid] = context
        if isinstance(context, Graph):
            self._listed.setdefault(gid, context)
        return gid

    def _known(self, term: Node | None) -> int | None:
        """The term's id; -1 for an unbound position; None if the store never saw it."""
        return -1 if term is None else self._ids.get(term)

    def _graph(self, gid: int) -> Graph:
        found = self._graph_objects.get(gid)
        if found is None:
            found = self._graph_objects[gid] = Graph(store=self, identifier=self._terms[gid])
        return found

    # -- writes ------------------------------------------------------------------------

    def add(self, triple: tuple[Node, Node, Node], context: Any, quoted: bool = False
            ) -> None:
        """Add ``triple`` to the graph ``context`` (merged into the arrays on next read)."""
        s, p, o = triple
        gid = self._graph_id(context)
        self._pending.extend((self._id(s), self._id(p), self._id(o), gid))
        self._pending_graphs.add(gid)
        self._len_cache = None
        self.version += 1

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Any]]) -> None:
        """Add many quads; the fourth item of each is its graph."""
        ident, pending, last_ctx, gid = self._id, self._pending, None, -1
        for s, p, o, c in quads:
            if c is not last_ctx:
                gid, last_ctx = self._graph_id(c), c
                self._pending_graphs.add(gid)
            pending.extend((ident(s), ident(p), ident(o), gid))
        self._len_cache = None
        self.version += 1

    def add_graph(self, graph: Graph) -> None:
        self._graph_id(graph)

    def remove_graph(self, graph: Graph) -> None:
        self.remove((None, None, None), graph)
        self._listed.pop(self._ids.get(graph.identifier, -2), None)

    def remove(self, triple_pattern: tuple, context: Any = None) -> None:
        """Remove the matching triples from ``context``, or from every graph."""
        if context is not None and triple_pattern == (None, None, None):
            gid = self._ids.get(context.identifier if isinstance(context, Graph) else context)
            if gid is None or not self._has_rows(gid):
                return  # a new, empty graph: nothing to merge or remove
        self._flush()
        doomed = list(self._match_ids(triple_pattern, context))
        for (s, p, o), gids in doomed:
            for g in gids:
                graphs = self._delta.get((s, p, o))
                if graphs is not None and g in graphs:
                    self._delta_discard((s, p, o), g)
                else:
                    self._dead.add((s, p, o, g))
        self._len_cache = None
        self.version += 1
        if len(self._dead) > max(DELTA_LIMIT, self._base.rows // 4):
            self._rebuild()

    def _has_rows(self, gid: int) -> bool:
        start, end = self._base.span("gspo", gid)
        return (gid in self._pending_graphs or end > start
                or bool(self._delta_index[3].get(gid)))

    def _delta_add(self, triple: Triple, gid: int) -> None:
        self._delta.setdefault(triple, set()).add(gid)
        for pos, term in enumerate(triple):
            self._delta_index[pos].setdefault(term, set()).add(triple)
        self._delta_index[3].setdefault(gid, set()).add(triple)

    def _delta_discard(self, triple: Triple, gid: int) -> None:
        graphs = self._delta[triple]
        graphs.discard(gid)
        by_graph = self._delta_index[3].get(gid)
        if by_graph is not None:
            by_graph.discard(triple)
        if not graphs:
            del self._delta[triple]
            for pos, term in enumerate(triple):
                self._delta_index[pos][term].discard(triple)

    def _flush(self) -> None:
        """Merge pending writes: into the arrays if many, else into the delta. Readers in
        several threads may arrive here at once: one merges, the others wait for it."""
        if not self._pending:
            return
        with self._merging:
            if self._pending:
                self._merge_pending()

    def _merge_pending(self) -> None:
        count = len(self._pending) // 4
        if self._base.rows == 0 or count > max(SMALL_BATCH, self._base.rows // 4):
            self._rebuild()
            return
        pending = self._pending
        self._pending, self._pending_graphs = array("i"), set()
        for i in range(0, len(pending), 4):
            s, p, o, g = pending[i:i + 4]
            if (s, p, o, g) in self._dead:
                self._dead.discard((s, p, o, g))
            elif g not in self._base_graphs(s, p, o):
                self._delta_add((s, p, o), g)
        if len(self._delta) > DELTA_LIMIT:
            self._rebuild()

    def _rebuild(self) -> None:
        """Sort every live quad (arrays, delta, pending) into new arrays."""
        parts = [self._base.all_quads()] if self._base.rows else []
        if self._dead:
            dead = np.array(sorted(self._dead), dtype=np.int32).reshape(-1, 4)
            live = parts[0]
            keep = ~_rows_in(live, dead)
            parts[0] = live[keep]
        if self._delta:
            parts.append(np.array([(*t, g) for t, gs in self._delta.items() for g in gs],
                                  dtype=np.int32).reshape(-1, 4))
        if self._pending:
            parts.append(np.frombuffer(self._pending, dtype=np.int32).reshape(-1, 4))
        quads = np.concatenate(parts) if parts else np.zeros((0, 4), dtype=np.int32)
        self._base = _Sorted(quads, len(self._terms))
        self._pending, self._pending_graphs, self._dead = array("i"), set(), set()
        self._delta, self._delta_index = {}, ({}, {}, {}, {})

    # -- reads -------------------------------------------------------------------------

    def _base_graphs(self, s: int, p: int, o: int) -> list[int]:
        """Graph ids whose arrays hold the triple (s, p, o) and not as a dead row."""
        start, end = self._base.span("spog", s)
        if end <= start:
            return []
        start, end = self._base.narrow("spog", start, end, 0, p)
        start, end = self._base.narrow("spog", start, end, 1, o)
        graphs = self._base.columns["spog"][2][start:end].tolist()
        if self._dead:
            graphs = [g for g in graphs if (s, p, o, g) not in self._dead]
        return graphs

    def _match_ids(self, pattern: tuple, context: Any) -> Iterator[tuple[Triple, list[int]]]:
        """Matching triples as ids, each with the graph ids it is in (only ``context``'s,
        if given)."""
        ids = tuple(self._known(t) for t in pattern)
        if None in ids:
            return
        gid = None
        if context is not None:
            gid = self._ids.get(context.identifier if isinstance(context, Graph) else context)
            if gid is None:
                return
        yield from self._match_base(ids, gid)
        if self._delta:
            yield from self._match_delta(ids, gid)

    def _match_base(self, ids: tuple[int, int, int], gid: int | None
                    ) -> Iterator[tuple[Triple, list[int]]]:
        base, dead, delta = self._base, self._dead, self._delta
        if not base.rows:
            return
        order, start, end, filters = self._plan(ids, gid)
        if end <= start:
            return
        positions = ORDERS[order]
        by_position: list[Iterable[int]] = [(), (), (), ()]
        if end - start == base.rows and order == "spog":  # a full scan: spell out subjects
            off = np.frombuffer(base.offsets["spog"], dtype=np.int64)
            by_position[0] = np.repeat(np.arange(len(off) - 1), np.diff(off)).tolist()
        else:
            by_position[positions[0]] = repeat(ids[positions[0]] if positions[0] < 3 else gid)
        for column, pos in zip(base.columns[order], positions[1:], strict=True):
            by_position[pos] = column[start:end].tolist()
        checks = [(pos, ids[pos]) for pos in filters]
        current: Triple | None = None
        graphs: list[int] = []
        for s, p, o, g in zip(*by_position, strict=False):  # the lead may repeat()
            if checks and any((s, p, o)[pos] != value for pos, value in checks):
                continue
            if gid is not None and g != gid:
                continue
            if dead and (s, p, o, g) in dead:
                continue
            if (s, p, o) != current:
                if graphs:
                    yield current, self._with_delta(current, graphs, gid, delta)
                current, graphs = (s, p, o), []
            graphs.append(g)
        if graphs:
            yield current, self._with_delta(current, graphs, gid, delta)

    @staticmethod
    def _with_delta(triple: Triple, graphs: list[int], gid: int | None,
                    delta: dict[Triple, set[int]]) -> list[int]:
        if gid is None and delta:
            extra = delta.get(triple)
            if extra:
                return graphs + sorted(extra)
        return graphs

    def _plan(self, ids: tuple[int, int, int], gid: int | None
              ) -> tuple[str, int, int, set[int]]:
        """Which sort order to read, the row range, and the positions still to filter."""
        s, p, o = ids
        base = self._base
        if s >= 0:
            start, end = base.span("spog", s)
            filters = set()
            if p >= 0:
                start, end = base.narrow("spog", start, end, 0, p)
                if o >= 0:
                    start, end = base.narrow("spog", start, end, 1, o)
            elif o >= 0:
                filters.add(2)
            return "spog", start, end, filters
        if p >= 0:
            start, end = base.span("posg", p)
            if o >= 0:
                start, end = base.narrow("posg", start, end, 0, o)
            if gid is not None:  # one graph's rows may be fewer than the pattern's
                g_start, g_end = base.span("gspo", gid)
                if g_end - g_start < end - start:
                    return "gspo", g_start, g_end, {1, 2} if o >= 0 else {1}
            return "posg", start, end, set()
        if o >= 0:
            start, end = base.span("ospg", o)
            if gid is not None:
                g_start, g_end = base.span("gspo", gid)
                if g_end - g_start < end - start:
                    return "gspo", g_start, g_end, {2}
            return "ospg", start, end, set()
        if gid is not None:
            start, end = base.span("gspo", gid)
            return "gspo", start, end, set()
        return "spog", 0, base.rows, set()

    def _match_delta(self, ids: tuple[int, int, int], gid: int | None
                     ) -> Iterator[tuple[Triple, list[int]]]:
        """Delta triples matching ``ids`` that the arrays did not already give."""
        candidates: Iterable[Triple] | None = None
        for pos, term in enumerate(ids):
            if term >= 0:
                found = self._delta_index[pos].get(term, set())
                if candidates is None or len(found) < len(candidates):  # type: ignore[arg-type]
                    candidates = found
        if gid is not None:
            found = self._delta_index[3].get(gid, set())
            if candidates is None or len(found) < len(candidates):  # type: ignore[arg-type]
                candidates = found
        for triple in list(self._delta if candidates is None else candidates):
            if any(t >= 0 and t != v for t, v in zip(ids, triple, strict=True)):
                continue
            graphs = self._delta.get(triple, set())
            if gid is not None:
                if gid in graphs:
                    yield triple, [gid]
            elif not self._base_graphs(*triple):  # else yielded with the array rows
                yield triple, sorted(graphs)

    def triples(self, triple_pattern: tuple, context: Any = None
                ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        """Triples matching the pattern, each with the graphs it is in."""
        self._flush()
        terms, graph = self._terms, self._graph
        if (context is None and triple_pattern[0] is not None and not self._dead
                and not self._delta):
            yield from self._about(triple_pattern)
            return
        for (s, p, o), gids in self._match_ids(triple_pattern, context):
            yield (terms[s], terms[p], terms[o]), map(graph, gids)

    def _about(self, pattern: tuple
               ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        """``triples`` for a bound subject over every graph, with nothing pending, dead or
        in the delta: the query layer's most common call, kept short."""
        s, p, o = pattern
        ids, base = self._ids, self._base
        sid = ids.get(s)
        off = base.offsets["spog"]
        if sid is None or sid + 1 >= len(off):
            return
        start, end = off[sid], off[sid + 1]
        col_p, col_o, col_g = base.columns["spog"]
        if p is not None:
            pid = ids.get(p)
            if pid is None:
                return
            start, end = bisect_left(col_p, pid, start, end), bisect_right(col_p, pid, start, end)
        oid = None
        if o is not None:
            oid = ids.get(o)
            if oid is None:
                return
        terms, graph = self._terms, self._graph
        last_p, last_o, gids = -1, -1, []
        for pi, oi, g in zip(col_p[start:end], col_o[start:end], col_g[start:end], strict=True):
            if oid is not None and oi != oid:
                continue
            if pi != last_p or oi != last_o:
                if gids:
                    yield (s, terms[last_p], terms[last_o]), map(graph, gids)
                last_p, last_o, gids = pi, oi, []
            gids.append(g)
        if gids:
            yield (s, terms[last_p], terms[last_o]), map(graph, gids)

    def contexts(self, triple: tuple | None = None) -> Iterator[Graph]:
        """The graphs holding ``triple``; with none, every graph added and not removed."""
        self._flush()
        if triple is None or triple == (None, None, None):
            return iter(list(self._listed.values()))
        found = next(iter(self._match_ids(triple, None)), None)
        return iter([self._graph(g) for g in found[1]] if found else [])

    def __len__(self, context: Any = None) -> int:
        self._flush()
        if context is not None:
            gid = self._ids.get(context.identifier if isinstance(context, Graph) else context)
            if gid is not None and not self._dead and not self._delta:
                start, end = self._base.span("gspo", gid)
                return end - start
            return sum(len(gids) for _, gids in self._match_ids((None, None, None), context))
        if self._len_cache is None:
            if self._dead or self._delta:
                self._len_cache = sum(1 for _ in self._match_ids((None, None, None), None))
            else:
                self._len_cache = self._base.distinct
        return self._len_cache

    # -- namespaces --------------------------------------------------------------------

    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        self._names.bind(prefix, namespace, override)

    def namespace(self, prefix: str) -> Any:
        return self._names.namespace(prefix)

    def prefix(self, namespace: Any) -> str | None:
        return self._names.prefix(namespace)

    def namespaces(self) -> Iterator[tuple[str, Any]]:
        return self._names.namespaces()


def _rows_in(rows: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """A mask of the ``rows`` (n x 4 int32) that are among ``wanted``."""
    as_void = np.dtype((np.void, 16))
    a = np.ascontiguousarray(rows).view(as_void).ravel()
    b = np.ascontiguousarray(wanted).view(as_void).ravel()
    return np.isin(a, b)
