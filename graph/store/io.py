"""Save and load datasets: TriG, N-Quads, Turtle and JSON-LD, written atomically.

TriG, N-Quads and JSON-LD keep the named graphs. Turtle has no named graphs,
so a Turtle export holds the union of all graphs and loads back as one graph.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import threading
from collections.abc import Callable
from glob import escape as glob_escape
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, plugin
from rdflib.parser import Parser

from cspgraph.errors import GraphFileError, UnknownGraphFormatError
from cspgraph.graph.store.backends import bind_prefixes, new_dataset

FORMATS: dict[str, tuple[str, ...]] = {
    "trig": (".trig",),
    "nquads": (".nq", ".nquads"),
    "turtle": (".ttl", ".turtle"),
    "json-ld": (".jsonld", ".json"),
}
QUAD_FORMATS = ("trig", "nquads", "json-ld")
# N-Quads is what builds and servers save; read it keeping one object per distinct term
plugin.register("cspgraph-nquads", Parser, "cspgraph.graph.store.terms", "InterningNQuadsParser")


def guess_format(path: str | Path, fmt: str | None = None) -> str:
    """The format named, or guessed from the file suffix; GraphFileError if neither."""
    if fmt:
        if fmt in FORMATS:
            return fmt
        raise UnknownGraphFormatError(f"unknown graph format '{fmt}'",
                                      f"use one of {', '.join(FORMATS)}")
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    raise UnknownGraphFormatError(
        f"cannot tell the graph format of {path}",
        f"use a suffix {' '.join(s for v in FORMATS.values() for s in v)} or --format",
    )


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The dataset as bytes in ``fmt``."""
    buf = io.BytesIO()
    serialize_to(ds, fmt, buf)
    return buf.getvalue()


def serialize_to(ds: Dataset, fmt: str, stream: BinaryIO) -> None:
    """Write the dataset in ``fmt`` to ``stream`` as it is serialised, never whole in memory
    (a national graph's N-Quads run to gigabytes)."""
    fmt = guess_format("", fmt)
    graph = _union(ds) if fmt == "turtle" else ds
    graph.serialize(destination=stream, format=fmt, encoding="utf-8")


def _union(ds: Dataset):
    from rdflib import Graph

    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


_TEMP_SUFFIX = ".cspgraph-tmp"


def _umask() -> int:
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


_UMASK_LOCK = threading.Lock()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_temporaries(target: Path) -> list[Path]:
    """Temporary files a killed save of ``target`` left beside it: named
    ``.NAME.PID.RANDOM.cspgraph-tmp``, by a process that is no longer running."""
    found = []
    for tmp in target.parent.glob(f".{glob_escape(target.name)}.*{_TEMP_SUFFIX}"):
        pid = tmp.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            found.append(tmp)
    return found


def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename; ``data``
    may be a function that writes to the open file. The file gets the mode the umask gives a
    new file (or keeps the mode of the file it replaces); temporaries a killed save left
    behind are removed first."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise GraphFileError(f"cannot write {path}: no folder {folder}", "create the folder first")
    for stale in stale_temporaries(folder / target.name):
        stale.unlink(missing_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX,
                               dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(ds: Dataset, path: str | Path, fmt: str | None = None) -> str:
    """Save ``ds`` to ``path`` atomically; returns the format used."""
    fmt = guess_format(path, fmt)
    try:
        write_atomic(path, lambda fh: serialize_to(ds, fmt, fh))
    except OSError as exc:
        raise GraphFileError(f"cannot write {path}: {exc.strerror or exc}",
                             "check the folder exists and is writable") from exc
    return fmt


def load(path: str | Path, fmt: str | None = None, store: str = "memory") -> Dataset:
    """Load a saved dataset; GraphFileError names the file (and line) on failure."""
    p = Path(path)
    fmt = guess_format(p, fmt)
    if not p.is_file():
        raise GraphFileError(f"no graph file at {path}", "run 'cspgraph build -o FILE' first")
    if p.stat().st_size == 0:
        raise GraphFileError(f"graph file {path} is empty", "build it again")
    ds = new_dataset(store)
    try:
        if fmt == "turtle":
            ds.default_context.parse(str(p), format="turtle")
        else:
            ds.parse(str(p), format="cspgraph-nquads" if fmt == "nquads" else fmt)
    except Exception as exc:  # rdflib parsers raise many types; all mean a bad file
        raise GraphFileError(f"cannot read graph file {path} as {fmt}: {_first_line(exc)}",
                             "check the file is a cspgraph export, or name its --format") from exc
    bind_prefixes(ds)
    return ds


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
