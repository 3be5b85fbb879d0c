"""The duplicates map: clusters of similar items across partnerships, coloured by document."""

from __future__ import annotations

from html import escape

from cspgraph.graph.similarity.duplicates import Pair, clusters
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")


def duplicates_map(pairs: list[Pair]) -> MapPage:
    """Near-duplicate pairs (from ``duplicate_pairs``) as clusters; click an item for its
    text and its neighbours with scores."""
    docs = sorted({it.doc_id for p in pairs for it in (p.a, p.b)})
    colour = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(docs)}
    page = MapPage(title="Near-duplicate items across partnerships",
                   options={"edges": {"font": {"size": 10}, "smooth": False}})
    page.legend = [(d, colour[d]) for d in docs]
    page.intro = "<p>Colour: the document. Click an item to read it beside its neighbours.</p>"
    srcs, neighbours = {}, {}
    for p in pairs:
        srcs[p.a.iri], srcs[p.b.iri] = p.a_sources, p.b_sources
        neighbours.setdefault(p.a.iri, []).append((p.b, p.score))
        neighbours.setdefault(p.b.iri, []).append((p.a, p.score))
        page.edges.append({"from": p.a.iri, "to": p.b.iri, "label": f"{p.score:.2f}",
                           "title": f"score {p.score:.2f}", "arrows": ""})
    sections = []
    for n, group in enumerate(clusters(pairs), 1):
        entries = []
        for it in group:
            page.nodes.append({"id": it.iri, "label": _short(it.label), "shape": "dot",
                               "color": colour[it.doc_id],
                               "title": f"{it.label}\n{sources_text(srcs[it.iri])}"})
            near = "".join(f"<li>{score:.2f}: {escape(o.label)} ({escape(o.doc_id)})</li>"
                           for o, score in sorted(neighbours[it.iri], key=lambda x: -x[1]))
            entries.append(f'<li id="{node_key(it.iri)}"><strong>{escape(it.label)}</strong> '
                           f"({escape(it.kind)}, {escape(it.doc_id)})<br>"
                           f"<small>{sources_html(srcs[it.iri])}</small>"
                           f"<br>Neighbours:<ul>{near}</ul></li>")
        sections.append(f"<h3>Cluster {n} ({len(group)} items)</h3><ul>{''.join(entries)}</ul>")
    page.lists = "".join(sections) or "<p>No near-duplicates found.</p>"
    return page


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"
