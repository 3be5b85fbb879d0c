"""Item vectors made with the graph and kept beside its file, read back memory-mapped.

``graph.trig`` gets ``graph.trig.vectors.npy`` (one float32 array) and
``graph.trig.vectors.json`` (what its rows are). For the ``n`` items of
``DUPLICATE_KINDS`` the array holds, in order: ``n`` rows for the items' texts, ``n`` rows
for the same texts without an opening formula (the "cores" the template guard compares),
then one row per theme label (for tagging items with the nearest theme). The sidecar
names the item IRIs (row order), the model (id, name and the sha256 of its weights) and
the sha256 of every row's text, so a row is reused only for the exact text and model
that made it.

Both files are written atomically (temp file, fsync, rename): the old sidecar is removed
first and the new one written last, so a crash leaves vectors without a sidecar (made
again on next use), never a sidecar describing other vectors.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rdflib import Dataset

from cspgraph.errors import CspGraphError
from cspgraph.graph.similarity.cache import text_key
from cspgraph.graph.similarity.texts import EmbedItem
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from cspgraph.graph.similarity.duplicates import Corpus

FORMAT = 1
log = logging.getLogger("cspgraph.similarity")
Progress = Callable[[int, int], None]


def vector_paths(graph_file: str | Path) -> tuple[Path, Path]:
    """The array and sidecar of a graph file: ``<file>.vectors.npy``, ``<file>.vectors.json``."""
    p = Path(graph_file)
    return p.with_name(p.name + ".vectors.npy"), p.with_name(p.name + ".vectors.json")


@dataclass
class ItemVectors:
    """Vectors of items (texts and cores) and of the theme labels, with their texts' keys."""

    iris: list[str]
    array: np.ndarray  # rows: n texts, n cores, then the theme labels
    keys: list[str]  # sha256 of each row's text
    model: str  # model id, e.g. all-MiniLM-L6-v2@53aa5117
    model_sha256: str

    @property
    def texts(self) -> np.ndarray:
        return self.array[: len(self.iris)]

    @property
    def cores(self) -> np.ndarray:
        return self.array[len(self.iris): 2 * len(self.iris)]

    @property
    def themes(self) -> np.ndarray:
        return self.array[2 * len(self.iris):]

    @property
    def nbytes(self) -> int:
        return int(self.array.nbytes)


def row_texts(items: list[EmbedItem], with_context: bool = False) -> list[str]:
    """The texts of the rows, in order: items' texts, their cores, the theme labels."""
    from cspgraph.graph.similarity.duplicates import _core
    from cspgraph.graph.similarity.themes import theme_labels

    return ([it.text(with_context) for it in items] + [_core(it, with_context) for it in items]
            + [pref for _c, pref, _p in theme_labels()])


def embed_items(items: list[EmbedItem], settings: Settings | None = None,
                progress: Progress | None = None, previous: ItemVectors | None = None,
                with_context: bool = False) -> ItemVectors:
    """The vectors of ``items``: rows of ``previous`` (same model, same text) are reused,
    the rest go through ``encode`` (so the on-disk cache spares unchanged texts)."""
    from cspgraph.graph.similarity.encode import encode
    from cspgraph.graph.similarity.model import model_info

    settings = settings or Settings.from_env()
    info = model_info(settings)
    texts = row_texts(items, with_context)
    keys = [text_key(t) for t in texts]
    iris = [it.iri for it in items]
    if previous is not None and previous.model_sha256 == info.sha256:
        if previous.iris == iris and previous.keys == keys:
            return previous  # nothing changed: keep its (mapped) rows
        held = {k: i for i, k in enumerate(previous.keys)}
    else:
        held = {}
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in held))
    if missing:
        log.info("embedding %d of %d texts", len(missing), len(texts))
    fresh = encode(missing, settings, progress=progress) if missing else None
    made = {text_key(t): i for i, t in enumerate(missing)}
    dim = (fresh.shape[1] if fresh is not None and fresh.size else
           previous.array.shape[1] if held and previous is not None else None)
    if dim is None:  # nothing to embed and nothing held: ask encode for the size
        dim = encode([], settings).shape[1]
    array = np.empty((len(texts), dim), dtype=np.float32)
    for row, key in enumerate(keys):
        array[row] = fresh[made[key]] if key in made else previous.array[held[key]]
    return ItemVectors(iris, array, keys, info.id, info.sha256)


def save_vectors(graph_file: str | Path, vectors: ItemVectors) -> tuple[Path, Path]:
    """Write the array and its sidecar beside ``graph_file``, atomically; their paths."""
    from cspgraph.graph.store.io import write_atomic

    npy, sidecar = vector_paths(graph_file)
    meta = {"format": FORMAT, "model": vectors.model, "model_name": vectors.model.split("@")[0],
            "model_sha256": vectors.model_sha256, "dim": int(vectors.array.shape[1]),
            "rows": len(vectors.keys), "items": vectors.iris, "text_sha256": vectors.keys}
    sidecar.unlink(missing_ok=True)  # vectors without a sidecar are ignored, never misread
    array = np.ascontiguousarray(vectors.array, dtype=np.float32)
    write_atomic(npy, lambda fh: np.save(fh, array, allow_pickle=False))
    write_atomic(sidecar, json.dumps(meta).encode("utf-8"))
    return npy, sidecar


def load_vectors(graph_file: str | Path) -> ItemVectors | None:
    """The vectors saved beside ``graph_file``, memory-mapped; None if absent or unreadable."""
    npy, sidecar = vector_paths(graph_file)
    if not (npy.is_file() and sidecar.is_file()):
        return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')}, expected {FORMAT}")
        array = np.load(npy, mmap_mode="r", allow_pickle=False)
        keys, iris = list(meta["text_sha256"]), list(meta["items"])
        if (array.dtype != np.float32 or array.ndim != 2 or len(array) != len(keys)
                or len(keys) < 2 * len(iris)):
            raise ValueError(f"{len(keys)} rows named but an array of shape {array.shape}")
        return ItemVectors(iris, array, keys, str(meta["model"]), str(meta["model_sha256"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring the vectors beside %s: %s", graph_file, exc)
        return None


def corpus_from(items: list[EmbedItem], vectors: ItemVectors,
                settings: Settings | None = None) -> Corpus:
    """The similarity ``Corpus`` of ``items`` from their vectors (no model is needed)."""
    from cspgraph.graph.similarity.duplicates import Corpus
    from cspgraph.graph.similarity.themes import tag_items

    themes = tag_items(items, vectors.texts, settings, theme_vectors=vectors.themes)
    groups = np.unique([it.doc_id for it in items], return_inverse=True)[1] if items else (
        np.zeros(0, dtype=np.int64))
    return Corpus(items, vectors.texts, vectors.cores, groups, themes)


def graph_items(ds: Dataset) -> list[EmbedItem]:
    """The items whose vectors are kept: those of ``DUPLICATE_KINDS``."""
    from cspgraph.graph.similarity.duplicates import DUPLICATE_KINDS
    from cspgraph.graph.similarity.texts import embeddable_items

    return embeddable_items(ds, DUPLICATE_KINDS)


def embed_graph(ds: Dataset, settings: Settings | None = None, progress: Progress | None = None,
                previous: ItemVectors | None = None) -> ItemVectors:
    """The vectors of the dataset's items (see :func:`embed_items`)."""
    return embed_items(graph_items(ds), settings, progress, previous)


def corpus_for(ds: Dataset, settings: Settings | None = None, graph_file: str | Path | None = None,
               progress: Progress | None = None, previous: ItemVectors | None = None,
               save: bool = False) -> tuple[Corpus, ItemVectors]:
    """The similarity ``Corpus`` of the dataset and its vectors. Rows of ``previous``, else
    of the vectors saved beside ``graph_file``, are reused where model and text match; only
    the rest are embedded. With ``save``, vectors that changed are written beside
    ``graph_file`` (a failure to write is logged, not raised)."""
    items = graph_items(ds)
    saved = load_vectors(graph_file) if graph_file is not None and previous is None else None
    vectors = embed_items(items, settings, progress, previous or saved)
    if vectors is saved:
        log.info("vectors read from beside %s", graph_file)
    elif save and graph_file is not None:
        try:
            save_vectors(graph_file, vectors)
            log.info("saved the vectors beside %s", graph_file)
        except (OSError, CspGraphError) as exc:
            log.warning("could not save the vectors beside %s: %s", graph_file, exc)
    return corpus_from(items, vectors, settings), vectors
