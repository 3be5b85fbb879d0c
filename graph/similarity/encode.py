"""Encode texts with the configured model: cached, batched, with a progress bar on long runs.

Texts are sorted by length before batching, as ``SentenceTransformer.encode`` does, so a
batch pads to similar lengths, and the model is called one batch at a time so the bar
can move. Only texts missing from the cache are encoded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from cspgraph.graph.similarity.cache import cached_encode, normalise
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

BATCH_SIZE = 32
PROGRESS_FROM = 500  # texts to compute before a progress bar is worth showing


def encode(
    texts: Sequence[str],
    settings: Settings | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
) -> np.ndarray:
    """Unit-length float32 embeddings of ``texts``, shape ``(len(texts), dim)``.

    ``progress=None`` shows a bar when more than 500 texts need computing (cached ones
    are free); ``True``/``False`` force it on or off.
    """
    from cspgraph.graph.similarity.model import load_model, model_info

    settings = settings or Settings.from_env()
    info = model_info(settings)

    def compute(missing: list[str]) -> np.ndarray:
        model = load_model(settings)
        show = len(missing) > PROGRESS_FROM if progress is None else progress
        return encode_batches(model, missing, batch_size, show)

    vectors = cached_encode(list(texts), settings, compute, info.id)
    if vectors.shape[1] == 0:  # no texts and nothing cached yet to tell the size
        return np.zeros((0, load_model(settings).get_embedding_dimension()), dtype=np.float32)
    return vectors


def encode_batches(model: SentenceTransformer, texts: list[str], batch_size: int = BATCH_SIZE,
                   progress: bool = False) -> np.ndarray:
    """``model``'s unit-length float32 vectors for ``texts``, longest texts first."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    out: np.ndarray | None = None
    bar = _progress_bar() if progress else None
    task = bar.add_task("embedding", total=len(texts)) if bar else None
    try:
        if bar:
            bar.start()
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            part = model.encode([texts[i] for i in rows], batch_size=batch_size,
                                convert_to_numpy=True, show_progress_bar=False)
            if out is None:
                out = np.empty((len(texts), part.shape[1]), dtype=np.float32)
            out[rows] = part
            if bar:
                bar.advance(task, len(rows))
    finally:
        if bar:
            bar.stop()
    if out is None:
        return np.zeros((0, model.get_embedding_dimension()), dtype=np.float32)
    return normalise(out)


def _progress_bar():
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("texts"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)
