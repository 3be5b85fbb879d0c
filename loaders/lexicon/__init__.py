"""The words cspgraph reads documents by, kept as data (one YAML file a family) and loaded
once: honorifics, police ranks and post-nominals, body head nouns and agency words, roles,
priority cues, alignment phrases, section headings and table column words.

Every part of the loaders that needs one of these words reads it from here, so a new
layout or a new area's wording is usually one entry in one of these files
(``docs/extraction.md`` says which).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _by_kind(table: dict) -> dict[str, str]:
    """{kind: [words]} -> {word: kind}."""
    return {str(w).lower(): kind for kind, words in (table or {}).items() for w in words}


def phrase_pattern(phrases) -> str:
    r"""A regex alternation of ``phrases`` (longest first), words parted by any space:
    "chief inspector" matches "Chief  Inspector"; a "/" or "." in a phrase stays literal."""
    parts = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


WHOLE = r"^(?:{words})$"  # a ``words_pattern`` form: the whole text is one of the words


@cache
def words_pattern(family: str, key: str, form: str = r"\b(?:{words})\b") -> re.Pattern[str]:
    r"""The phrases listed under ``key`` in ``family``.yaml as one case-blind regex: ``form``
    with ``{words}`` standing for their ``phrase_pattern``. The default finds one of them as
    whole words; ``WHOLE`` matches a text that is one of them; a form may add what comes
    before or after ("``^(?:{words})\s*:``" for a label and its colon)."""
    return re.compile(form.replace("{words}", phrase_pattern(_load(family)[key])), re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    """All the word lists, as sets and word -> kind maps."""

    honorifics: frozenset[str]
    police_ranks: frozenset[str]
    posts_as_titles: frozenset[str]
    post_heads: frozenset[str]
    post_nominals: frozenset[str]
    not_names: frozenset[str]
    name_particles: frozenset[str]
    post_modifiers: frozenset[str]
    body_heads: dict[str, str]  # head noun -> kind of body
    body_acronyms: dict[str, str]
    agency_words: frozenset[str]
    agency_acronyms: frozenset[str]
    agency_phrases: frozenset[str]
    office_heads: frozenset[str]
    single_agencies: frozenset[str]
    place_types: frozenset[str]
    after_heads: frozenset[str]
    name_leaders: frozenset[str]
    of_leaders: frozenset[str]
    sentence_starters: frozenset[str]
    action_verbs: frozenset[str]
    page_marks: frozenset[str]
    name_joiners: frozenset[str]
    definite_heads: frozenset[str]
    roles: dict[str, str]  # printed role -> role
    attendance: dict[str, str]  # printed cue -> how the minutes note a person
    member_roles: frozenset[str]
    priority_cues: frozenset[str]
    plan_heads: dict[str, str]  # plan title words -> kind of plan
    lower_plan_heads: frozenset[str]
    plan_earlier: frozenset[str]
    plan_current: frozenset[str]
    plan_documents: frozenset[str]
    bare_plan_heads: frozenset[str]
    aim_nouns: frozenset[str]
    citing_phrases: frozenset[str]
    not_after_plan: frozenset[str]
    making_verbs: frozenset[str]
    sub_plan_heads: frozenset[str]
    others_priorities: frozenset[str]
    single_plan_kinds: frozenset[str]
    plan_owners: frozenset[str]
    plan_spellings: dict[str, str]  # another spelling -> the one compared
    alignment_phrases: dict[str, str]  # phrase -> "forward" or "reversed"
    governance_phrases: dict[str, str]  # phrase -> relation
    scrutiny_words: frozenset[str]
    review_words: frozenset[str]
    partnership_brands: frozenset[str]
    brand_not: frozenset[str]
    head_of_words: frozenset[str]
    generic_body_words: frozenset[str]
    passing_heads: frozenset[str]
    passing_leaders: frozenset[str]
    function_words: frozenset[str]
    paper_titles: frozenset[str]
    issuer_heads: frozenset[str]
    title_descriptors: frozenset[str]
    editorial_notes: frozenset[str]
    title_debris: tuple[str, ...]  # regular expressions
    sections: dict[str, str]  # heading words -> role of the section
    standing_subjects: frozenset[str]
    columns: dict[str, str]  # header words -> column role
    header_modifiers: frozenset[str]
    header_qualifiers: frozenset[str]

    @property
    def titles(self) -> frozenset[str]:
        """Everything printed before a name as a title: honorifics, ranks, posts."""
        return self.honorifics | self.police_ranks | self.posts_as_titles

    @property
    def body_words(self) -> frozenset[str]:
        """Every word that ends the name of a governing body: head nouns and their acronyms."""
        return frozenset(self.body_heads) | frozenset(self.body_acronyms)

    @property
    def job_words(self) -> frozenset[str]:
        """Single words of a job title or post: "Director", "Chair", "Councillor"."""
        roles = {w for w in self.roles if " " not in w and "-" not in w}
        return self.post_heads | self.post_modifiers | roles | {
            w for w in self.honorifics if " " not in w and w.startswith("council")}


class _WordLoader(yaml.SafeLoader):
    """YAML without YAML 1.1's booleans: "no", "on" and "off" are words here."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(name: str) -> dict:
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_WordLoader) or {}


@cache
def lexicon() -> Lexicon:
    """The lexicon, read from the package's YAML files once."""
    people, bodies, roles = _load("people"), _load("bodies"), _load("roles")
    plans, sections, tables = _load("plans"), _load("sections"), _load("tables")
    documents, governance = _load("documents"), _load("governance")
    return Lexicon(
        honorifics=_words(people["honorifics"]),
        police_ranks=_words(people["police_ranks"]),
        posts_as_titles=_words(people["posts_as_titles"]),
        post_heads=_words(people["post_heads"]),
        post_nominals=_words(people["post_nominals"]),
        not_names=_words(people["not_names"]),
        name_particles=_words(people["name_particles"]),
        post_modifiers=_words(people["post_modifiers"]),
        body_heads=_by_kind(bodies["body_heads"]),
        body_acronyms=_by_kind(bodies["body_acronyms"]),
        agency_words=_words(bodies["agency_words"]),
        agency_acronyms=_words(bodies["agency_acronyms"]),
        agency_phrases=_words(bodies["agency_phrases"]),
        office_heads=_words(bodies["office_heads"]),
        single_agencies=_words(bodies["single_agencies"]),
        place_types=_words(bodies["place_types"]),
        after_heads=_words(bodies["after_heads"]),
        name_leaders=_words(bodies["name_leaders"]),
        of_leaders=_words(bodies["of_leaders"]),
        sentence_starters=_words(bodies["sentence_starters"]),
        action_verbs=_words(bodies["action_verbs"]),
        page_marks=_words(bodies["page_marks"]),
        name_joiners=_words(bodies["name_joiners"]),
        definite_heads=_words(bodies["definite_heads"]),
        roles=_by_kind({k: v for k, v in roles.items() if k not in ("attendance",
                                                                    "member_roles")}),
        member_roles=_words(roles["member_roles"]),
        attendance=_by_kind(roles["attendance"]),
        priority_cues=_words(plans["priority_cues"]),
        plan_heads=_by_kind(plans["plan_heads"]),
        lower_plan_heads=_words(plans["lower_plan_heads"]),
        plan_earlier=_words(plans["plan_earlier"]),
        plan_current=_words(plans["plan_current"]),
        plan_documents=_words(plans["plan_documents"]),
        bare_plan_heads=_words(plans["bare_plan_heads"]),
        aim_nouns=_words(plans["aim_nouns"]),
        citing_phrases=_words(plans["citing_phrases"]),
        not_after_plan=_words(plans["not_after_plan"]),
        making_verbs=_words(plans["making_verbs"]),
        sub_plan_heads=_words(plans["sub_plan_heads"]),
        others_priorities=_words(plans["others_priorities"]),
        single_plan_kinds=_words(plans["single_plan_kinds"]),
        plan_owners=_words(plans["plan_owners"]),
        plan_spellings={str(k).lower(): str(v).lower()
                        for k, v in plans["plan_spellings"].items()},
        alignment_phrases=_by_kind(plans["alignment_phrases"]),
        governance_phrases=_by_kind(governance["governance_phrases"]),
        scrutiny_words=_words(governance["scrutiny_words"]),
        review_words=_words(governance["review_words"]),
        partnership_brands=_words(governance["partnership_brands"]),
        brand_not=_words(governance["brand_not"]),
        head_of_words=_words(bodies["head_of_words"]),
        generic_body_words=_words(bodies["generic_body_words"]),
        passing_heads=_words(bodies["passing_heads"]),
        passing_leaders=_words(bodies["passing_leaders"]),
        function_words=_words(bodies["function_words"]),
        paper_titles=_words(documents["paper_titles"]),
        issuer_heads=_words(documents["issuer_heads"]),
        title_descriptors=_words(documents["title_descriptors"]),
        editorial_notes=_words(documents["editorial_notes"]),
        title_debris=tuple(str(p) for p in documents["title_debris"]),
        sections=_by_kind(sections["sections"]),
        standing_subjects=_words(sections["standing_subjects"]),
        columns=_by_kind(tables["columns"]),
        header_modifiers=_words(tables["header_modifiers"]),
        header_qualifiers=_words(tables["header_qualifiers"]),
    )
