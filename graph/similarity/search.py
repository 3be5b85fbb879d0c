"""Exact top-k cosine neighbours for unit-length float32 vectors, in bounded memory.

Scores are dot products, so they are cosine similarities when the vectors are normalised
(as ``encode`` returns them). The search is exact: every query is scored against every
corpus row, in blocks of ``chunk`` queries by ``chunk`` corpus rows, so memory stays at a
few blocks however large the corpus is.

Each block is reduced without sorting it: a row's running k-th best score is a threshold,
and only block entries above it (few, once the first block has been seen) are merged into
the running top k. Where many entries beat the threshold (a row's first block), a lower
bound of the row's k-th best score in the block is found first, in one pass (see
``_kth_floor``). Exclusions (the query itself, the query's own document) are applied to
the few surviving candidates, and to whole blocks only in that first-block case.

``all_pairs_top_k`` searches a set against itself and scores each pair of blocks once,
using the block and its transpose, which halves the matrix products.

Rows with fewer than ``k`` eligible neighbours are padded with index -1 and score -inf.
Ties at the k-th place may be broken either way; results are sorted by score, then index.
"""

from __future__ import annotations

import numpy as np

NO_INDEX = -1
DEFAULT_CHUNK = 1024
_MANY = 2  # past this many candidates per row per k, bound the k-th score first


class _Running:
    """The running top k (scores, corpus indices, k-th score) of every query row."""

    def __init__(self, n: int, k: int) -> None:
        self.k = k
        self.scores = np.full((n, k), -np.inf, dtype=np.float32)
        self.index = np.full((n, k), NO_INDEX, dtype=np.int64)
        self.threshold = np.full(n, -np.inf, dtype=np.float32)

    def merge(self, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> None:
        """Merge candidate (row, corpus col, score) triples; ``rows`` need not be sorted."""
        if rows.size == 0:
            return
        order = np.argsort(rows, kind="stable")
        rows, cols, scores = rows[order], cols[order], scores[order]
        touched, starts, counts = np.unique(rows, return_index=True, return_counts=True)
        width = int(counts.max())
        slot = np.arange(rows.size) - np.repeat(starts, counts)
        local = np.repeat(np.arange(touched.size), counts)
        cand_s = np.full((touched.size, width), -np.inf, dtype=np.float32)
        cand_i = np.full((touched.size, width), NO_INDEX, dtype=np.int64)
        cand_s[local, slot] = scores
        cand_i[local, slot] = cols
        all_s = np.concatenate([self.scores[touched], cand_s], axis=1)
        all_i = np.concatenate([self.index[touched], cand_i], axis=1)
        keep = np.argpartition(-all_s, self.k - 1, axis=1)[:, : self.k]
        self.scores[touched] = np.take_along_axis(all_s, keep, axis=1)
        self.index[touched] = np.take_along_axis(all_i, keep, axis=1)
        self.threshold[touched] = self.scores[touched].min(axis=1)

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """(indices, scores), each row sorted by score descending, then index ascending."""
        index = np.where(np.isfinite(self.scores), self.index, NO_INDEX)
        tiebreak = np.where(index == NO_INDEX, np.iinfo(np.int64).max, index)
        order = np.lexsort((tiebreak, -self.scores), axis=1)
        return np.take_along_axis(index, order, axis=1), np.take_along_axis(
            self.scores, order, axis=1
        )


class _Exclusion:
    """Which (query row, corpus row) pairs are not allowed as neighbours."""

    def __init__(
        self,
        query_rows: np.ndarray | None,
        query_groups: np.ndarray | None,
        corpus_groups: np.ndarray | None,
    ) -> None:
        self.query_rows = query_rows
        self.query_groups = query_groups
        self.corpus_groups = corpus_groups

    def mask_block(
        self, sims: np.ndarray, row0: int, col0: int, buffer: np.ndarray
    ) -> np.ndarray:
        """The block with excluded pairs set to -inf (copied into ``buffer`` if any are)."""
        if self.query_rows is None and self.corpus_groups is None:
            return sims
        masked = buffer[: sims.size].reshape(sims.shape)
        np.copyto(masked, sims)
        if self.query_rows is not None:
            local = self.query_rows[row0 : row0 + sims.shape[0]] - col0
            hit = (local >= 0) & (local < sims.shape[1])
            masked[np.nonzero(hit)[0], local[hit]] = -np.inf
        if self.corpus_groups is not None and self.query_groups is not None:
            qg = self.query_groups[row0 : row0 + sims.shape[0]]
            cg = self.corpus_groups[col0 : col0 + sims.shape[1]]
            masked[qg[:, None] == cg[None, :]] = -np.inf
        return masked

    def allowed(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Boolean mask over candidate pairs (global query row, global corpus col)."""
        ok = np.ones(rows.size, dtype=bool)
        if self.query_rows is not None:
            ok &= self.query_rows[rows] != cols
        if self.corpus_groups is not None and self.query_groups is not None:
            ok &= self.query_groups[rows] != self.corpus_groups[cols]
        return ok


class _Reducer:
    """Merges score blocks into a ``_Running``, reusing its buffers between blocks."""

    def __init__(self, running: _Running, exclusion: _Exclusion, chunk: int) -> None:
        self.running = running
        self.exclusion = exclusion
        self.above = np.empty(chunk * chunk, dtype=bool)
        self.masked = np.empty(0, dtype=np.float32)  # allocated when first needed

    def reduce(self, sims: np.ndarray, row0: int, col0: int, transposed: bool = False) -> None:
        """Merge one score block into the running top k of its query rows.

        The block's rows are query rows from ``row0`` and its columns corpus rows from
        ``col0``; with ``transposed`` it is the other way round (``sims.T`` is merged
        without copying it).
        """
        k = self.running.k
        n_rows = sims.shape[1] if transposed else sims.shape[0]
        threshold = self.running.threshold[row0 : row0 + n_rows]
        above = self.above[: sims.size].reshape(sims.shape)
        np.greater(sims, threshold[None, :] if transposed else threshold[:, None], out=above)
        if np.count_nonzero(above) > _MANY * k * n_rows:
            # A row's first block: bound each row's k-th best score from below first.
            self._reduce_many(sims.T if transposed else sims, row0, col0)
            return
        flat = np.flatnonzero(above)
        rows, cols = np.divmod(flat, sims.shape[1])
        scores = sims.ravel()[flat] if sims.flags.c_contiguous else sims[rows, cols]
        if transposed:
            rows, cols = cols, rows
        self._merge(rows + row0, cols + col0, scores)

    def _reduce_many(self, sims: np.ndarray, row0: int, col0: int) -> None:
        if self.masked.size < sims.size:
            self.masked = np.empty(self.above.size, dtype=np.float32)
        masked = self.exclusion.mask_block(sims, row0, col0, self.masked)
        floor = np.maximum(_kth_floor(masked, self.running.k),
                           self.running.threshold[row0 : row0 + sims.shape[0]])
        above = self.above[: sims.size].reshape(sims.shape)
        np.greater_equal(masked, floor[:, None], out=above)
        rows, cols = np.divmod(np.flatnonzero(above), sims.shape[1])
        scores = masked[rows, cols]
        keep = np.isfinite(scores)
        self._merge(rows[keep] + row0, cols[keep] + col0, scores[keep])

    def _merge(self, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> None:
        ok = self.exclusion.allowed(rows, cols)
        self.running.merge(rows[ok], cols[ok], scores[ok])


def _kth_floor(sims: np.ndarray, k: int) -> np.ndarray:
    """A lower bound of each row's k-th largest entry, in about one pass over the block.

    The row is cut into ``4k`` groups; ``k`` distinct entries are at least the k-th
    largest of the group maxima, so that is a bound, and a tight one.
    """
    n_groups = 4 * k
    width = sims.shape[1]
    if width < 2 * n_groups:
        return np.full(sims.shape[0], -np.inf, dtype=np.float32)
    size = width // n_groups
    maxima = sims[:, : size * n_groups].reshape(sims.shape[0], n_groups, size).max(axis=2)
    return np.partition(maxima, n_groups - k, axis=1)[:, n_groups - k]


def _as_matrix(name: str, array: np.ndarray) -> np.ndarray:
    matrix = np.asarray(array, dtype=np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of vectors, got shape {matrix.shape}")
    return np.ascontiguousarray(matrix)


def _groups(name: str, groups: np.ndarray | None, n: int) -> np.ndarray | None:
    if groups is None:
        return None
    codes = np.asarray(groups)
    if codes.shape != (n,):
        raise ValueError(f"{name} must hold one group per row: shape ({n},), got {codes.shape}")
    return codes


def _codes(query_groups: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Groups of any kind (e.g. document id strings) as int64 codes, equal where equal."""
    _, codes = np.unique(np.concatenate([query_groups, groups]), return_inverse=True)
    codes = codes.astype(np.int64).ravel()
    return codes[: query_groups.size], codes[query_groups.size :]


def _same_array(a: np.ndarray, b: np.ndarray) -> bool:
    return a is b or (
        a.shape == b.shape
        and a.dtype == b.dtype
        and a.strides == b.strides
        and a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
    )


def top_k(
    queries: np.ndarray,
    corpus: np.ndarray,
    k: int,
    *,
    groups: np.ndarray | None = None,
    exclude_same_group: bool = False,
    exclude_self: bool = True,
    chunk: int = DEFAULT_CHUNK,
    query_groups: np.ndarray | None = None,
    query_rows: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` corpus rows with the highest dot product for each query, best first.

    Returns ``(indices, scores)``: int64 and float32 arrays of shape
    ``(len(queries), min(k, len(corpus)))``, padded with -1 / -inf where a query has fewer
    eligible neighbours. ``groups`` holds a group (document id) per corpus row; with
    ``exclude_same_group`` a query never gets a neighbour from its own group. A query's
    group is ``query_groups[i]``, or ``groups[i]`` when the queries are the corpus itself.
    ``exclude_self`` drops corpus row ``query_rows[i]`` for query ``i``; ``query_rows``
    defaults to ``arange`` when the queries are the corpus (the same array), else to none.
    ``chunk`` is the block size: memory is about ``chunk * chunk * 4`` bytes per block.
    """
    if k < 0:
        raise ValueError(f"k must be at least 0, got {k}")
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1, got {chunk}")
    itself = _same_array(np.asarray(queries), np.asarray(corpus))
    q = _as_matrix("queries", queries)
    c = q if itself else _as_matrix("corpus", corpus)
    if q.shape[0] and c.shape[0] and q.shape[1] != c.shape[1]:
        raise ValueError(f"queries have {q.shape[1]} dimensions, corpus {c.shape[1]}")
    groups = _groups("groups", groups, c.shape[0])
    if query_groups is None and itself:
        query_groups = groups
    query_groups = _groups("query_groups", query_groups, q.shape[0])
    if exclude_same_group and groups is None:
        raise ValueError("exclude_same_group needs groups (one group per corpus row)")
    if exclude_same_group and query_groups is None:
        raise ValueError("exclude_same_group needs query_groups when queries are not the corpus")
    if exclude_same_group:
        query_groups, groups = _codes(query_groups, groups)
    if exclude_self and query_rows is None and itself:
        query_rows = np.arange(q.shape[0])
    if query_rows is not None:
        query_rows = np.asarray(query_rows, dtype=np.int64)
        if query_rows.shape != (q.shape[0],):
            raise ValueError(f"query_rows must have shape ({q.shape[0]},)")
    width = min(k, c.shape[0])
    if width == 0 or q.shape[0] == 0:
        return (
            np.full((q.shape[0], width), NO_INDEX, dtype=np.int64),
            np.full((q.shape[0], width), -np.inf, dtype=np.float32),
        )
    exclusion = _Exclusion(
        query_rows if exclude_self else None,
        query_groups if exclude_same_group else None,
        groups if exclude_same_group else None,
    )
    running = _Running(q.shape[0], width)
    reducer = _Reducer(running, exclusion, chunk)
    buffer = np.empty(chunk * chunk, dtype=np.float32)
    if itself:
        _search_symmetric(q, reducer, buffer, chunk)
    else:
        for r0 in range(0, q.shape[0], chunk):
            block_q = q[r0 : r0 + chunk]
            for c0 in range(0, c.shape[0], chunk):
                block_c = c[c0 : c0 + chunk]
                sims = _product(block_q, block_c, buffer)
                reducer.reduce(sims, r0, c0)
    return running.result()


def _product(a: np.ndarray, b: np.ndarray, buffer: np.ndarray) -> np.ndarray:
    """``a @ b.T`` written into ``buffer`` (fresh large arrays cost page faults)."""
    out = buffer[: a.shape[0] * b.shape[0]].reshape(a.shape[0], b.shape[0])
    return np.matmul(a, b.T, out=out)


def _search_symmetric(x: np.ndarray, reducer: _Reducer, buffer: np.ndarray, chunk: int) -> None:
    """All rows of ``x`` against ``x``: each pair of blocks is multiplied once."""
    n = x.shape[0]
    for r0 in range(0, n, chunk):
        rows = x[r0 : r0 + chunk]
        for c0 in range(r0, n, chunk):
            sims = _product(rows, x[c0 : c0 + chunk], buffer)
            reducer.reduce(sims, r0, c0)
            if c0 != r0:
                reducer.reduce(sims, c0, r0, transposed=True)


def all_pairs_top_k(
    vectors: np.ndarray,
    k: int,
    groups: np.ndarray | None = None,
    exclude_same_group: bool = False,
    *,
    chunk: int = DEFAULT_CHUNK,
) -> tuple[np.ndarray, np.ndarray]:
    """Each vector's ``k`` nearest other vectors (never itself), as ``top_k`` returns them.

    With ``groups`` and ``exclude_same_group``, neighbours come from other groups only:
    for recommendations grouped by document, these are the cross-document neighbours.
    """
    return top_k(
        vectors,
        vectors,
        k,
        groups=groups,
        exclude_same_group=exclude_same_group,
        exclude_self=True,
        chunk=chunk,
    )
