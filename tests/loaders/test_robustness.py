"""Damaged copies of the real samples still load, and the coverage report shows the loss.

Each damage is applied to the bytes of a sample and loaded with ``load_document(path,
data=...)`` through every registered recogniser: table rows shuffled, table cells'
HTML written as plain text, CRLF line endings, and the file cut off half-way.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from cspgraph.loaders import LoadResult, load_document, sample_paths
from cspgraph.loaders.facts import DocumentInfo, Item

PATHS = sample_paths()
TAG = re.compile(r"<[^>]+>")


def _load(path: Path, data: bytes) -> LoadResult:
    result = load_document(path, data=data)
    assert not result.problems, result.problems
    cov = result.coverage
    nonblank = result.document.nonblank_lines()
    parts = cov.understood + cov.furniture + cov.not_understood
    assert sorted(parts) == nonblank  # every non-blank line is reported exactly once
    return result


def _items(result: LoadResult, rows: bool = False) -> Counter[tuple[str, str, str | None]]:
    """The items read, by kind, text and theme; with ``rows``, only those read from table
    rows (TAB lines)."""
    lines = result.document.lines
    return Counter(
        (f.kind.value, f.text, f.theme) for f in result.facts if isinstance(f, Item)
        and (not rows or all("\t" in lines[n - 1] for n in f.source.span.lines()))
    )


def _table_runs(lines: list[str]) -> list[range]:
    runs: list[range] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i] and lines[i].strip():
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            runs.append(range(i, j))
            i = j
        else:
            i += 1
    return runs


def _reorder(data: bytes, order) -> bytes:
    lines = data.decode("utf-8").split("\n")
    out = list(lines)
    for run in _table_runs(lines):
        chunk = [lines[i] for i in run]
        out[run.start : run.stop] = order(chunk)
    return "\n".join(out).encode("utf-8")


def _info(result: LoadResult) -> DocumentInfo:
    return next(f for f in result.facts if isinstance(f, DocumentInfo))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_table_rows_load_without_inventing_items(path: Path, seed: int) -> None:
    data = path.read_bytes()
    before = _load(path, data)
    rnd = random.Random(seed)

    def shuffle(chunk: list[str]) -> list[str]:
        chunk = list(chunk)
        rnd.shuffle(chunk)
        return chunk

    after = _load(path, _reorder(data, shuffle))
    assert _info(after) == _info(before)  # the title page has no table rows
    # a row under a blank theme cell may change theme; its words never change
    texts = Counter({(kind, text): n for (kind, text, _), n in _items(before).items()})
    moved = Counter()
    for (kind, text, _), n in _items(after, rows=True).items():
        moved[(kind, text)] += n
    assert not (moved - texts), "a shuffle must not invent items"
    assert len(after.document.lines) == len(before.document.lines)


def test_reversed_tables_lose_rows_above_their_header_and_say_so() -> None:
    path = next(p for p in PATHS if p.name.startswith("pan-cheshire"))
    before = _load(path, path.read_bytes())
    after = _load(path, _reorder(path.read_bytes(), lambda chunk: chunk[::-1]))
    assert sum(_items(after).values()) < sum(_items(before).values())
    assert before.coverage.not_understood == before.coverage.partly  # facts from every line
    assert len(after.coverage.not_understood) >= 4  # data rows now above their tables' headers
    for n in after.coverage.not_understood:
        assert "\t" in after.document.lines[n - 1]


def _with_plain_cells(path: Path):
    """``path`` loaded as it is, and again with the markup taken out of its table cells."""
    data = path.read_bytes()
    lines = data.decode("utf-8").split("\n")
    plain = "\n".join(TAG.sub("", line) if "\t" in line else line for line in lines)
    return _load(path, data), _load(path, plain.encode("utf-8"))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_cells_written_as_plain_text_still_load(path: Path) -> None:
    before, after = _with_plain_cells(path)
    assert _info(after) == _info(before)
    assert len(after.document.lines) == len(before.document.lines)
    assert sum(_items(after).values()) <= sum(_items(before).values())
    lost = set(before.coverage.understood) - set(after.coverage.understood)
    assert lost <= set(after.coverage.not_understood) | set(after.coverage.furniture)


def test_plain_text_recommendation_cells_keep_their_numbered_items() -> None:
    path = next(p for p in PATHS if p.name.startswith("pan-cheshire"))
    before, after = _with_plain_cells(path)
    assert _items(after) == _items(before)
    assert sum(_items(after).values()) == 54
    assert after.coverage.not_understood == after.coverage.partly


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_other_line_endings_give_the_same_facts(path: Path, ending: bytes) -> None:
    data = path.read_bytes()
    before = _load(path, data)
    after = _load(path, data.replace(b"\n", ending))
    assert after.facts == before.facts
    assert after.coverage == before.coverage


def _cut(data: bytes, mid_character: bool) -> bytes:
    """The first half of ``data``, ending between characters or inside one."""
    half = len(data) // 2
    if not mid_character:
        while half < len(data) and data[half] & 0xC0 == 0x80:
            half += 1
        return data[:half]
    inside = [i for i, b in enumerate(data) if b & 0xC0 == 0x80 and data[i - 1] & 0xC0 != 0x80]
    if not inside:
        pytest.skip("the sample is plain ASCII: there is no character to cut inside")
    return data[: min(inside, key=lambda i: abs(i - half))]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
@pytest.mark.parametrize("mid_character", [False, True])
def test_a_file_cut_off_half_way_loads_what_it_can(path: Path, mid_character: bool) -> None:
    data = path.read_bytes()
    before = _load(path, data)
    cut = _cut(data, mid_character)
    after = load_document(path, data=cut)
    assert not [p for p in after.problems if "failed" in p]
    doc = after.document
    original = before.document.lines
    assert doc.lines[:-1] == original[: len(doc.lines) - 1]
    assert original[len(doc.lines) - 1].startswith(doc.lines[-1])
    info, whole_info = _info(after), _info(before)
    assert (info.title, info.kind, info.issuer, info.period) == (
        whole_info.title,
        whole_info.kind,
        whole_info.issuer,
        whole_info.period,
    )  # the dates may change: what shows a financial year may be in the lost half
    last = len(doc.lines)
    kept = Counter(
        (f.kind.value, f.text) for f in after.facts
        if isinstance(f, Item) and f.source.span.end < last
    )
    original: Counter[tuple[str, str]] = Counter()
    for (kind, text, _), n in _items(before).items():
        original[(kind, text)] += n
    assert not (kept - original), "items read from whole lines must be items of the original"
    assert after.coverage.total < before.coverage.total
    assert sum(_items(after).values()) <= sum(_items(before).values())
    if mid_character:
        assert any("ends inside a character" in note for note in doc.notes), doc.notes


def test_a_cut_inside_a_table_cell_is_noted() -> None:
    path = next(p for p in PATHS if p.name.startswith("pan-cheshire"))
    data = path.read_bytes()
    row = data.index(b"<li>3. Link key indicators")
    after = load_document(path, data=data[: row + 20])
    notes = after.document.notes
    assert len(notes) == 1 and "ends inside <ol>, <li>" in notes[0]
    assert notes[0].startswith(f"line {len(after.document.lines)}:")
    whole = load_document(path, data=data)
    assert whole.document.notes == []


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated():
    """A .docx zip bomb peaked at 2.5 GB before it was refused (issue 18, finding 13)."""
    import io
    import zipfile

    from cspgraph.errors import InputError
    from cspgraph.loaders.readers.docx import read_docx

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w>")
    with pytest.raises(InputError, match="zip bomb"):
        read_docx(buf.getvalue(), "bomb.docx")


@pytest.mark.parametrize(("name", "data", "says"), [
    ("blank.txt", b"   \n\n \t \n", "has no text"),
    ("random.txt", bytes(range(1, 256)) * 40, "binary"),
    ("late-nul.txt", b"Community Safety Plan\n" * 1000 + b"\x00 after 8 KB\n", "NUL"),
    ("deep.html", b"<html><body>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000
     + b"</body></html>", "nested too deeply"),
])
def test_blank_random_late_nul_and_deep_files_are_refused_by_name(name, data, says):
    """These once loaded with exit 0, put NUL bytes into the TriG, or said 'unexpected
    RecursionError' (issue 18, finding 18)."""
    from cspgraph.errors import InputError
    from cspgraph.loaders import load_document

    with pytest.raises(InputError, match=says) as info:
        load_document(Path(name), data=data)
    assert name in str(info.value)
