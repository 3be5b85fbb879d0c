"""Tagging items with the SKOS community-safety themes, from their own words.

An item's themes come from its theme or priority heading and its text: any preferred or
alternative label of a theme, as whole words (acronyms such as "ASB" only in capitals).
The single word "Prevent" is also a strand name and a common verb, so it counts only as
a whole heading ("Prevent", not "Prevent and Reduce Reoffending"). Items with no label
match take the nearest theme by embedding when it is close enough. Shared themes let
users compare, say, all domestic-abuse items across areas.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import numpy as np
from rdflib import URIRef
from rdflib.namespace import SKOS

from cspgraph.graph.similarity.texts import EmbedItem
from cspgraph.settings import Settings

NEAREST_MIN = 0.45  # below this, an item is left untagged rather than guessed
_HEADING_ONLY = {"prevent"}


@cache
def theme_labels() -> tuple[tuple[URIRef, str, re.Pattern[str]], ...]:
    """(concept, preferred label, pattern matching any of its labels) for every theme."""
    from cspgraph.ontology import themes_graph

    g = themes_graph()
    out = []
    for concept in sorted(set(g.subjects(SKOS.inScheme, None))):
        pref = g.value(concept, SKOS.prefLabel)
        if pref is None:
            continue
        labels = {str(pref), *(str(a) for a in g.objects(concept, SKOS.altLabel))}
        words = [re.escape(x) if x.isupper() else "(?i:" + re.escape(x) + ")"
                 for x in sorted(labels, key=len, reverse=True) if x.lower() not in _HEADING_ONLY]
        heading = [re.escape(x) for x in labels if x.lower() in _HEADING_ONLY]
        pattern = rf"(?<![\w-])(?:{'|'.join(words)})(?![\w-])"
        if heading:  # the whole heading, and nothing else
            pattern = rf"(?P<h>^\W*(?i:{'|'.join(heading)})\W*$)|" + pattern
        out.append((URIRef(concept), str(pref), re.compile(pattern)))
    return tuple(out)


def keyword_themes(item: EmbedItem) -> set[URIRef]:
    """Themes whose labels the item's heading or text uses."""
    heading, text = item.context or "", item.text(False)
    found = set()
    for concept, _pref, pattern in theme_labels():
        in_heading = pattern.search(heading)
        in_text = next((m for m in pattern.finditer(text) if not m.groupdict().get("h")), None)
        if in_heading or in_text:
            found.add(concept)
    return found


def tag_items(items: list[EmbedItem], vectors: np.ndarray, settings: Settings | None = None,
              progress: Callable[[int, int], None] | None = None,
              theme_vectors: np.ndarray | None = None) -> list[set[URIRef]]:
    """Each item's themes: by label match, else the nearest theme if close enough.

    ``theme_vectors`` (one row per ``theme_labels()`` entry) spares encoding the labels.
    """
    themes = theme_labels()
    if theme_vectors is None or len(theme_vectors) != len(themes):
        from cspgraph.graph.similarity.encode import encode

        theme_vectors = encode([pref for _c, pref, _p in themes], settings, progress=progress)
    if len(items) != len(vectors):
        raise ValueError(f"{len(items)} items but {len(vectors)} vectors")
    tags = [keyword_themes(item) for item in items]
    untagged = [i for i, found in enumerate(tags) if not found]
    if untagged and len(themes):  # the nearest theme, for all untagged items at once
        sims = np.asarray(vectors[untagged]) @ np.asarray(theme_vectors).T
        best = np.argmax(sims, axis=1)
        for i, b, s in zip(untagged, best, sims[np.arange(len(untagged)), best], strict=True):
            if s >= NEAREST_MIN:
                tags[i] = {themes[int(b)][0]}
    return tags
