"""Repository-wide rules: no sample names in product code, settings documented, CI honest."""

from __future__ import annotations

import re
from pathlib import Path

from cspgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("loaders", "graph", "api", "viz", "ontology", "cspgraph")

# Places, people, bodies and plans named in the sample documents. Product code must
# recognise layouts and phrasing, so none of these may appear in it.
SAMPLE_NAMES = [
    "Cheshire", "Stockton", "Worcester", "Mercia", "Redditch", "Bromsgrove", "Shropshire",
    "Herefordshire", "Liverpool", "Merseyside", "Ipswich", "Macclesfield", "Crewe", "Nantwich",
    "Congleton", "Middlewich", "Howie", "Hanley", "Garrihy", "Kinsella", "Campion", "Wilcox",
    "Champness", "Rouse", "Tim Rice", "Gough", "Damon Taylor", "Chris Edwards", "Tony Potts",
    "Judith Gibson", "Alex Waller", "John Smith", "Swanswell", "Play Your Part", "Emblem",
    "Cleveland", "CWaC", "Flare Steering", "ODOC", "One Day One Conversation",
]


def test_no_sample_names_in_product_code():
    pattern = re.compile("|".join(re.escape(n) for n in SAMPLE_NAMES), re.IGNORECASE)
    hits = []
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not hits, "sample names in product code:\n" + "\n".join(hits)


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, _default, _help in Settings.describe():
        assert f"CSPGRAPH_{name.upper()}" in doc, name


def test_settings_come_from_the_environment():
    s = Settings.from_env({"CSPGRAPH_MAX_DOCUMENT_BYTES": "123"})
    assert s.max_document_bytes == 123


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- test-command -->\s*```(?:bash|sh)?\n(.+?)\n```", readme, re.S)
    assert match, "README must mark its test command with <!-- test-command -->"
    assert match.group(1).strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_product_package_is_packaged():
    """A sub-package missing from pyproject works in an editable install but not in
    'pip install .'; every folder with an __init__.py must be listed."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {"loaders": "cspgraph.loaders", "graph": "cspgraph.graph", "api": "cspgraph.api",
               "viz": "cspgraph.viz", "ontology": "cspgraph.ontology", "cspgraph": "cspgraph"}
    for folder, package in folders.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            assert ".".join((package, *parts)) in listed, init


def test_heavy_libraries_load_only_when_needed():
    """The CLI, the API app and the graph start without importing torch or the model."""
    import subprocess
    import sys

    code = ("import sys, cspgraph.api.cli, cspgraph.api.main, cspgraph.graph.build; "
            "heavy = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
