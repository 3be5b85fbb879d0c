"""Text of SYNTHETIC documents in the layout families of the bundled samples.

Each function prints one document as plain text in the shape a loader recogniser
reads (see ``cspgraph.loaders.recognisers``): the partnership plan's "CSP Priority |
Lead Agency | Key Actions" rows, the community safety agreement's numbered sections,
action plan and "Name - Chair: ..." governance entries, the "Theme | Recommendations"
table of a strategic assessment, and the committee paper's "Ref | Recommendation |
Lead | Action" table. Content (names, priorities, items) is chosen by the caller; each
function returns the printed title line with the text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

LABEL = "(SYNTHETIC)"


@dataclass(frozen=True)
class HigherPlan:
    """A Police and Crime Plan or council plan whose objectives priorities cite."""

    title: str
    period: str
    objectives: tuple[str, ...]
    first_year: int

    @property
    def label(self) -> str:
        return f"{self.title} {self.period}"


@dataclass
class PriorityRow:
    """One priority row: aim, leads, cited objectives and (strand, description, actions)."""

    name: str
    aim: str
    leads: list[str]
    cites: list[tuple[HigherPlan, list[str]]]
    strands: list[tuple[str, str, list[str]]]
    spill: int = 0  # how many trailing strands are printed after the row, as in the sample


@dataclass
class Rec:
    """A recommendation; ``lead`` and ``action`` only in the committee paper's table."""

    text: str
    theme: str
    lead: str | None = None
    action: str | None = None


@dataclass
class Entry:
    """A governance entry: a body, its chair (or office holder) and description."""

    name: str
    person: str  # printed as the entry prints it: "Dr Ada Bevan, Director ..., X Council"
    description: list[str] = field(default_factory=list)
    holder: bool = False  # "X Commissioner (PCC) – Name" rather than "X - Chair: Name"


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _priority_cell(row: PriorityRow, rng: random.Random) -> str:
    parts = ([_p(f"{row.name} {row.aim}")] if rng.random() < 0.5
             else [_p(row.name), _p(row.aim)])
    for plan, objectives in row.cites:
        parts.append(_p("....."))
        first, *rest = objectives
        if rng.random() < 0.5:
            parts += [_p(f"{plan.label} {first}"), *map(_p, rest)]
        else:
            parts += [_p(plan.label), *map(_p, objectives)]
    return " ".join(parts)


def _action_cell(strands: list[tuple[str, str, list[str]]], rng: random.Random) -> str:
    parts = []
    for strand, description, actions in strands:
        parts.append(_p(f"{strand} – {description}"))
        if rng.random() < 0.5:
            parts.append('<ul style="list-style-type: none"> '
                         + " ".join(f"• {a}" for a in actions) + " </ul>")
        else:
            parts.append("<ul>" + "".join(f"<li>{a}</li>" for a in actions) + "</ul>")
    return " ".join(parts)


def partnership_plan(place: str, partnership: str, period: str, rows: list[PriorityRow],
                     rng: random.Random) -> tuple[str, str]:
    """(title, text) of a plan of "CSP Priority | Lead Agency | Key Actions" rows."""
    title = f"{partnership} Plan {period} {LABEL}"
    out = ["", "", place, "**Community", "Safety", "Partnership**", "", title, "", ""]
    header = "CSP Priority\tLead Agency\tKey Actions to Explore and Develop"
    for row in rows:
        cut = len(row.strands) - row.spill
        leads = " ".join(_p(lead) for lead in row.leads)
        cells = [_priority_cell(row, rng), leads, _action_cell(row.strands[:cut], rng)]
        out += [header, "\t".join(cells), ""]
        for strand, description, actions in row.strands[cut:]:
            out += [f"{strand} – {description}", "", *(f"- {a}" for a in actions), ""]
    return title, "\n".join(out) + "\n"


def assessment(place: str, period: str, themes: list[tuple[str, list[Rec]]]) -> tuple[str, str]:
    """(title, text) of a strategic assessment's "Theme | Recommendations" tables."""
    title = f"{place} Community Safety Strategic Assessment {period} - Recommendations {LABEL}"
    out = ["", f"## {title}", ""]
    for i, (theme, recs) in enumerate(themes):
        if i % 3 == 0:
            out += ["", "Theme\tRecommendations"] if i else ["Theme\tRecommendations"]
        items = " ".join(f"<li>{n}. {r.text}</li>" for n, r in enumerate(recs, 1))
        out.append(f'<b>{theme}</b>\t<ol style="list-style-type: none"> {items} </ol>')
    return title, "\n".join(out) + "\n"


def committee_paper(partnership: str, year: int, item_no: int, author: str,
                    table: list[Rec], listed: list[Rec], rng: random.Random) -> tuple[str, str]:
    """(title, text) of a committee paper with a "Ref | Recommendation | Lead | Action"
    table and a closing list of further recommendations."""
    heading = f"Recommendations from the Partnership Strategic Assessment {year} {LABEL}"
    day = rng.randint(2, 27)
    refs = [f"{3 + n // 4}.2.{n % 4 + 1}" for n in range(len(table))]
    cited = rng.randrange(len(table))
    out = [f"Agenda Item No: {item_no} {partnership} {day} March {year + 1}", "",
           f"## {heading}", "",
           f"- 1. Members will recall that the Partnership Strategic Assessment was presented "
           f"to the {partnership} at the last meeting. The attached report gives the "
           f"recommendations arising from it.",
           f"- 2. Some recommendations concern data quality; {refs[cited]} is for "
           f"{table[cited].lead}.",
           "- 3. Members are asked to consider the report and where possible help to complete "
           "the actions required.", "",
           f"{author} {day - 1} March {year + 1}", "", f"## {heading}", "",
           "The following recommendations were made in the main document.", "",
           "Ref\tRecommendation\tLead\tAction"]
    out += [f"{ref}\t{r.text}\t{r.lead}\t{r.action}" for ref, r in zip(refs, table, strict=True)]
    out += ["", "In addition a number of recommendations were put forward for consideration "
            "by the Partnership:", "", *(f"- {r.text}" for r in listed)]
    return heading, "\n".join(out) + "\n"


def agreement(county: str, board: str, year: int, contact: str, partnerships: int,
              sections: list[tuple[str, list[str]]], actions: list[tuple[str, str, str, str]],
              entries: list[Entry]) -> tuple[str, str]:
    """(title, text) of a county community safety agreement: numbered priority sections,
    an action plan (theme, action, timescale, lead) and governance entries."""
    title = f"Community Safety Agreement {year} to {year + 1} {LABEL}"
    out = [board, title, "", "Document Details:", "", "Status: 1.0", "",
           f"Date: March {year}", "", f"Contact: {contact}", "", "1. Introduction:", "",
           "- 1.1 Community safety duties are set out under section 17 of the Crime and "
           "Disorder Act 1998 for the responsible authorities.",
           f"- 1.2 In two-tier areas such as {county} there is a duty to publish a county "
           f"Community Safety Agreement (CSA). The strategic coordination of community safety "
           f"takes place through the {board} (SCB).",
           f"- 1.3 Delivery takes place through the {partnerships} community safety "
           f"partnerships of {county}, whose strategic assessments inform this agreement.", "",
           "2. SCB Priority areas:", "",
           "2.1 Set out below are the key strategic priorities, with some highlight commentary.",
           ""]
    for n, (name, paragraphs) in enumerate(sections, 3):
        out += [f"{n}. {name}:", ""]
        out += [f"- {n}.{m} {text}" for m, text in enumerate(paragraphs, 1)] + [""]
    out += ["Appendix A", "", f"CSA Action Plan {year}-{(year + 1) % 100:02d}", "",
            "The following actions will be monitored and the plan regularly reviewed by the SCB "
            f"through to March {year + 1}", "", "Theme\tAction\tTimescale\tLead"]
    previous = None
    for theme, action, when, lead in actions:
        out.append(f"{'' if theme == previous else theme}\t{action}\t{when}\t{lead}")
        previous = theme
    out += ["", "Appendix B", "", f"{county} Community Safety Governance", "",
            "Please note that this document does not provide an exhaustive list. These are the "
            "main groups currently working to deliver against community safety objectives.", ""]
    for e in entries:
        cue = " – " if e.holder else " - Chair: "
        out += [f"{e.name}{cue}{e.person}", "", *(f"{d}\n" for d in e.description)]
    return title, "\n".join(out) + "\n"
