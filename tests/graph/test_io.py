"""Export and import: every format round-trips; saving is atomic; bad files are named."""

from __future__ import annotations

import os
import stat

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from cspgraph.errors import GraphFileError
from cspgraph.graph.build.validate import union_graph
from cspgraph.graph.store import io


def _graphs(ds) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for t in g:
                copy.add(t)
            out[str(g.identifier)] = copy
    return out


@pytest.mark.parametrize("fmt,suffix", [("trig", ".trig"), ("nquads", ".nq"),
                                        ("json-ld", ".jsonld")])
def test_quad_formats_round_trip_isomorphically(sample_build, tmp_path, fmt, suffix):
    path = tmp_path / f"graph{suffix}"
    assert io.save(sample_build.dataset, path) == fmt
    loaded = io.load(path)
    before, after = _graphs(sample_build.dataset), _graphs(loaded)
    assert before.keys() == after.keys()
    for name in before:
        assert isomorphic(before[name], after[name]), name


def test_turtle_round_trips_the_union(sample_build, tmp_path):
    path = tmp_path / "graph.ttl"
    io.save(sample_build.dataset, path)
    assert isomorphic(union_graph(sample_build.dataset), union_graph(io.load(path)))


def test_a_failed_save_leaves_the_old_file_and_no_temp_file(sample_build, tmp_path, monkeypatch):
    path = tmp_path / "graph.trig"
    path.write_text("old contents")

    def broken(ds, fmt, stream):  # fails half way through writing
        stream.write(b"<urn:a> <urn:b> ")
        raise RuntimeError("disk full")

    monkeypatch.setattr(io, "serialize_to", broken)
    with pytest.raises(RuntimeError):
        io.save(sample_build.dataset, path)
    assert path.read_text() == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_write_atomic_cleans_up_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.trig"

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "replace", failing_replace)
    with pytest.raises(OSError):
        io.write_atomic(target, b"data")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content,expected", [
    (None, "no graph file"),
    (b"", "is empty"),
    (b"@prefix : <http://x/> .\n:a :b :c ;;; garbage {", "cannot read graph file"),
])
def test_bad_graph_files_give_errors_naming_the_file(tmp_path, content, expected):
    path = tmp_path / "bad.trig"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GraphFileError) as info:
        io.load(path)
    assert expected in str(info.value) and "bad.trig" in str(info.value)


def test_unknown_formats_are_refused_with_the_known_ones_listed(tmp_path):
    with pytest.raises(GraphFileError) as info:
        io.guess_format(tmp_path / "graph.xyz")
    assert ".trig" in str(info.value)
    with pytest.raises(GraphFileError):
        io.guess_format("graph.trig", "rdfxml-ish")


def test_a_killed_save_leaves_a_temporary_the_next_save_removes(tmp_path):
    """kill -9 during a save left '.graph.trig.*.tmp' beside the target for good."""
    import subprocess
    import sys

    target = tmp_path / "graph.trig"
    code = ("import os, sys, time; from cspgraph.graph.store import io\n"
            "def slow(fh):\n    fh.write(b'half'); fh.flush(); print('writing', flush=True);"
            " time.sleep(60)\n"
            f"io.write_atomic({str(target)!r}, slow)\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    child.kill()
    child.wait()
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".graph.trig.") and left[0].endswith(
        ".cspgraph-tmp"), left  # recognisable by name
    assert io.stale_temporaries(target) == [tmp_path / left[0]]
    io.write_atomic(target, b"whole")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]
    assert target.read_bytes() == b"whole"


def test_atomic_files_keep_the_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        io.write_atomic(tmp_path / "new.trig", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.trig").stat().st_mode) == 0o644
    existing = tmp_path / "shared.trig"
    existing.write_bytes(b"old")
    existing.chmod(0o664)
    io.write_atomic(existing, b"new")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o664
