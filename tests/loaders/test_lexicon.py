"""The lexicon is the one home of the loaders' word lists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import cspgraph.loaders as loaders_package
from cspgraph.loaders.lexicon import lexicon

LOADERS = Path(loaders_package.__file__).parent
HONORIFICS = {"mr", "mrs", "ms", "miss", "cllr", "councillor", "dr", "prof", "sir", "dame"}
BODY_HEADS = {"board", "panel", "committee", "forum", "partnership", "group", "network", "hub",
              "executive", "alliance"}


def _code_strings(path: Path) -> set[str]:
    """Words in a module's string constants, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree)
                  if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    words: set[str] = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings):
            words |= set(re.findall(r"[a-z]+", node.value.lower()))
    return words


@pytest.mark.parametrize("path", sorted(p for p in LOADERS.rglob("*.py")
                                        if "lexicon" not in p.parts),
                         ids=lambda p: str(p.relative_to(LOADERS)))
def test_no_module_keeps_its_own_honorifics_or_body_nouns(path: Path) -> None:
    words = _code_strings(path)
    assert len(words & HONORIFICS) < 3, "honorifics belong in lexicon/people.yaml"
    assert len(words & BODY_HEADS) < 6, "body head nouns belong in lexicon/bodies.yaml"


def test_yaml_words_are_words_not_booleans() -> None:
    lex = lexicon()
    assert "on" in lex.name_joiners and "no" in lex.not_names
    assert lex.columns["no"] == "ref"
    assert not {"true", "false"} & (lex.name_joiners | lex.not_names | lex.function_words)


def test_every_list_the_issue_names_is_there() -> None:
    lex = lexicon()
    assert {"cllr", "dr", "councillor"} <= lex.honorifics
    assert {"supt", "chief inspector"} <= lex.police_ranks
    assert {"jp", "obe", "cc"} <= lex.post_nominals | lex.police_ranks
    assert {"partnership", "board", "group", "sub-group", "panel", "committee", "forum",
            "executive", "hub", "network"} <= set(lex.body_heads)
    assert {"chair", "vice chair", "co-chair", "joint chair", "chairman", "chairperson",
            "lead"} <= set(lex.roles)
    assert {"pcc", "opcc", "crc", "nps", "mps", "yos", "yjs", "nhs", "icb", "ccg", "frs",
            "daat"} <= lex.agency_acronyms
    assert {"priority", "theme", "aim", "outcome", "objective"} <= lex.priority_cues


@pytest.mark.parametrize(("heading", "role"), [
    ("Section 3: Our Ambitions", "priorities"),
    ("MY COMMITMENTS", "actions"),
    ("4. What we will do in year one", "actions"),
    ("3.0 Actions for 2025/26", "actions"),
    ("Priorities for 2024-25", "priorities"),
    ("Recommendations from the Strategic Assessment", None),
])
def test_section_words_give_headings_their_role(heading: str, role: str | None) -> None:
    from cspgraph.loaders.recognisers.reading.context import section_role

    assert section_role(heading) == role
