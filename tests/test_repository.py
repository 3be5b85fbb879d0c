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

    code = ("import sys, cspgraph.api.cli.app, cspgraph.api.http.app; "
            "import cspgraph.graph.build.dataset; "
            "heavy = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


# Words of body names that any area uses: a name made only of these is generic.
GENERIC_WORDS = words("""the of and for in on a to community communities safety safer stronger
partnership partnerships board boards group groups sub subgroup panel police crime
commissioner commissioners council councils county borough district city committee executive
strategic strategy home office responsible authorities authority plan domestic abuse violence
drugs alcohol reducing reoffending offending youth justice health wellbeing well being adults
children safeguarding joint local operational delivery management steering scrutiny overview
select task finish forum network hub unit team service services fire rescue probation nhs
integrated care combatting partnership's anti social behaviour asb csp csps pcc pcp scb lsp
serious organised prevent counter terrorism neighbourhood neighbourhoods policing victims hate
leadership cabinet full meeting annual assembly pcsp pcsps cdrp cdrps""")


def _corpus_names() -> set[str]:
    """People, and bodies with a word of their own, named in the corpus gold."""
    import json

    names: set[str] = set()
    for f in (ROOT / "tests" / "corpus" / "gold").glob("*.json"):
        for fact in json.loads(f.read_text(encoding="utf-8"))["facts"]:
            for key in ("holder", "person"):
                v = fact.get(key)
                if isinstance(v, str) and len(v.split()) >= 2 and len(v) >= 7:
                    names.add(v)
            v = fact.get("name") if fact["type"] == "body" else None
            if isinstance(v, str) and set(re.findall(r"[a-z]+", v.lower())) - GENERIC_WORDS:
                names.add(v)
    return names


def test_no_corpus_names_in_product_code():
    """The corpus measures reading documents nobody wrote the loaders for: product code
    that knows its people or bodies would measure nothing."""
    names = _corpus_names()
    assert len(names) > 50
    hits = []
    for package in PRODUCT:
        for path in [*(ROOT / package).rglob("*.py"), *(ROOT / package).rglob("*.ttl"),
                     *(ROOT / package).rglob("*.yaml")]:
            text = path.read_text(encoding="utf-8", errors="ignore").lower()
            hits += [f"{path.relative_to(ROOT)}: {n}" for n in sorted(names)
                     if re.search(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)", text)]
    assert not hits, "corpus names in product code:\n" + "\n".join(hits)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in ``path``, at any depth (in functions too);
    a relative import is made absolute from the file's package."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = ["cspgraph", *path.relative_to(ROOT).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            found += [(node.lineno, base)] + [(node.lineno, f"{base}.{a.name}")
                                              for a in node.names]
    return found


def _importing(folder: str, banned: tuple[str, ...]) -> list[str]:
    hits = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for line, module in _imports(path):
            if any(module == b or module.startswith(b + ".") for b in banned):
                hits.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    return sorted(set(hits))


def test_no_front_end_imports_rdflib():
    """The CLI and the HTTP API reach the graph through graph/ functions only."""
    hits = _importing("api", ("rdflib",))
    assert not hits, "modules under api/ importing rdflib:\n" + "\n".join(hits)


def test_imports_follow_the_layers():
    """loaders/ -> graph/ -> viz/ -> api/: no module imports a layer above its own."""
    rules = {"loaders": ("cspgraph.graph", "cspgraph.api", "cspgraph.viz"),
             "graph": ("cspgraph.api", "cspgraph.viz"),
             "viz": ("cspgraph.api",)}
    hits = [h for folder, banned in rules.items() for h in _importing(folder, banned)]
    assert not hits, "imports against the layers:\n" + "\n".join(hits)
