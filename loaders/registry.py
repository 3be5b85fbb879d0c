"""The registry of readers (file format -> Document) and recognisers (Document -> facts).

Readers are registered by name and file suffixes; recognisers by name. Both
are plain functions, so a new format or layout family is one module with one
entry point and one ``register_*`` call (see ``loaders/__init__.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cspgraph.errors import UnknownFormatError
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Fact

ReadFn = Callable[[bytes, str], Document]
"""A reader: (file bytes, path as given) -> Document. Raises InputError."""

RecogniseFn = Callable[[Document], Iterable[Fact]]
"""A recogniser: Document -> facts. Must never raise on odd text."""


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: ReadFn
    version: str = "1"


@dataclass(frozen=True)
class Recogniser:
    name: str
    recognise: RecogniseFn
    version: str = "1"


_READERS: dict[str, Reader] = {}
_RECOGNISERS: dict[str, Recogniser] = {}


def register_reader(name: str, suffixes: Iterable[str], read: ReadFn, version: str = "1") -> None:
    """Register ``read`` for files ending in any of ``suffixes`` (e.g. ".txt")."""
    _READERS[name] = Reader(name, tuple(s.lower() for s in suffixes), read, version)


def register_recogniser(name: str, recognise: RecogniseFn, version: str = "1") -> None:
    """Register a layout-family recogniser under ``name``."""
    _RECOGNISERS[name] = Recogniser(name, recognise, version)


def readers() -> list[Reader]:
    """Registered readers, in registration order."""
    return list(_READERS.values())


def recognisers() -> list[Recogniser]:
    """Registered recognisers, in registration order."""
    return list(_RECOGNISERS.values())


def reader_for(path: str | Path, name: str | None = None) -> Reader:
    """The reader named ``name``, or the one whose suffix matches ``path``.

    Raises UnknownFormatError listing the registered formats when none fits.
    """
    if name is not None:
        if name in _READERS:
            return _READERS[name]
        raise UnknownFormatError(str(path), f"no reader named '{name}'", _known_hint())
    suffix = Path(path).suffix.lower()
    for reader in _READERS.values():
        if suffix in reader.suffixes:
            return reader
    raise UnknownFormatError(
        str(path), f"unknown format '{suffix or '(no suffix)'}'", _known_hint()
    )


def supported_suffixes() -> list[str]:
    """Every suffix some reader handles."""
    return sorted({s for r in _READERS.values() for s in r.suffixes})


def _known_hint() -> str:
    known = ", ".join(f"{r.name} ({' '.join(r.suffixes)})" for r in _READERS.values())
    return f"registered formats: {known}"
