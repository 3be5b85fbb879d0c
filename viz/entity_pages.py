"""HTML pages for one entity (body, person, agency, plan, document), the lists of them, the
source view and the search page. They draw what ``graph.queries`` gives them; every name
links to its page and every fact shows its source, linked to the lines in context."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cspgraph.graph.queries import Answer, Document, Entity, ItemAnswer, SourceRef
from cspgraph.graph.queries.entities import AgencyView, BodyView, PersonView, PlanView, ident
from cspgraph.graph.queries.facts import DocumentFact
from cspgraph.graph.queries.kinds import WORDS
from cspgraph.graph.queries.lookup import BODIES, PLANS, Found
from cspgraph.viz.html import Markup, bullets, esc, href, join, link, page, segment_href, table

# Entity.type is a class's local name: the page an entity has follows from its class.
_PEOPLE = {"Person"}
_AGENCIES = {"FormalOrganization"}
_BODIES = {ident(str(c)) for c in BODIES} - _AGENCIES
_PLANS = {ident(str(c)) for c in PLANS}


@dataclass
class Linker:
    """Where an entity's page is: ``loaded`` maps a loaded plan's IRI to its document id."""

    loaded: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # IRI -> kind in plain words

    def href(self, e: Entity) -> str | None:
        if e.type in _PEOPLE:
            return segment_href("/people", ident(e.iri))
        if e.type in _AGENCIES:
            return segment_href("/agencies", ident(e.iri))
        if e.type in _BODIES:
            return segment_href("/bodies", ident(e.iri))
        if e.type in _PLANS:
            doc = self.loaded.get(e.iri)
            return (segment_href("/plans", doc) if doc
                    else href("/alignment", against=e.iri))
        return None

    def name(self, e: Entity) -> Markup:
        """The entity's label, linked to its page where it has one."""
        where = self.href(e)
        return link(where, e.label) if where else esc(e.label)

    def kind(self, e: Entity) -> str:
        return self.kinds.get(e.iri) or WORDS.get(e.type, "thing")


def linker_for(documents: Iterable[Document]) -> Linker:
    """A Linker knowing which plans are loaded documents."""
    return Linker({d.plan.iri: d.doc_id for d in documents if d.plan})


def source_href(s: SourceRef) -> str:
    """The source view of ``s``: its document's quoted lines around it."""
    return href(segment_href("/documents", s.doc_id) + "/source", line=s.line_start,
                page=s.page) + f"#L{s.line_start}"


def sources(refs: Iterable[SourceRef]) -> Markup:
    """Each source as 'file:lines “quote”', the place linked to the source view."""
    parts = [Markup(f'<span class="source">{link(source_href(s), f"{s.document}:{s.lines}")}'
                    f' <span class="quote">\u201c{esc(s.quote)}\u201d</span></span>')
             for s in refs]
    return join(parts, "<br>") if parts else Markup('<span class="empty">no source</span>')


def _answers(lk: Linker, answers: list[Answer], detail: str | None = None,
             empty: str = "none stated") -> Markup:
    if not answers:
        return Markup(f'<p class="empty">{esc(empty)}</p>')
    rows = [(lk.name(a.entity), a.detail.get(detail, "") if detail else lk.kind(a.entity),
             sources(a.sources)) for a in answers]
    return table(["Name", detail or "Kind", "Source"], rows)


def _plan_link(d: Document) -> Markup:
    return link(segment_href("/plans", d.doc_id), d.plan.label if d.plan else d.file_name)


def _section(title: str, body: Markup) -> Markup:
    return Markup(f"<section><h2>{esc(title)}</h2>{body}</section>")


def _kind_badge(word: str) -> Markup:
    return Markup(f'<span class="kind">{esc(word)}</span>')


def body_page(v: BodyView, lk: Linker, json_href: str) -> str:
    """A body: chair and posts, members, bodies above and below, plans, indicators."""
    plans = [Markup(f"{_plan_link(d)} {esc(d.period or '')}") for d in v.plans_issued]
    chain = [Markup(f"{lk.name(a.entity)} <small>via {esc(a.detail.get('via', ''))}</small>")
             for a in v.accountability_chain]
    aka = (Markup(f"<p>Also called: {join(v.body.alt_labels, ', ')}</p>")
           if v.body.alt_labels else Markup(""))
    body = join([
        Markup(f"<p>{_kind_badge(v.kind)}</p>"), aka,
        _section("Chair and posts", _answers(lk, v.posts, "role", "no post stated")),
        _section("Members", _answers(lk, v.members, empty="no members stated")),
        _section("Reports to", _answers(lk, v.reports_to, empty="no reporting line stated")),
        _section("Sub-group of", _answers(lk, v.part_of, empty="not a sub-group of any body")),
        _section("Chain of accountability", bullets(chain, "nothing above it")),
        _section("Sub-groups", _answers(lk, v.sub_groups, empty="no sub-groups stated")),
        _section("Oversees", _answers(lk, v.oversees, empty="nothing stated")),
        _section("Overseen by", _answers(lk, v.overseen_by, empty="nothing stated")),
        _section("Scrutinises", _answers(lk, v.scrutinises, empty="nothing stated")),
        _section("Scrutinised by", _answers(lk, v.scrutinised_by, empty="nothing stated")),
        _section("Plans it publishes", bullets(plans, "no loaded plan")),
        _section("Indicators", _answers(lk, v.indicators, "linked", "no indicators")),
        Markup("<p>" + link(href("/maps/governance", focus=v.body.label, chain="true"),
                            "See it on the governance map") + "</p>"),
    ])
    return page(v.body.label, body, json_href=json_href)


def person_page(v: PersonView, lk: Linker, json_href: str) -> str:
    """A person: the posts they hold, with bodies, sources and the plans' periods."""
    rows = [(a.detail.get("role", ""), lk.name(a.entity),
             join([v.periods.get(s.doc_id, "") for s in a.sources], "; "), sources(a.sources))
            for a in v.posts]
    body = join([Markup(f"<p>{_kind_badge('person')}</p>"),
                 _section("Posts held", table(["Post", "In", "Period", "Source"], rows)
                          if rows else Markup('<p class="empty">no post stated</p>'))])
    return page(v.person.label, body, json_href=json_href)


def _items_table(lk: Linker, found: list[ItemAnswer], *, parent: bool = True) -> Markup:
    rows = []
    for i in found:
        due = (i.due_end.isoformat() if i.due_end else "") or (i.timescale or "")
        rows.append((WORDS.get(i.kind, i.kind), esc(i.label),
                     join([lk.name(a.entity) for a in i.leads], ", "),
                     due, lk.name(i.parent) if (parent and i.parent) else "",
                     sources(i.sources)))
    if not rows:
        return Markup('<p class="empty">nothing stated</p>')
    return table(["Kind", "Item", "Lead", "Due", "Under", "Source"], rows)


def agency_page(v: AgencyView, lk: Linker, json_href: str) -> str:
    """An agency: what it leads (with due dates), and its posts in bodies."""
    due = [i for i in v.items if i.due_end is not None]
    due.sort(key=lambda i: i.due_end)
    form = Markup(
        '<form class="inline" method="get" data-working><div><label for="due_by">Due by</label>'
        f'<input type="date" id="due_by" name="due_by" value="{esc(v.due_by or "")}"></div>'
        '<button type="submit">Filter</button> <span class="working">working…</span></form>')
    more = (Markup(f"<p>Showing {len(v.items)} of {v.total}; "
                   f"{link(json_href, 'the JSON twin')} pages through the rest.</p>")
            if v.total > len(v.items) else Markup(""))
    body = join([
        Markup(f"<p>{_kind_badge(lk.kind(v.agency))} "
               f"{link(segment_href('/bodies', ident(v.agency.iri)), 'its page as a body')}</p>"),
        form,
        _section("What it leads", join([_items_table(lk, v.items), more])),
        _section("Falling due, by date", _items_table(lk, due)),
        _section("Posts it holds", _answers(lk, v.posts, "role", "no post stated")),
    ])
    return page(v.agency.label, body, json_href=json_href)


def plan_page(v: PlanView, lk: Linker, json_href: str) -> str:
    """A plan: period, priorities with leads and actions, higher plans and what they serve."""
    d = v.document
    facts = table(["Kind", "Period", "Area", "Issued by", "Document"], [(
        WORDS.get(d.kind or "", d.kind or ""), d.period or "", d.area or "", d.issuer or "",
        link(segment_href("/documents", d.doc_id), d.file_name))])
    prios = []
    for pp in v.priorities:
        p = pp.priority
        leads = join([lk.name(a.entity) for a in p.leads], ", ") or Markup("no lead stated")
        prios.append(Markup(
            f"<h3>{esc(p.label)}</h3><p>Lead: {leads}</p><p>{sources(p.sources)}</p>"
            f"{_items_table(lk, pp.items, parent=False)}"))
    higher = [Markup(f"{lk.name(e)} — " + link(href("/alignment", against=e.iri, plan=d.doc_id),
                                                 "how this plan serves it"))
              for e in v.higher_plans]
    body = join([
        facts,
        _section("Higher plans it cites", bullets(higher, "cites no higher plan")),
        _section("Priorities", join(prios) if prios else Markup('<p class="empty">none</p>')),
        _section("Other actions and recommendations", _items_table(lk, v.other_items)),
        _section("Data-quality notes", _answers(lk, v.quality_notes, empty="none")),
    ])
    title = d.plan.label if d.plan else d.file_name
    return page(f"{title} {d.period or ''}".strip(), body, json_href=json_href)


def document_page(doc: Document, found: list[DocumentFact], json_href: str) -> str:
    """Every fact one document states, by type, with its lines."""
    rows = [(f.type, "; ".join(f"{k}: {v}" for k, v in f.fields.items() if v),
             sources(f.sources)) for f in found]
    body = join([
        Markup(f"<p>{link(segment_href('/plans', doc.doc_id), 'Its plan page')} · "
               + link(href(segment_href("/documents", doc.doc_id) + "/source", line=1),
                      "its quoted lines") + "</p>"),
        _section(f"{len(rows)} facts", table(["Type", "Fact", "Source"], rows)
                 if rows else Markup('<p class="empty">no facts read</p>'))])
    return page(doc.file_name, body, json_href=json_href)


def source_page(doc: Document, context: list[tuple[SourceRef, bool]], line: int,
                json_href: str) -> str:
    """The places of a document the graph quotes around ``line``, that line's marked."""
    lines = "".join(
        f'<span id="L{s.line_start}" class="{"hit" if hit else ""}">'
        f'{esc(s.lines.rjust(7))}  {esc(s.quote)}</span>\n' for s, hit in context)
    earlier = href(segment_href("/documents", doc.doc_id) + "/source", line=max(1, line - 16))
    later = href(segment_href("/documents", doc.doc_id) + "/source", line=line + 16)
    body = Markup(
        f"<p>The lines of {link(segment_href('/documents', doc.doc_id), doc.file_name)} the "
        f"graph quotes, around line {esc(line)} (marked). "
        f"{link(earlier, '← earlier')} · {link(later, 'later →')}</p>"
        + (f'<pre class="lines">{lines}</pre>' if lines
           else '<p class="empty">no quoted lines near here</p>'))
    return page(f"{doc.file_name}, line {line}", body, json_href=json_href)


def listing_page(title: str, rows: list[tuple[Entity, str, str]], lk: Linker,
                 json_href: str, note: str = "") -> str:
    """A list of entities: name (linked), kind in plain words, and a count or period."""
    body = join([Markup(f"<p>{esc(note)}</p>") if note else Markup(""),
                 table(["Name", "Kind", "Counts"],
                       [(lk.name(e), kind, counts) for e, kind, counts in rows])])
    return page(title, body, json_href=json_href)


def plans_page(docs: list[Document], json_href: str) -> str:
    """The loaded documents and the plans they set out."""
    rows = [(_plan_link(d),
             WORDS.get(d.kind or "", d.kind or ""), d.period or "", d.area or "",
             link(segment_href("/documents", d.doc_id), d.file_name)) for d in docs]
    return page("Plans", table(["Plan", "Kind", "Period", "Area", "Document"], rows),
                json_href=json_href)


def search_form(text: str = "", kind: str = "") -> Markup:
    options = "".join(
        f'<option value="{k}"{" selected" if k == kind else ""}>{k or "anything"}</option>'
        for k in ("", "body", "person", "agency", "plan"))
    return Markup(
        '<form class="inline" action="/search" method="get" role="search" data-working>'
        '<div><label for="q">Name, alias or acronym</label>'
        f'<input id="q" name="q" value="{esc(text)}" required size="40"></div>'
        f'<div><label for="kind">Kind</label><select id="kind" name="kind">{options}</select>'
        '</div><button type="submit">Search</button> <span class="working">working…</span>'
        '</form>')


def search_page(text: str, kind: str, found: Found | None, kinds: dict[str, str],
                lk: Linker, json_href: str) -> str:
    """Ranked results: exact, then alias or acronym, then partial, then close spellings."""
    parts = [search_form(text, kind)]
    if found is not None:
        if found.did_you_mean:
            means = join([link(href("/search", q=n, kind=kind), n) for n in found.did_you_mean],
                         " or ")
            parts.append(Markup(f'<p class="note">No name matches “{esc(text)}”. '
                                f"Did you mean {means}?</p>"))
        if not found.matches:
            parts.append(Markup(f'<p class="empty">Nothing matches “{esc(text)}”.</p>'))
        else:
            words = {"exact": "exact name", "alias": "alias or acronym",
                     "partial": "part of the name", "fuzzy": "close spelling"}
            rows = [(lk.name(m.entity), kinds.get(m.entity.iri, lk.kind(m.entity)),
                     words[m.tier], m.name if m.name != m.entity.label else "")
                    for m in found.matches]
            parts.append(table(["Name", "Kind", "Matched on", "As printed"], rows,
                               cls="results"))
    return page("Search", join(parts), json_href=json_href if found is not None else None)


def quality_page(conforms: bool, violations: int, counts: dict[str, int],
                 documents: list[dict], findings: list, json_href: str) -> str:
    """The governance report: what each document gave, and the SHACL findings."""
    docs = [((d.get("doc_id") and link(segment_href("/documents", d["doc_id"]), d["path"]))
             or d["path"], "yes" if d["ok"] else f"no: {d.get('error') or ''}", d["facts"],
             f"{d.get('share_understood', 1.0):.0%}",
             ", ".join(str(n) for n in d.get("not_understood", [])[:20]))
            for d in documents]
    shown = findings[:300]
    body = join([
        Markup(f"<p>{'Conforms' if conforms else 'Does not conform'}: "
               f"{esc(violations)} violations, {esc(len(findings))} findings.</p>"),
        _section("What each document gave", table(
            ["Document", "Read", "Facts", "Lines understood", "Lines not understood"], docs)),
        _section("Findings by message", table(["Message", "Count"], counts.items())),
        _section(f"Findings (first {len(shown)})", table(
            ["Severity", "About", "Message"],
            [(f.severity, f.label, f.message) for f in shown])),
    ])
    return page("Data quality", body, json_href=json_href)


def landing_page(s) -> str:
    """The start page: a search box, what is loaded, and where to go next."""
    rows = [(_plan_link(d), WORDS.get(d.kind or "", d.kind or ""), d.period or "",
             d.area or "", link(segment_href("/documents", d.doc_id), d.file_name))
            for d in s.documents]
    counts = [f"{n} {name}" for name, n in s.counts.items()]
    goes = [
        Markup(f"{link('/bodies', 'Bodies')}: boards, partnerships and sub-groups, who chairs "
               "them and what they report to"),
        Markup(f"{link('/people', 'People')} and {link('/agencies', 'agencies')}: the posts "
               "they hold and what they lead"),
        Markup(f"{link('/alignment', 'Alignment across plans')}: which local priorities serve "
               "a Police and Crime Plan's objectives, and which objectives no plan serves"),
        Markup(f"{link('/registers', 'Registers')}: who chairs what, actions and priorities, "
               "to download as CSV"),
        Markup(f"{link('/maps/governance', 'Governance map')}, "
               f"{link('/maps/alignment', 'alignment map')} and "
               f"{link('/maps/duplicates', 'duplicate recommendations')} across partnerships"),
        Markup(f"{link('/quality', 'Data quality')}: what each document gave, and gaps"),
        Markup(f"{link('/sparql', 'SPARQL')} (read-only), {link('/docs', 'the API')} and "
               f"{link('/graph', 'the whole graph')} (TriG, Turtle, JSON-LD, N-Quads)"),
    ]
    body = join([
        Markup("<p>Who chairs, leads and reports to what in community safety partnerships, "
               "with the document and lines each fact comes from.</p>"),
        search_form(),
        _section("Where to go", bullets(goes)),
        _section("Loaded documents", table(["Plan", "Kind", "Period", "Area", "Document"],
                                           rows)),
        _section("The graph holds", bullets(counts)),
    ])
    return page("cspgraph", body, json_href="/index.json")
