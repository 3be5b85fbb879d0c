"""The error hierarchy: one module, unique stable codes, all documented, no raw HTTPException."""

from __future__ import annotations

import re
from pathlib import Path

from cspgraph import errors

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")


def test_every_error_class_has_a_unique_snake_case_code():
    classes = errors.error_classes()
    assert errors.CspGraphError in classes and len(classes) >= 20
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    for cls in classes:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", cls.code), cls
        assert isinstance(cls.http_status, int) and 400 <= cls.http_status <= 599, cls
        assert cls.exit_code in range(2, 7), cls


def test_every_error_code_is_documented_with_its_status_and_exit_code():
    rows: dict[str, str] = {}
    for m in re.finditer(r"^\| `([a-z_]+)` \|.*$", DOC, re.M):
        rows.setdefault(m.group(1), m.group(0))  # the classes' table comes first
    for cls in errors.error_classes():
        row = rows.get(cls.code)
        assert row, f"{cls.code} ({cls.__name__}) is not in docs/errors.md"
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1] == f"`{cls.__name__}`", row
        assert cells[2] == str(cls.http_status), row
        assert cells[3].split()[0] == str(cls.exit_code), row


def test_the_http_codes_of_starlette_errors_are_documented():
    from cspgraph.api.http import errors as http_errors

    codes = {*http_errors.HTTP_CODES.values(), http_errors.INVALID_REQUEST,
             http_errors.INTERNAL_ERROR, http_errors.HTTP_ERROR}
    for code in codes:
        assert f"`{code}`" in DOC, code


def test_error_classes_live_only_in_cspgraph_errors():
    defined = re.compile(r"^class \w+\((?:\w+Error|QueryRefused|QueryTimeout|QueryTooLarge)\)",
                         re.M)
    elsewhere = [str(p.relative_to(ROOT)) for package in ("api", "graph", "loaders", "viz")
                 for p in (ROOT / package).rglob("*.py")
                 if defined.search(p.read_text(encoding="utf-8"))]
    assert elsewhere == []


def test_no_module_under_api_raises_a_raw_http_exception():
    raw = re.compile(r"\braise\s+(?:\w+\.)*HTTPException\b|\bHTTPException\s*\(")
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "api").rglob("*.py")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if raw.search(line)]
    assert hits == []
