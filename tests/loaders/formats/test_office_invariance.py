"""The same document as text, as Word (made by pandoc) and as PDF (made by LibreOffice)
loads to the same facts.

The five samples and a set of corpus documents are converted by real office software
(``office_files.py``), loaded again, and their facts compared with the text version's as
multisets, by a key that leaves out where they are (spans, pages). Every difference must
be listed below with its cause; a listed difference no longer seen fails too, so the list
stays true.

pandoc and LibreOffice are Debian packages that ``.ci/run`` installs; without them these
tests skip, or fail under ``CI=true``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from cspgraph.loaders import LoadResult, load_document, sample_paths
from cspgraph.loaders.facts import Fact

from . import office_files

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CORPUS_SET = [
    "barking-dagenham-csp-plan-2023-26", "blaby-hinckley-joint-csp-scrutiny-minutes-2017",
    "cannock-chase-csp-hub-terms-of-reference-nd", "enfield-snb-minutes-2023-11",
    "herefordshire-domestic-abuse-strategy-2019-22", "mid-devon-csp-action-plan-2021",
    "northern-ireland-pcsp-strategic-priorities-nd", "south-cambs-csp-minutes-2011",
    "tunbridge-wells-csp-priorities-2015-16", "west-sussex-swsp-terms-of-reference-nd",
]
DOCUMENTS = {p.stem: p for p in [*sample_paths(), *(CORPUS / f"{n}.txt" for n in CORPUS_SET)]}
_LINE_REF = re.compile(r"\b(lines?) \d+(?:[-–]\d+)?")

NARROW = ("LibreOffice breaks a word too long for its narrow table column inside the word, "
          "with no hyphen, and the PDF prints it so: the word reads as two")
# (document, format) -> [(regex searched in "missing <key>" / "extra <key>", the cause)]
DIFFERENCES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("west-cheshire-csp-plan-2023-24", "docx"): [
        (r"DocumentInfo\(", "the text sets the issuer's lines apart from the title with blank "
         "lines; Word paragraphs carry no blank lines, so the title block reads as one and the "
         "issuer and area come from the title line"),
    ],
    ("west-cheshire-csp-plan-2023-24", "pdf"): [
        (r"DocumentInfo\(", "as in Word: the PDF's paragraphs keep no blank lines between the "
         "issuer's lines and the title"),
        (r"'key': 'action/priority-6/\d'", "the column is so narrow that the run-in titles "
         "'Prioritising Prevention -' and 'Supporting people harmed -' break before their "
         "dash, so the paragraph they open is read on with the action above it"),
    ],
    ("cheshire-east-csp-partnership-plan-2009-2012", "pdf"): [
        (r"code': 'LI 39'|'indicator list header'", "LibreOffice sets the fourth-level headings "
         "('#### National Indicators', '#### LI 39 ...') in the body text's size, and a PDF "
         "heading is told by its size, so they read as paragraphs"),
    ],
    ("pan-cheshire-needs-assessment-2015-16-recommendations", "pdf"): [
        (r"'key': 'recommendation/da/1'", "the text has 'people –intelligence' with no space; "
         "the PDF sets a gap after the dash that reads as one"),
    ],
    ("safer-stockton-strategic-assessment-recommendations-2010", "pdf"): [
        (r"'key': 'gap/(?:3\.2\.1|3\.2\.3|5\.2\.1)'", NARROW),
    ],
    ("worcestershire-community-safety-agreement-2017-2018", "pdf"): [
        (r"'key': 'action-plan/(?:2|9)'", NARROW),
        (r"'key': 'action-plan/7'", "LibreOffice sets the full stop after 'arrangements' apart "
         "in a justified narrow column, so the PDF reads a space before it"),
    ],
    ("blaby-hinckley-joint-csp-scrutiny-minutes-2017", "docx"): [
        (r"'table rule'", "the text's '|' rows are a plain-text table layout; the web page and "
         "Word file made from it hold them as paragraphs, and a rule row is text there"),
    ],
    ("blaby-hinckley-joint-csp-scrutiny-minutes-2017", "pdf"): [
        (r"'table rule'", "as in Word: the '|' rows are paragraphs in the PDF"),
    ],
}


def fact_key(fact: Fact) -> str:
    """The fact's type and fields, its source left out but for the words it quotes, and
    which part read it, and how sure it is, left out: they say how, not what."""
    fields = {f.name: getattr(fact, f.name) for f in dataclasses.fields(fact)
              if f.name not in ("source", "made_by", "confidence")}
    if isinstance(fields.get("message"), str):
        fields["message"] = _LINE_REF.sub(r"\1 N", fields["message"])
    return f"{type(fact).__name__}({fields!r}) quoting {' '.join(fact.source.quote.split())!r}"


def _differences(expected: list[Fact], got: list[Fact]) -> list[str]:
    want, have = Counter(map(fact_key, expected)), Counter(map(fact_key, got))
    return [f"missing {k}" for k in sorted((want - have).elements())] + [
        f"extra {k}" for k in sorted((have - want).elements())]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, LoadResult]]:
    """Every document loaded as txt, docx and pdf: name -> format -> result."""
    if missing := office_files.missing_tools():
        message = f"needs {', '.join(missing)} (Debian: pandoc, libreoffice-writer-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("office")
    made = office_files.convert(list(DOCUMENTS.values()), folder)
    return {path.stem: {"txt": load_document(path), "docx": load_document(word),
                        "pdf": load_document(pdf)} for path, (word, pdf) in made.items()}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_same_facts_as_the_text(converted, name: str, fmt: str) -> None:
    loaded = converted[name]
    assert loaded[fmt].document.reader == fmt
    assert loaded[fmt].problems == []
    allowed = DIFFERENCES.get((name, fmt), [])
    found = _differences(loaded["txt"].facts, loaded[fmt].facts)
    unexplained = [d for d in found if not any(re.search(p, d) for p, _ in allowed)]
    assert not unexplained, f"{name}.{fmt}: facts differ from the text:\n" + "\n".join(
        unexplained)
    stale = [why for pattern, why in allowed if not any(re.search(pattern, d) for d in found)]
    assert not stale, f"{name}.{fmt}: listed differences no longer seen: {stale}"


def test_the_samples_give_nearly_every_fact_in_every_format(converted) -> None:
    """Differences are few: at most one fact in ten of a sample differs in any format."""
    for name in (p.stem for p in sample_paths()):
        total = len(converted[name]["txt"].facts)
        for fmt in ("docx", "pdf"):
            found = _differences(converted[name]["txt"].facts, converted[name][fmt].facts)
            lost = sum(d.startswith("missing") for d in found)
            assert lost <= total / 10, (name, fmt, lost, total)


def test_a_markdown_plan_and_its_word_version_give_the_same_facts(converted, tmp_path) -> None:
    plan = Path(__file__).parent / "fixtures" / "northvale-community-safety-plan-2024-27.md"
    markdown = load_document(plan)
    word = load_document(office_files.markdown_to_docx(plan, tmp_path))
    assert (markdown.document.reader, word.document.reader) == ("markdown", "docx")
    assert len(markdown.facts) >= 20
    assert _differences(markdown.facts, word.facts) == []


def test_a_pdf_names_the_page_of_every_fact(converted) -> None:
    for name, loaded in converted.items():
        pageless = [f for f in loaded["pdf"].facts if f.source.span.page is None]
        assert not pageless, (name, [type(f).__name__ for f in pageless][:5])


def test_every_listed_difference_says_why() -> None:
    for (name, fmt), entries in DIFFERENCES.items():
        assert name in DOCUMENTS and fmt in ("docx", "pdf")
        for pattern, why in entries:
            re.compile(pattern)
            assert len(why.split()) >= 8, f"{name}.{fmt}: say why {pattern!r} differs"
