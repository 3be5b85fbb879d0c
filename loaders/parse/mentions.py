"""Names of bodies and plans as a text prints them, found by the shape of the name.

A *body* is a run of capitalised words (joined by "and", "&", "of", "for", "the") that ends
in a body head noun ("Safer Stronger Communities Board", "Partnership Cell", "Anyford &
Brook CDRP"), or a body acronym the lexicon knows ("SNB"). A run ending in an agency word
("Council", "Police", "Service") is an organisation, not a body. A *plan* is such a run
ending in a plan head ("Police and Crime Plan", "Community Safety Agreement", "Strategic
Assessment"), with the period printed next to it ("2017 – 2021", "2014/15").

Leading words that are not part of the name are dropped: a role ("Chair of the"), a
document word ("Minutes of the", "Update on the"), "The". An acronym printed in brackets
after a name ("Safer Town Partnership (STP)") is that name's short form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cspgraph.loaders.lexicon import lexicon, phrase_pattern

_WORD = r"[A-Z][\w’'\-/]*(?:['’]s)?"
_PERIOD = (r"(?:(?:19|20)\d\d\s*(?:[-–—/]|to)\s*(?:(?:19|20)?\d\d)"
           r"|(?:19|20)\d\d/\d\d|(?:19|20)\d\d)")
_ACRONYM = r"\((?P<acronym>[A-Z][A-Za-z&]{1,7}\d?)\)"
_ACRONYM_AFTER = re.compile(rf"\s*{_ACRONYM}")
# Capitalised words and a comma before a name that lists portfolios: "Anyshire County
# Council Communities, Highway and Environment Scrutiny Committee".
_LISTED = re.compile(r"(?P<first>(?:[A-Z][\w’'-]*\s+){0,5}[A-Z][\w’'-]*),\s+$")
_LIST_WINDOW = 240  # characters before a name searched for the list it ends
_OF_WORD = re.compile(r"\s+of\s+([A-Z]\w+)\b")


@dataclass(frozen=True)
class Mention:
    """A name found in a text: its words, what it names and where it is."""

    name: str
    kind: str  # a body kind ("partnership", "board", ...) or "plan"
    start: int
    end: int
    acronym: str | None = None  # printed in brackets after it
    period: str | None = None  # a plan's period printed beside it
    plan_kind: str | None = None  # for a plan: "police and crime plan", "csp plan", ...


@cache
def _runs() -> re.Pattern[str]:
    """Runs of capitalised words on one line, joined by joiners (never by "and the"), with
    an acronym in brackets inside ("Community Safety Partnership (CSP) Board")."""
    joiners = "|".join(re.escape(j) for j in lexicon().name_joiners if j != "the")
    upper = "|".join(re.escape(j.upper()) for j in lexicon().name_joiners if j.isalpha()
                     and j != "the")  # "SAFER AND STRONGER COMMUNITIES BOARD"
    gap = (rf"(?:[ \t]+(?:(?:of|for)[ \t]+the[ \t]+|(?:{joiners}|{upper})[ \t]+)?"
           rf"|[ \t]*\([A-Z][A-Za-z&]{{1,7}}\)[ \t]*)")
    return re.compile(rf"{_WORD}(?:{gap}{_WORD})*")


@cache
def _plan_head() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{phrase_pattern(lexicon().plan_heads)})\b", re.IGNORECASE)


def _words(match: re.Match[str]) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word of a run, brackets kept with their acronym."""
    base = match.start()
    return [(w.group(), base + w.start(), base + w.end())
            for w in re.finditer(r"\([A-Z][A-Za-z&]{1,7}\)|[^\s]+", match.group())]


_LEAD_IN = 16  # words of a run in which a lead-in ("Minutes of the") is looked for


def _trim(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words of a run without those that are not part of a name: a role or document
    word and the "of" after it ("Chair of the", "Minutes of the"), a sentence's first word
    ("If", "The"), and joiners at either end."""
    lex = lexicon()

    def low(i: int) -> str:
        return words[i][0].lower().strip("’'")

    cut = 0
    # "Joint Chair of the", "Overview of", "X Plan for": a lead-in is in a name's first
    # words, so only those are tried (a run of thousands of capitals stays linear)
    for i in range(min(len(words), _LEAD_IN)):
        if low(i) in ("of", "for", "to", "by", "from") and i > cut and (all(
                low(k) in lex.of_leaders or low(k) in lex.titles or low(k) in lex.roles
                for k in range(cut, i)) or _plan_head().search(
                    _unglued(" ".join(w for w, _, _ in words[:i])))):
            cut = i + 1
            break
    while cut < len(words) and low(cut) in lex.page_marks:
        cut += 1  # "OFFICIAL Local Police Plan": a protective marking run on
    if cut < len(words) and re.search(r"['’]s$", words[cut][0]) and words[cut][0].lower(
            ).rstrip("’'s") in lex.agency_words:
        cut += 1  # "Council’s Community Safety Action Plan"
    while cut < len(words) and (low(cut) in lex.sentence_starters
                                or low(cut) in lex.name_joiners or low(cut) in lex.name_leaders
                                or low(cut) in lex.action_verbs):
        cut += 1
    out = words[cut:]
    while out and (out[-1][0].lower() in lex.name_joiners or out[-1][0].startswith("(")):
        out.pop()
    return out


def _unglued(text: str) -> str:
    """Words a converted file ran together parted again: "WorkProgramme" -> "Work
    Programme"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text)


def _head_kind(word: str) -> str | None:
    lex = lexicon()
    w = word.lower().strip("’'").removesuffix("’s").removesuffix("'s")
    if w.endswith("s") and w[:-1] in lex.body_heads:
        return None  # a plural ("Community Safety Partnerships", "CSPs") names no one body
    return lex.body_heads.get(w)


def bodies(text: str) -> list[Mention]:
    """The bodies a text names, in order (see the module docstring)."""
    out: list[Mention] = []
    lex = lexicon()
    for m in _runs().finditer(text):
        for words in _split_at_heads(_trim(_words(m))):
            if (mention := _body(text, words, lex)) is not None:
                out.append(mention)
    for m in _brand().finditer(text):  # "Safer Anyshire": a partnership by its brand alone
        if m.group(2).lower() not in lex.brand_not and not any(
                o.start <= m.start() < o.end for o in out):
            out.append(Mention(m.group(), "partnership", m.start(), m.end()))
    return sorted(out, key=lambda o: o.start)


@cache
def _brand() -> re.Pattern[str]:
    words = phrase_pattern(lexicon().partnership_brands)
    return re.compile(rf"(?<![\w’'-] )(?<![\w’'-])\b((?i:{words}))\s+([A-Z][a-z][\w-]+)\b"
                      rf"(?!\s+(?:[A-Z&]|and\s+[A-Z]|of\s+[A-Z]))")


def _split_at_heads(words: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """A run cut at "and"/"&" after a head noun: "Scrutiny Committee and Cabinet" is two."""
    out: list[list[tuple[str, int, int]]] = [[]]
    for k, word in enumerate(words):
        last = out[-1][-1][0] if out[-1] else ""
        if word[0].lower() in ("and", "&") and _head_kind(last) and k + 1 < len(words):
            out.append([])
            continue
        out[-1].append(word)
    return [_trim(part) for part in out if part]


def _body(text: str, words: list[tuple[str, int, int]], lex) -> Mention | None:
    """The body a run's words name, or None."""
    heads = [i for i, (w, _, _) in enumerate(words) if _head_kind(w) and not (
        i + 1 < len(words) and words[i + 1][0].lower() in lex.after_heads)]
    if not heads:
        return None
    last = heads[-1]
    name_words = words[:last + 1]
    tail = " ".join(w.lower() for w, _, _ in name_words[-3:])
    if any(tail.endswith(p) for p in lex.agency_phrases):
        return None
    if len(name_words) == 1:
        return None  # "Board", "CSPs": a generic mention or an acronym, read in context
    name = " ".join(w for w, _, _ in name_words)
    if (plan := _plan_head().search(name)) and plan.end() == len(name):
        return None
    start, end = name_words[0][1], name_words[-1][2]
    of = _OF_WORD.match(text, end)  # "Board of Directors"; never a copy of the rest
    if of and of.group(1).lower() in lex.head_of_words:
        end = of.end()
    window = max(0, start - _LIST_WINDOW)  # a list before the name is in its last words
    if " and " in text[start:end] and (listed := _LISTED.search(text, window, start)):
        start = listed.start("first")  # "Communities, Highway and Environment Committee"
    acronym = _ACRONYM_AFTER.match(text, end)
    inner = re.search(_ACRONYM, text[start:end])
    return Mention(text[start:end], _head_kind(name_words[-1][0]) or "group", start, end,
                   acronym.group("acronym") if acronym else (
                       inner.group("acronym") if inner else None))


def plans(text: str) -> list[Mention]:
    """The plans a text names, with the period printed beside each."""
    out: list[Mention] = []
    lex = lexicon()
    for m in _runs().finditer(text):
        words = _trim(_words(m))
        if not words:
            continue
        joined = " ".join(w for w, _, _ in words)
        heads = list(_plan_head().finditer(joined))
        if not heads:
            continue
        head = heads[-1]
        tail = joined[head.end():]
        if tail and not re.fullmatch(r"\s+(?:for|of)\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*",
                                     tail):
            continue  # the head is inside a longer name of something else
        if len(joined.split()) == 1:
            continue  # "Plan" alone
        if re.search(r"\bof\s+the\s+\w+$", joined) and len(head.group().split()) == 1:
            continue  # "Scope of the Strategy": a part of the document, not a plan
        start = words[0][1]
        end = words[-1][2]
        after = re.match(rf"\s*(?:for\s+)?({_PERIOD})", text[end:])
        before = re.search(rf"({_PERIOD})\s*$", text[max(0, start - 12):start])
        period = after.group(1) if after else before.group(1) if before else None
        acronym = re.match(rf"\s*(?:{_PERIOD}\s*)?{_ACRONYM}", text[end:])
        kind = lex.plan_heads.get(" ".join(head.group().lower().split()), "other")
        out.append(Mention(text[start:end], "plan", start, end,
                           acronym.group("acronym") if acronym else None, period, kind))
    return out


# -- bodies named in passing -----------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z][\w&'’-]*|&|[^\w\s]")
_MAX_PASSING = 8


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word == "&"


def _name_before(tokens: list[str], end: int) -> list[str] | None:
    """The words of the name ending with the head at ``tokens[end]``, or None."""
    lex = lexicon()
    start = end
    while start > 0 and end - start < _MAX_PASSING:
        word = tokens[start - 1]
        bridge = (word.lower() == "and" and start > 1 and _capitalised(tokens[start - 2])
                  and tokens[start - 2].lower() not in lex.passing_heads
                  and _capitalised(tokens[start]))  # "Drug and Alcohol Action Team"
        if not bridge and (word.lower() in lex.function_words
                           or not (word[0].isalpha() or word == "&")):
            break
        start -= 1
    run = tokens[start:end + 1]
    if not (start > 0 and tokens[start - 1].lower() in lex.passing_leaders):
        while run and not _capitalised(run[0]):
            run = run[1:]
        tail = []
        for word in reversed(run[:-1]):
            if not _capitalised(word) and word.lower() != "sub":
                break
            tail.insert(0, word)
        run = [*tail, run[-1]] if run else []
    while run and run[0] == "&":
        run = run[1:]
    if len(run) < 2 or (not any(_capitalised(w) for w in run[:-1]) and len(run) < 4):
        return None
    return run


def in_passing(text: str) -> list[str]:
    """Bodies a sentence names in passing, lower-case words and all: "continue the work of
    the pan Anyshire strategic ASB group", "persuade Anytown Police". After "the", "with"
    or "of" the whole run is the name; elsewhere its capitalised tail is. One word ("the
    police") is too generic to be a body."""
    lex = lexicon()
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token.lower() not in lex.passing_heads:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following and following[0].isalpha() and following.lower() not in lex.function_words:
            continue  # "police systems": the head is not the end of a name
        if run := _name_before(tokens, i):
            out.append(re.sub(r"\s+(?=[’'])|(?<=&)\s*$", "", " ".join(run)))
    return out
