"""`build FOLDER` stays inside the folder and names every entry it skips; `serve` reports
what `build` reports and exits 2 when nothing loads (issue 18, findings 8 and 17)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.graph.build.dataset import expand_paths

runner = CliRunner(env={"COLUMNS": "250"})
PLAN = "Riverside Community Safety Partnership Plan 2024-27\n\nOur priorities\n\n- Domestic abuse\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    inside = tmp_path / "docs"
    (inside / "sub").mkdir(parents=True)
    (inside / "plan.txt").write_text(PLAN, encoding="utf-8")
    secret = tmp_path / "outside.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (inside / "passwd.txt").symlink_to(secret)  # a link out of the folder
    (inside / "sub" / "loop").symlink_to(inside, target_is_directory=True)
    (inside / "gone.txt").symlink_to(tmp_path / "no-such-file.txt")
    os.mkfifo(inside / "pipe.txt")
    return inside


def test_symlinks_out_of_the_folder_are_not_followed_and_are_listed(folder: Path) -> None:
    files, skipped = expand_paths([folder])
    assert files == [folder / "plan.txt"]
    reasons = {Path(r.path).name: r.error for r in skipped}
    assert "symbolic link" in reasons["passwd.txt"]
    assert "symbolic link" in reasons["loop"]
    assert "symbolic link" in reasons["gone.txt"]
    assert "not a regular file" in reasons["pipe.txt"]


def test_follow_links_follows_them_and_names_loops_and_broken_links(folder: Path) -> None:
    files, skipped = expand_paths([folder], follow_links=True)
    assert sorted(p.name for p in files) == ["passwd.txt", "plan.txt"]
    reasons = {Path(r.path).name: r.error for r in skipped}
    assert "loop" in reasons["loop"]
    assert "broken" in reasons["gone.txt"]
    assert "not a regular file" in reasons["pipe.txt"]


def test_build_of_the_folder_never_loads_what_a_link_points_outside(folder, tmp_path) -> None:
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1  # built, with skipped entries
    assert "root:x:0:0" not in out.read_text(encoding="utf-8")
    assert "passwd.txt" in result.output and "not followed" in result.output.replace("\n", "")


def test_serve_with_nothing_loadable_says_so_and_exits_2(tmp_path, monkeypatch) -> None:
    import uvicorn

    empty = tmp_path / "docs"
    empty.mkdir()
    (empty / "notes.xyz").write_text("x", encoding="utf-8")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("served nothing"))
    result = runner.invoke(app, ["serve", str(empty)])
    assert result.exit_code == 2
    assert "unsupported format" in result.output and "nothing to serve" in result.output


def test_serve_lists_skipped_files_as_build_does(folder, monkeypatch) -> None:
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: served.append(k))
    result = runner.invoke(app, ["serve", str(folder)])
    assert result.exit_code == 0 and served
    printed = result.output.replace("\n", "")
    assert "plan.txt" in printed and "pipe.txt" in printed and "not a regular file" in printed
