"""The landing page says what is loaded, escapes document text, and links onward."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState


def test_landing_page_lists_documents_and_counts(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    summary = client.get("/api/summary").json()
    assert len(summary["documents"]) == 5 and summary["counts"]["priorities"] > 0
    for d in summary["documents"]:
        assert d["file_name"] in page.text
    assert 'href="/docs"' in page.text and 'action="/search"' in page.text


def test_document_text_is_escaped(api_settings, tmp_path):
    doc = tmp_path / "evil.txt"  # entities decode to a real <script> in the plan's title
    doc.write_text("# Kingsford &lt;script&gt;alert(1)&lt;/script&gt; Community Safety "
                   "Partnership Plan 2024-25\n\nSome text.\n", encoding="utf-8")
    client = TestClient(create_app(GraphState(api_settings, [doc])))
    title = client.get("/api/summary").json()["documents"][0]["plan"]["label"]
    assert "<script>alert(1)</script>" in title  # the data holds it as text ...
    page = client.get("/").text
    assert "<script>alert" not in page  # ... and the page shows it, never runs it
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
