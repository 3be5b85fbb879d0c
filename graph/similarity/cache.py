"""Embeddings cached on disk by the sha256 of the exact text and the model id.

One folder per model id under ``<cache_dir>/embeddings/``::

    index.json            {"model_id", "dim", "vectors": "vectors-<token>.npy", "keys": [...]}
    vectors-<token>.npy   float32, unit length, row i is the text whose hash is keys[i]

Both files are written atomically (temp file, fsync, rename). Vectors are written first
under a fresh name, then the index that names them, so an index always points at the
vectors it describes: a crash or a concurrent writer can lose new entries, never pair a
text with another text's vector. Vector files no index names are removed afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from cspgraph.graph.store.io import write_atomic
from cspgraph.settings import Settings

EncodeFn = Callable[[list[str]], np.ndarray]
INDEX = "index.json"
FORMAT = 1


def text_key(text: str) -> str:
    """The cache key of a text: sha256 of its exact UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_folder(settings: Settings, model_id: str) -> Path:
    """The folder holding one model's cached embeddings."""
    safe = re.sub(r"[^A-Za-z0-9._@-]+", "_", model_id)
    return Path(settings.cache_dir).expanduser() / "embeddings" / safe


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (zero rows stay zero)."""
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim != 2:
        raise ValueError(f"expected a 2-d array of vectors, got shape {v.shape}")
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms > 0, norms, 1.0).astype(np.float32)


class EmbeddingCache:
    """The cached vectors of one model, read once and appended to."""

    def __init__(self, folder: Path, model_id: str) -> None:
        self.folder = folder
        self.model_id = model_id
        self.keys: list[str] = []
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self.rows: dict[str, int] = {}
        self._read()

    def _read(self) -> None:
        index = self.folder / INDEX
        if not index.is_file():
            return
        try:
            meta = json.loads(index.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT or meta.get("model_id") != self.model_id:
                raise ValueError("written by another version or model")
            vectors = np.load(self.folder / meta["vectors"], allow_pickle=False)
            keys = list(meta["keys"])
            if vectors.dtype != np.float32 or vectors.ndim != 2 or len(vectors) != len(keys):
                raise ValueError(f"{len(keys)} keys but vectors of shape {vectors.shape}")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            warnings.warn(f"ignoring the embedding cache in {self.folder}: {exc}; "
                          "it will be rebuilt", stacklevel=3)
            return
        self.keys, self.vectors = keys, vectors
        self.rows = {k: i for i, k in enumerate(keys)}

    def __len__(self) -> int:
        return len(self.keys)

    def get(self, keys: Sequence[str]) -> np.ndarray:
        """Vectors for ``keys``, all of which must be cached."""
        return self.vectors[[self.rows[k] for k in keys]]

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        """Append new keys and their vectors, then write both files."""
        if not keys:
            return
        vectors = normalise(vectors)
        if len(self.keys) and vectors.shape[1] != self.vectors.shape[1]:
            raise ValueError(f"model {self.model_id} gave vectors of size {vectors.shape[1]}, "
                             f"the cache holds size {self.vectors.shape[1]}")
        base = len(self.keys)
        self.vectors = vectors if not base else np.concatenate([self.vectors, vectors])
        self.keys = self.keys + keys
        self.rows.update({k: base + i for i, k in enumerate(keys)})
        try:
            self._write()
        except OSError as exc:
            warnings.warn(f"could not write the embedding cache in {self.folder}: "
                          f"{exc.strerror or exc}; set CSPGRAPH_CACHE_DIR to a writable folder",
                          stacklevel=3)

    def _write(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"vectors-{uuid.uuid4().hex}.npy"
        buf = io.BytesIO()
        np.save(buf, self.vectors, allow_pickle=False)
        write_atomic(self.folder / name, buf.getvalue())
        meta = {"format": FORMAT, "model_id": self.model_id, "dim": int(self.vectors.shape[1]),
                "vectors": name, "keys": self.keys}
        write_atomic(self.folder / INDEX, json.dumps(meta).encode("utf-8"))
        for old in self.folder.glob("vectors-*.npy"):
            if old.name != name:
                old.unlink(missing_ok=True)


def cached_encode(
    texts: Sequence[str], settings: Settings, encode_fn: EncodeFn, model_id: str | None = None,
) -> np.ndarray:
    """Unit-length float32 vectors for ``texts``, one row each, in order.

    Only texts not yet cached for ``model_id`` (default: the settings' model) are passed,
    once each, in one call to ``encode_fn``; the rest are read from the cache.
    """
    if model_id is None:
        from cspgraph.graph.similarity.model import model_id as current_model_id

        model_id = current_model_id(settings)
    cache = EmbeddingCache(cache_folder(settings, model_id), model_id)
    keys = [text_key(t) for t in texts]
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in cache.rows and key not in missing:
            missing[key] = text
    if missing:
        fresh = np.asarray(encode_fn(list(missing.values())))
        if fresh.ndim != 2 or len(fresh) != len(missing):
            raise ValueError(f"encode_fn returned shape {fresh.shape} for {len(missing)} texts")
        cache.add(list(missing), fresh)
    if not keys:
        return np.zeros((0, cache.vectors.shape[1]), dtype=np.float32)
    return cache.get(keys)
