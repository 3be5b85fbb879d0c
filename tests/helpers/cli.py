"""The command line driven in-process, as the CLI tests drive it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cspgraph.api.cli.app import app

runner = CliRunner(env={"COLUMNS": "200"})


def build_graph(path: Path) -> Path:
    """``cspgraph build -o path`` over the bundled samples; ``path`` once it succeeds."""
    result = runner.invoke(app, ["build", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path
