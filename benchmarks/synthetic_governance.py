"""A SYNTHETIC national-scale governance structure, emitted as loader facts.

Every name here is invented from syllables with a seeded RNG; the areas and document titles
say "(synthetic)". Each partnership is one document ("synthetic-csp-0001") whose facts
(``cspgraph.loaders.facts``) go through ``emit_facts`` into its own named graph, as the
loaders' would. Per force area: a county board reporting to a police and crime panel, both
chaired; per partnership: a chair, 3-6 chaired sub-groups and 5-10 member agencies drawn
from the area's and its own. The first partnership document of an area states the board
and the panel.

    from synthetic_governance import build
    ds, shape = build(partnerships=300, seed=7)
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime

from rdflib import Dataset

from cspgraph.graph.build.emit import emit_facts
from cspgraph.graph.build.provenance import describe_load, graph_iri
from cspgraph.graph.store.backends import new_dataset
from cspgraph.loaders import facts as F
from cspgraph.loaders.document import Span

FIRST = ("Ada", "Alun", "Bryn", "Cara", "Dafydd", "Edith", "Femi", "Greta", "Hari", "Ines",
         "Jonah", "Kezia", "Lorcan", "Maud", "Nia", "Osian", "Priya", "Quentin", "Rhian", "Sami",
         "Tomos", "Una", "Vikram", "Wren", "Xanthe", "Yusuf", "Zara", "Idris", "Morwen", "Cerys",
         "Emrys", "Farah", "Gethin", "Hollis", "Isla", "Jory", "Kit", "Lowri", "Mabli", "Nell")
LAST = ("Abernant", "Bevan", "Caddick", "Dunmore", "Elwyn", "Fenwick", "Garrow", "Hallam",
        "Ingram", "Jessop", "Kellow", "Lytton", "Marwick", "Nettleford", "Orchard", "Pengelly",
        "Quayle", "Rendall", "Sowerby", "Trevane", "Upcott", "Varley", "Whitlock", "Yarrow",
        "Ashdown", "Brackley", "Corran", "Dalby", "Everleigh", "Fothergill", "Greaves", "Hebden",
        "Ivison", "Jardine", "Kemble", "Lovatt", "Mossop", "Norley", "Oakden", "Prideaux")
HEAD = ("Ab", "Bar", "Bel", "Cal", "Cor", "Dun", "Eld", "Fal", "Gar", "Hal", "Ith", "Kel", "Lan",
        "Mar", "Nor", "Ost", "Pen", "Quen", "Ros", "Sel", "Tal", "Ul", "Ven", "Wyr", "Yar", "Zel",
        "Brom", "Cray", "Dray", "Fen", "Grim", "Hex", "Lud", "Mor", "Rith", "Sten", "Thorn", "Wend")
TAIL = ("bury", "ford", "ham", "ley", "mere", "stow", "thorpe", "wick", "worth", "by", "combe",
        "dale", "field", "gate", "holm", "hurst", "minster", "port", "stead", "ton", "vale",
        "well", "wold")
SUBGROUPS = ("Serious Violence Delivery Group", "Domestic Abuse Forum",
             "Anti-social Behaviour Sub-group", "Prevent Steering Group",
             "Reducing Reoffending Group", "Drugs and Alcohol Partnership Group",
             "Hate Crime Panel", "Modern Slavery Working Group", "Road Safety Group",
             "Youth Offending Management Board")
AREA_AGENCIES = ("{} Police", "{} Fire and Rescue Service", "{} County Council",
                 "NHS {} Integrated Care Board", "{} Probation Delivery Unit")
LOCAL_AGENCIES = ("{} District Council", "{} Homes", "{} Community Voluntary Service",
                  "{} Youth Service", "{} Neighbourhood Watch Association",
                  "{} Public Health Team", "{} Trading Standards")
PERIOD, START, END = "2030-31", date(2030, 4, 1), date(2031, 3, 31)
LOADED = datetime(2030, 4, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Shape:
    """What was generated: counts, and the names a benchmark may focus on."""

    partnerships: int
    areas: int
    documents: int
    facts: int
    triples: int
    partnership_names: tuple[str, ...]


class _Doc:
    """Facts of one synthetic document, each quoted from its own numbered line."""

    def __init__(self) -> None:
        self.facts: list[F.Fact] = []

    def src(self, text: str) -> F.Source:
        line = len(self.facts) + 1
        return F.Source(Span(line, line), text)

    def body(self, name: str, kind: F.BodyKind) -> None:
        self.facts.append(F.Body(self.src(name), name, kind))

    def chair(self, body: str, person: str) -> None:
        self.facts.append(F.Post(self.src(f"Chair: {person}"), body, F.Role.CHAIR, person))

    def relation(self, subject: str, rel: F.Relation, obj: str) -> None:
        self.facts.append(F.BodyRelation(self.src(f"{subject} {rel.value} {obj}"), subject,
                                         rel, obj))

    def member(self, body: str, agency: str) -> None:
        self.facts.append(F.Body(self.src(agency), agency, F.BodyKind.AGENCY))
        self.facts.append(F.Membership(self.src(f"Members include {agency}"), body, agency))


def _places(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct invented place names."""
    combos = [h + t for h in HEAD for t in TAIL]
    if n > len(combos):
        combos += [f"{x} {h}{t}" for x in ("Upper", "Lower", "Nether") for h in HEAD
                   for t in TAIL]
    return rng.sample(combos, n)


def build(partnerships: int = 300, areas: int | None = None, seed: int = 7
          ) -> tuple[Dataset, Shape]:
    """An in-memory dataset of ``partnerships`` synthetic partnership documents spread over
    ``areas`` force areas (default: one per 7.5 partnerships, as in England and Wales)."""
    rng = random.Random(seed)
    areas = areas or max(1, round(partnerships / 7.5))
    names = _places(rng, partnerships + areas)
    counties, towns = names[:areas], names[areas:]

    def person() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    ds = new_dataset()
    n_facts, seen_area = 0, set()
    for i, town in enumerate(towns):
        county = counties[i % areas]
        doc_id = f"synthetic-csp-{i + 1:04d}"
        csp = f"{town} Community Safety Partnership"
        board, panel = f"{county} Safer Communities Board", f"{county} Police and Crime Panel"
        doc = _Doc()
        doc.facts.append(F.DocumentInfo(
            doc.src(f"{csp} Plan {PERIOD}"), f"{csp} Plan {PERIOD} (synthetic)",
            F.PlanKind.PARTNERSHIP_PLAN, area=f"{county} (synthetic)", issuer=csp,
            period=PERIOD, start=START, end=END))
        doc.body(csp, F.BodyKind.PARTNERSHIP)
        doc.chair(csp, person())
        doc.relation(csp, F.Relation.REPORTS_TO, board)
        if county not in seen_area:  # the area's first plan sets out the board and panel
            seen_area.add(county)
            doc.body(board, F.BodyKind.BOARD)
            doc.chair(board, person())
            doc.body(panel, F.BodyKind.BOARD)
            doc.chair(panel, person())
            doc.relation(board, F.Relation.REPORTS_TO, panel)
        for group in rng.sample(SUBGROUPS, rng.randint(3, 6)):
            name = f"{town} {group}"
            doc.body(name, F.BodyKind.SUBGROUP)
            doc.chair(name, person())
            doc.relation(name, F.Relation.SUB_GROUP_OF, csp)
        pool = ([a.format(county) for a in AREA_AGENCIES]
                + [a.format(town) for a in LOCAL_AGENCIES])
        for agency in rng.sample(pool, rng.randint(5, 10)):
            doc.member(csp, agency)
        g = ds.graph(graph_iri(doc_id))
        emit_facts(g, doc_id, doc.facts)
        describe_load(g, doc_id, file_name=f"{doc_id}.txt", path=f"synthetic/{doc_id}.txt",
                      sha256=hashlib.sha256(doc_id.encode()).hexdigest(),
                      media_type="text/plain", loader_version="synthetic", when=LOADED)
        n_facts += len(doc.facts)
    shape = Shape(partnerships, areas, partnerships, n_facts, len(ds),
                  tuple(f"{t} Community Safety Partnership" for t in towns))
    return ds, shape
