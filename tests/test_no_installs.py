"""Only .ci/run installs system packages: no test, fixture or script they run does."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = re.compile(
    r"^\s*(?:sudo\s+)?(?:DEBIAN_FRONTEND=\S+\s+)?apt(?:-get)?\s+(?:install|update)")
ARGV = re.compile(r"""["']apt(?:-get)?["']\s*,\s*["'](?:install|update)""")


def test_tests_that_change_the_machine_are_gone() -> None:
    files = [p for p in [*ROOT.glob("scripts/*"), *ROOT.glob("tests/**/*.py")] if p.is_file()]
    runs = [f"{p.relative_to(ROOT)}:{n}" for p in files
            for n, line in enumerate(p.read_text(errors="replace").splitlines(), 1)
            if COMMAND.match(line) or ARGV.search(line)]
    assert runs == []
