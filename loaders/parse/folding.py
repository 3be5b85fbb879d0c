"""Names folded for comparison, so that two printings of one name compare equal."""

from __future__ import annotations

import re


def fold(name: str) -> str:
    """A name folded for comparison: case, "&"/"and", punctuation, "the" and plural -s."""
    return fold_words(name.lower().replace("&", " and ").replace("well-being", "wellbeing"))


def fold_words(text: str) -> str:
    """The words of lower-cased ``text`` without "the", a plural -s off the last (of four
    letters or more), joined by single spaces."""
    words = [w for w in re.split(r"[^\w]+", text) if w and w != "the"]
    if words and words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return " ".join(words)
