"""Encode texts with the configured model: cached, batched, reporting progress on the way.

Texts are sorted by length before batching, as ``SentenceTransformer.encode`` does, so a
batch pads to similar lengths, and the model is called one batch at a time so a caller's
``progress(done, total)`` can move a bar. Only texts missing from the cache are encoded;
each run is logged (``cspgraph.similarity``) with its count and seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from cspgraph.graph.similarity.cache import cached_encode, normalise
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Progress = Callable[[int, int], None]  # (texts done, texts to do)
# benchmarks/encode_throughput.py, 2 cores: sorting by length is what pays (about 4x the
# texts/s of batches in the given order); batches of 64 or 128 and torch threads set to
# the core count (already the default) gave no gain beyond run-to-run noise, at the same
# top-10 neighbours. So: sorted, 32.
BATCH_SIZE = 32
log = logging.getLogger("cspgraph.similarity")


def encode(
    texts: Sequence[str],
    settings: Settings | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> np.ndarray:
    """Unit-length float32 embeddings of ``texts``, shape ``(len(texts), dim)``.

    ``progress(done, total)`` is called before the first batch and after each batch of
    texts the model computes (cached ones are free and not counted).
    """
    from cspgraph.graph.similarity.model import load_model, model_info

    settings = settings or Settings.from_env()
    info = model_info(settings)

    def compute(missing: list[str]) -> np.ndarray:
        model = load_model(settings)
        log.info("embedding %d texts (%d cached)", len(missing), len(texts) - len(missing))
        started = time.perf_counter()
        vectors = encode_batches(model, missing, batch_size, progress)
        log.info("embedded %d texts in %.1f s", len(missing), time.perf_counter() - started)
        return vectors

    vectors = cached_encode(list(texts), settings, compute, info.id)
    if vectors.shape[1] == 0:  # no texts and nothing cached yet to tell the size
        return np.zeros((0, load_model(settings).get_embedding_dimension()), dtype=np.float32)
    return vectors


def encode_batches(model: SentenceTransformer, texts: list[str], batch_size: int = BATCH_SIZE,
                   progress: Progress | None = None) -> np.ndarray:
    """``model``'s unit-length float32 vectors for ``texts``, longest texts first."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    out: np.ndarray | None = None
    if progress:
        progress(0, len(texts))
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        part = model.encode([texts[i] for i in rows], batch_size=batch_size,
                            convert_to_numpy=True, show_progress_bar=False)
        if out is None:
            out = np.empty((len(texts), part.shape[1]), dtype=np.float32)
        out[rows] = part
        if progress:
            progress(start + len(rows), len(texts))
    if out is None:
        return np.zeros((0, model.get_embedding_dimension()), dtype=np.float32)
    return normalise(out)
