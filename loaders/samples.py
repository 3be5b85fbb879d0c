"""The bundled sample corpus: five real public documents shipped with cspgraph."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_paths() -> list[Path]:
    """Paths of the bundled sample documents, sorted by name."""
    folder = resources.files("cspgraph.loaders") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
