"""Name normalisation and IRI minting.

Names are normalised before they become IRIs, so that printed variants of one
name ("Prevent & Tackle Crime." and "Prevent and Tackle Crime") mint the same
node. The rule is deliberately conservative: case, punctuation, "&"/"and" and
white space only. Looser matches are the resolver's job, with evidence.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from cspgraph.ontology.namespaces import ID_BASE

_TITLES = ("dr", "cllr", "councillor", "mr", "mrs", "ms", "miss", "prof", "professor", "sir")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'")


def clean(text: str) -> str:
    """Fold typographic dashes and quotes, and runs of white space."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def normalise(name: str) -> str:
    """A comparison key: lower case, '&' as 'and', punctuation and spaces folded.

    >>> normalise("Prevent & Tackle Crime.")
    'prevent and tackle crime'
    """
    text = clean(name).lower().replace("&", " and ")
    text = text.replace("'s ", "s ").replace("'", "")
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(name: str, limit: int = 80) -> str:
    """A readable IRI segment from ``name``: normalised, hyphenated, bounded."""
    out = normalise(name).replace(" ", "-") or "x"
    if len(out) > limit:
        digest = hashlib.sha1(out.encode()).hexdigest()[:8]
        out = out[: limit - 9].rstrip("-") + "-" + digest
    return out


def strip_titles(name: str) -> str:
    """A person's name without honorifics: 'Dr Jane Roe' -> 'Jane Roe'."""
    words = clean(name).split(" ")
    while words and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


def person_display(name: str) -> str:
    """A person's name for display: capitals turned to title case, titles kept.

    >>> person_display("JANE ROE")
    'Jane Roe'
    """
    text = clean(name)
    if text.isupper():
        text = " ".join(w.capitalize() if len(w) > 1 or w.isalpha() else w for w in text.split())
        text = re.sub(r"\b(Mc|Mac|O')([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text


def iri(*parts: str) -> URIRef:
    """An IRI under the instance base from already-safe segments."""
    return URIRef(ID_BASE + "/".join(parts))


def digest(*parts: str, size: int = 12) -> str:
    """A short stable hash of ``parts``, for IRIs of statements and spans."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:size]


_ARTICLES = {"the", "a", "an", "of", "for", "to", "in", "on", "our"}


def stem(word: str) -> str:
    """A crude stem for identity checks: '-ing', a final 'e' and plural 's' removed.

    >>> stem("improving") == stem("improve") and stem("victims") == stem("victim")
    True
    """
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def identity_words(name: str) -> tuple[str, ...]:
    """The stemmed content words of a name: case, punctuation, '&', articles, plurals folded.

    >>> identity_words("Improving confidence in policing.")
    ('improv', 'confidenc', 'polic')
    """
    words = normalise(strip_titles(name)).split()
    return tuple(stem(w) for w in words if w not in _ARTICLES)


def identity_key(name: str) -> str:
    """Two names with the same key are the same name printed differently."""
    return " ".join(identity_words(name))
