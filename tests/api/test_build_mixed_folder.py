"""`cspgraph build FOLDER` on a mixed folder: every format loads, sub-folders are read, an
unsupported file and a corrupt PDF are listed and skipped, and the rest is built."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.loaders.readers.text import read_text

runner = CliRunner(env={"COLUMNS": "200"})

AGENDA_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Agenda item</title>
<script>alert('not content')</script></head><body><nav>Home | Meetings</nav><main>
<h1>Agenda item - Riverside Community Safety Partnership</h1>
<p>Minutes of the Riverside Community Safety Partnership meeting held on 4 March 2025.</p>
<p>Chair: Cllr Jo Example</p>
</main><footer>Riverside Borough Council</footer></body></html>
"""


WRITERS = Path(__file__).parents[1] / "loaders" / "formats"


def _word_file(text: Path, out: Path) -> None:
    """A Word file of the text's lines, one paragraph each (python-docx)."""
    import docx

    word = docx.Document()
    for line in text.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(line.strip())
    word.save(out)


def _writer(name: str):
    """``write_pdf`` from the format tests' writers (not a package here)."""
    spec = importlib.util.spec_from_file_location(f"writers_{name}", WRITERS / f"{name}_writer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, f"write_{name}")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, samples):
    write_pdf = _writer("pdf")

    folder = tmp_path_factory.mktemp("mixed") / "corpus"
    (folder / "plans" / "older").mkdir(parents=True)
    (folder / "papers").mkdir()
    first, second, third = samples[:3]
    shutil.copy(first, folder / "plans" / first.name)
    (folder / "plans" / "older" / "notes.md").write_text(
        "# Partnership notes\n\nChair: Cllr Jo Example\n", encoding="utf-8")
    _word_file(second, folder / "plans" / f"{second.stem}.docx")
    write_pdf(read_text(third.read_bytes(), str(third)), folder / "papers" / f"{third.stem}.pdf")
    (folder / "papers" / "agenda-item.html").write_text(AGENDA_PAGE, encoding="utf-8")
    (folder / "papers" / "budget.xlsx").write_bytes(b"PK\x03\x04 not a plan")
    (folder / "papers" / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n")
    out = folder.parent / "graph.trig"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    return result, out, first, second, third


def test_every_file_is_in_the_summary_and_the_bad_ones_say_why(mixed):
    result, _out, first, second, third = mixed
    assert result.exit_code == 1, result.output  # built, with problems to look at
    text = " ".join(result.output.split())
    for name in (first.name[:20], f"{second.stem}.docx"[:20], f"{third.stem}.pdf"[:20],
                 "notes.md", "agenda-item.html", "budget.xlsx", "broken.pdf"):
        assert name in text, name
    assert "unsupported format '.xlsx'" in text
    assert "broken.pdf" in text.split("unsupported format")[-1] or "broken.pdf:" in text
    for reader in ("text", "docx", "pdf", "html"):
        assert f" {reader} " in text, reader


def test_the_rest_is_built_one_graph_per_loaded_file(mixed):
    result, out, *_ = mixed
    ds = Dataset()
    ds.parse(out, format="trig")
    documents = [g for g in ds.graphs() if "/graph/" in str(g.identifier)
                 and not str(g.identifier).endswith(("/resolution", "/suggestions"))
                 and len(g)]
    assert len(documents) == 5
    assert "wrote" in result.output and "5 document graphs" in result.output
