"""Progress on standard error for long work, so piped output (CSV, JSON) stays clean.

``working(what)`` shows a spinner with ``what`` while the model loads, and turns into a
bar of texts embedded once the model runs: pass the callback it yields to the graph/
function (``build_corpus(..., progress=...)``). On a terminal only; nothing is left behind.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from cspgraph.api.cli.app import err


@contextmanager
def working(what: str) -> Iterator[Callable[[int, int], None]]:
    """A transient spinner saying ``what``; the yielded ``progress(done, total)`` turns it
    into a bar of texts embedded."""
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                   disable=not err.is_terminal)
    task = bar.add_task(what, total=None)

    def progress(done: int, total: int) -> None:
        bar.update(task, description="embedding texts", completed=done, total=total)

    with bar:
        yield progress


class StderrHandler(logging.StreamHandler):
    """Log lines to whatever ``sys.stderr`` is when they are written."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s", "%H:%M:%S"))

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def log_to_stderr(level: int = logging.INFO) -> None:
    """Print cspgraph's log lines (model loading, embedding, errors) on standard error,
    once, e.g. for ``serve``."""
    logger = logging.getLogger("cspgraph")
    logger.setLevel(level)
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        logger.addHandler(StderrHandler())
