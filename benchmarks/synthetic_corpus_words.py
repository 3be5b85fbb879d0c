"""Word pools for the SYNTHETIC corpus: invented places and people, themes, objectives.

Every place and surname is built from syllables chosen to sound English without naming
a real place; nothing here comes from the bundled samples. ``paraphrase`` re-words a
recommendation the way one partnership re-words another's (synonym swaps, reordering).
"""

from __future__ import annotations

import random
import re

PLACE_HEADS = ("Quel", "Varn", "Zell", "Brax", "Corv", "Dusk", "Elv", "Fyn", "Gryn", "Hask",
               "Ivel", "Jorv", "Krel", "Lorn", "Myr", "Nesk", "Orv", "Pryth", "Rusk", "Sorv",
               "Tyl", "Ulv", "Vex", "Wyv", "Yel", "Zor", "Thrap", "Glim", "Vorn", "Threx",
               "Dwy", "Frel", "Halv", "Yarv", "Perv", "Stry")
PLACE_TAILS = ("bridge", "mere", "holt", "stow", "ford", "wick", "dale", "field", "moor",
               "worth", "combe", "thorpe", "gate", "hurst", "wold", "haven", "brook", "cliffe")
COUNTY_TAILS = ("shire", "land", "mark", "vale")
FIRST = ("Ada", "Alun", "Bryn", "Cara", "Dafydd", "Edith", "Femi", "Greta", "Hari", "Ines",
         "Jonah", "Kezia", "Lorcan", "Maud", "Nia", "Osian", "Priya", "Quentin", "Rhian", "Sami",
         "Tomos", "Una", "Vikram", "Wren", "Xanthe", "Yusuf", "Zara", "Idris", "Morwen", "Cerys",
         "Emrys", "Farah", "Gethin", "Hollis", "Isla", "Jory", "Kit", "Lowri", "Mabli", "Nell",
         "Orla", "Piran", "Rosa", "Soren", "Tegan", "Ulric", "Vida", "Wilf", "Ysolde", "Zeb")
SUR_HEADS = ("Ash", "Brin", "Cor", "Dal", "Fen", "Gor", "Hart", "Kel", "Lin", "Mor", "Pen",
             "Rad", "Stan", "Thorn", "Wel", "Yar", "Bram", "Cal", "Dun", "Ell")
SUR_TAILS = ("by", "croft", "ley", "mont", "ridge", "ton", "well", "wood", "wick", "ham",
             "stone", "cott")
HONORIFICS = ("", "", "", "Dr ")
JOB_TITLES = ("Director of Public Health", "Head of Community Safety", "Chief Superintendent",
              "Assistant Chief Officer", "Director of Communities", "Service Manager",
              "Head of Probation Delivery", "Cabinet Member for Communities",
              "Chief Executive", "Strategic Lead for Safeguarding")

# (priority name, aim, topics the actions and recommendations of that theme speak of)
THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Serious Violence", "To work in partnership to understand how violence affects communities "
     "and to prevent and reduce serious violence.",
     ("knife crime", "the serious violence duty", "violence hotspots", "weapon sweeps")),
    ("Domestic Abuse", "To intervene early to prevent or reduce repeat experiences of domestic "
     "abuse.", ("repeat victims of domestic abuse", "domestic homicide reviews",
                "perpetrator programmes", "the risk assessment conference")),
    ("Anti-social behaviour", "To increase community confidence through the prevention and "
     "reduction of anti-social behaviour.", ("repeat locations for anti-social behaviour",
                                             "community triggers", "problem solving groups",
                                             "youth diversion")),
    ("Reducing Reoffending", "For partners to support change in individuals so that their risk "
     "of reoffending reduces.", ("integrated offender management", "unpaid work placements",
                                 "prison leavers", "accommodation for offenders")),
    ("Exploitation and Serious Organised Crime", "For partners to identify, prevent and support "
     "those at risk of exploitation.", ("county lines", "child criminal exploitation",
                                       "organised crime groups", "the exploitation dashboard")),
    ("Combating Drugs and Alcohol Misuse", "To prevent and reduce the harms caused by substance "
     "misuse.", ("drug related deaths", "treatment referrals", "drug safety alerts",
                 "licensed premises")),
    ("Violence Against Women and Girls", "To prevent and reduce violence against women and "
     "girls in public and private spaces.", ("safe spaces", "street harassment",
                                             "stalking cases", "bystander training")),
    ("Hate Crime", "To increase reporting of hate crime and support the victims of hate.",
     ("third party reporting centres", "community tensions", "hate incident reports",
      "faith groups")),
    ("Neighbourhood Crime", "To reduce burglary, vehicle crime and theft in our "
     "neighbourhoods.", ("burglary hotspots", "vehicle crime", "shop theft", "cycle theft")),
    ("Road Safety", "To reduce the number of people killed or seriously injured on our roads.",
     ("speeding complaints", "collision data", "young drivers", "school streets")),
    ("Fraud and Cyber Crime", "To protect residents and businesses from fraud and online harm.",
     ("doorstep fraud", "online scams", "romance fraud", "cyber security advice")),
    ("Modern Slavery", "To identify and support victims of modern slavery and disrupt "
     "offenders.", ("labour exploitation", "car wash inspections", "victim referrals",
                    "supply chain checks")),
    ("Youth Violence", "To divert young people from violence and into positive activities.",
     ("youth outreach", "school exclusions", "mentoring schemes", "detached youth work")),
    ("Preventing Extremism", "To safeguard people at risk of radicalisation.",
     ("radicalisation referrals", "online extremism", "the channel process",
      "community cohesion")),
    ("Safer Night-time Economy", "To keep residents and visitors safe in the evening and "
     "night-time economy.", ("late night venues", "street pastors", "taxi marshals",
                             "drink spiking")),
)
# Objectives of Police and Crime Plans and council plans: no one's content words within another's.
PCP_OBJECTIVES = ("Prevent and tackle crime.", "Deliver justice for victims.",
                  "Protect vulnerable and at-risk people.", "Improve public confidence in "
                  "policing.", "Cut reoffending by prolific offenders.", "Make our roads "
                  "safer.", "Tackle rural and wildlife offences.", "Disrupt organised criminal "
                  "networks.", "Keep young people away from harm.", "Answer calls for service "
                  "quickly.", "Support partnership working with councils.", "End violence "
                  "against women and girls.")
COUNCIL_OBJECTIVES = ("Make our neighbourhoods an even better place to call home.",
                      "Enable more adults to live longer and happier lives.",
                      "Support children to make the best start in life.",
                      "Grow a fair and inclusive local economy.",
                      "Tackle inequality across every ward.",
                      "Listen to residents and act on what they say.",
                      "Keep streets clean and green.")
COUNCIL_PLAN_WORDS = ("Thriving", "Together", "Brighter", "Stronger", "Greener", "Fairer")
STRANDS = (("Prevent", "prevent people from causing harm within our communities."),
           ("Pursue", "detect, disrupt and prosecute those who cause harm."),
           ("Protect", "recognise the causes of harm and identify measures to reduce risk."),
           ("Prepare", "mitigate the impact on our communities where harm occurs."))
ACTION_VERBS = ("Work with partners to improve", "Use the partnership dashboard to target",
                "Continue to develop a response to", "Implement a local plan for",
                "Raise awareness of", "Deliver training to frontline staff on",
                "Review the arrangements for", "Commission specialist support for",
                "Monitor and report on", "Map current services for")
# What a recommendation asks for, and the verbs that fit it.
REC_OBJECTS: dict[str, tuple[str, ...]] = {
    "the referral pathway for {t}": ("Review", "Improve", "Strengthen", "Develop"),
    "data sharing about {t}": ("Improve", "Strengthen", "Establish", "Review"),
    "a multi agency approach to {t}": ("Develop", "Establish", "Consider", "Explore"),
    "local intelligence on {t}": ("Improve", "Strengthen", "Review"),
    "the partners response to {t}": ("Review", "Improve", "Strengthen"),
    "specialist support linked to {t}": ("Commission", "Explore", "Consider"),
    "the performance framework for {t}": ("Review", "Develop", "Improve"),
    "the work on {t}": ("Continue", "Review"),
    "an independent review of {t}": ("Commission", "Consider"),
}
QUALIFIERS = ("across {p}", "in {p} town centre", "with housing providers in {p}",
              "for residents of {p}", "within the {p} partnership area",
              "across the wider county", "with the voluntary sector",
              "before the next strategic assessment", "with schools and colleges in {p}")
SUB_GROUPS = ("Domestic Abuse Forum", "Reducing Reoffending Strategy Group",
              "Prevent Strategy Group", "Substance Misuse Oversight Group",
              "Hate Incident Panel", "Serious Violence Delivery Group",
              "Exploitation Steering Group", "Road Safety Group")
LEAD_AGENCIES = ("{p} Borough Council", "{f} Police", "Probation", "{p} Public Health",
                 "{f} Fire and Rescue Service", "{p} Youth Justice Service",
                 "{c} County Council")
MONTHS = ("April", "May", "June", "July", "September", "October", "December", "January",
          "March")
# Synonym swaps a re-wording partnership makes; every verb above is a key, so each
# near-duplicate has at least one.
SYNONYMS = {"Continue": "Carry on with", "Review": "Re-examine", "Explore": "Investigate",
            "Develop": "Build", "Improve": "Enhance", "Commission": "Procure",
            "Strengthen": "Reinforce", "Consider": "Look at", "Establish": "Set up",
            "referral pathway": "referral route", "data sharing": "information sharing",
            "multi agency": "joined-up", "local intelligence": "community intelligence",
            "partners response": "partnership response", "specialist support": "dedicated help",
            "performance framework": "performance measures", "work on": "activity on",
            "independent review": "external review", "residents": "people living",
            "across": "throughout", "wider": "whole"}


def place_names(rng: random.Random, n: int, tails: tuple[str, ...] = PLACE_TAILS,
                taken: set[str] | None = None) -> list[str]:
    """``n`` distinct invented place names, none in ``taken`` (which is updated)."""
    taken = set() if taken is None else taken
    pool = [h + t for h in PLACE_HEADS for t in tails if h + t not in taken]
    if len(pool) < n:
        raise ValueError(f"only {len(pool)} place names left for {n}; add syllables")
    names = rng.sample(pool, n)
    taken.update(names)
    return names


def person(rng: random.Random, honorifics: tuple[str, ...] = HONORIFICS) -> str:
    """An invented person: optional honorific, first name, syllable surname."""
    sur = rng.choice(SUR_HEADS) + rng.choice(SUR_TAILS)
    return f"{rng.choice(honorifics)}{rng.choice(FIRST)} {sur}"


def rec_text(verb: str, obj: str, qual: str) -> str:
    """A recommendation sentence from its parts."""
    return f"{verb} {obj} {qual}."


def paraphrase(verb: str, obj: str, qual: str, place: str, own_place: str,
               rng: random.Random) -> tuple[str, list[str]]:
    """A recommendation re-worded by another partnership: its place swapped for
    ``own_place``, one to three synonym swaps, sometimes the qualifier moved to the front.
    Returns (text, edits made)."""
    edits: list[str] = []
    if place in qual:
        qual = qual.replace(place, own_place)
        edits.append(f"place: {place} -> {own_place}")
    parts = [verb, obj, qual]
    swaps = [(i, k) for i, part in enumerate(parts) for k in SYNONYMS
             if re.search(rf"\b{re.escape(k)}\b", part)]
    for i, key in rng.sample(swaps, min(len(swaps), rng.randint(1, 3))):
        parts[i] = re.sub(rf"\b{re.escape(key)}\b", SYNONYMS[key], parts[i], count=1)
        edits.append(f"synonym: {key} -> {SYNONYMS[key]}")
    verb, obj, qual = parts
    if rng.random() < 0.5:
        edits.append("reordered: qualifier first")
        return f"{qual[0].upper()}{qual[1:]}, {verb[0].lower()}{verb[1:]} {obj}.", edits
    return rec_text(verb, obj, qual), edits
