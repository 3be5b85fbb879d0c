"""Words printed with one letter dropped, mended from the lexicon: "MANGER" -> "MANAGER".

Converted PDFs and hand-typed tables drop letters ("COMMUNTY SAFETY MANGER"). A word of
five letters or more that is not itself a word of the lexicon, but is a word of the
lexicon's job titles, agencies or document descriptors with one letter taken out, is read
as that word, in the case it was printed in. Other words are kept as printed.
"""

from __future__ import annotations

import re
from functools import cache

from cspgraph.loaders.lexicon import lexicon


@cache
def _vocabulary() -> tuple[frozenset[str], dict[str, str]]:
    lex = lexicon()
    words = {w for w in (lex.job_words | lex.police_ranks | lex.agency_words | lex.body_words
                         | lex.single_agencies | lex.title_descriptors | lex.place_types)
             if w.isalpha()}
    dropped = {w[:i] + w[i + 1:]: w for w in sorted(words) if len(w) > 5 for i in range(len(w))}
    return frozenset(words), {k: v for k, v in dropped.items() if k not in words}


def mend_dropped_letters(text: str) -> str:
    """``text`` with each word that is a lexicon word missing one letter spelt in full."""
    words, dropped = _vocabulary()

    def mend(m: re.Match[str]) -> str:
        word, low = m.group(), m.group().lower()
        fixed = None if low in words else dropped.get(low)
        if fixed is None:
            return word
        return fixed.upper() if word.isupper() else fixed.title() if word[0].isupper() else fixed

    return re.sub(r"[A-Za-z]{5,}", mend, text)
