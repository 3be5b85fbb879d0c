"""Options several commands take, declared once (typer reads them from the signatures)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

CurationOpt = Annotated[list[Path] | None, typer.Option(
    "--curation", help="A curation file (YAML) to apply; may be repeated.")]
FollowLinksOpt = Annotated[bool, typer.Option(
    "--follow-links", help="Follow symbolic links inside folders (off: listed as skipped).")]
GraphFileOpt = Annotated[Path | None, typer.Option(
    "--graph", help="A graph file written by 'cspgraph build'.")]
