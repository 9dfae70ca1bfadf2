"""Counted claims: "at least 18 members of the security forces were killed, officials said".

Read from the dependency parse, one number at a time:

1. a cheap test picks the sentences worth reading (a number-like token, a vague quantity
   word, or a casualty word for the singular and zero forms "a man was killed",
   "no one was hurt");
2. each number span is read with its qualifier (``numbers``), dropping what is not a count
   of people (dates, times, money, percentages, ages, measures, rankings);
3. the counted noun is the number's head (``nummod``), the object of its "of"
   ("dozens of rioters", "18 members of the police"), or the number itself when the noun is
   left out ("and 748 injured");
4. the measure comes from the predicate that the noun is an argument of ("were killed",
   "died", "arrested", "are in intensive care", "numbers about 2,500"), or from the noun
   itself ("12 deaths"); no measure, no claim;
5. the subject is a normalised class of the counted head ("security forces", "troops",
   "protesters", "people", "children");
6. the attribution is the subject of the reporting verb above the predicate ("officials
   said", "the ministry said that", "said police spokeswoman X", "State television
   reported"), an "according to" phrase, or, failing both, the speaker of the previous
   sentence when that one reported something;
7. the date: a date mentioned in the sentence, else the publication date.

Counts written without a numeral are read too: one person ("a man was killed", "Rangel
died"), names listed with their ages ("Ann Lee, 31, Tom Ray, 19, and ..."), "a couple", "his
sons, ages 3 and 4", and a person counted as the Nth ("a fifth victim was found": five at
least were hit, the dead possibly among them).
"""

from __future__ import annotations

import bisect
import re

from ..records import ClaimRecord, DocRecord
from . import component
from .numbers import QUALIFIERS, SCALES, TENS, UNITS, VAGUE, Quantity, is_number_word, parse_quantity

# ---------------------------------------------------------------- word classes

#: Predicate lemmas (verbs, adjectives, nouns) -> measure.
MEASURE_WORDS: dict[str, str] = {}
for _m, _words in {
    "KILL": "kill die dead death slay murder eliminate liquidate execute perish fatality fatal succumb "
    "behead massacre slaughter deceased",
    "WOUND": "injure wound hurt injury injured wounded casualty",
    "ARREST": "arrest detain apprehend jail imprison custody detention detainee",
    "HOSPITALIZE": "hospitalize hospitalise hospitalization hospital",
    "DEPLOY": "deploy send dispatch station mobilize mobilise mass airlift",
    "PROTEST": "gather rally protest march demonstrate assemble",
    "DISPLACE": "displace flee uproot",
    "EVACUATE": "evacuate evacuation",
    "KIDNAP": "kidnap abduct hostage",
    "AFFECT": "affect",
}.items():
    for _w in _words.split():
        MEASURE_WORDS[_w] = _m

#: Subject suffix of a count of people shot (WOUND), who may include the dead.
SHOT_SUFFIX = "shot"
#: Measure verbs whose subject is the one counted ("18 died", "200 gathered").
INTRANSITIVE = {
    "die",
    "perish",
    "gather",
    "rally",
    "protest",
    "march",
    "demonstrate",
    "assemble",
    "flee",
    "number",
    "total",
    "remain",
    "be",
    "succumb",
    "pass",
}
#: "shot": wounded unless the clause also says the person died.
SHOOT = {"shoot"}
#: Words saying a shooting was fatal ("shot dead", "fatally shot", "shot to death").
FATAL = {"dead", "fatally", "mortally", "death", "kill", "die", "fatal"}

#: Verbs of saying: their subject is who gave the figure.
REPORT_VERBS = {
    "say",
    "tell",
    "report",
    "announce",
    "state",
    "confirm",
    "add",
    "claim",
    "estimate",
    "write",
    "tweet",
    "note",
    "indicate",
    "put",
    "quote",
    "cite",
    "according",
    "count",
    "disclose",
    "reveal",
    "declare",
    "explain",
    "post",
}

#: Person-group heads by class; the first class that any word of the noun phrase hits wins.
SUBJECT_CLASSES: list[tuple[str, set[str]]] = [
    (
        "security forces",
        {
            "police",
            "policeman",
            "policemen",
            "policewoman",
            "officer",
            "security",
            "guard",
            "guardsman",
            "guardsmen",
            "law",
            "enforcement",
            "deputy",
            "trooper",
            "agent",
            "gendarme",
            "cop",
            "constable",
            "personnel",
        },
    ),
    (
        "protesters",
        {
            "protester",
            "protestor",
            "demonstrator",
            "rioter",
            "assailant",
            "militant",
            "insurgent",
            "attacker",
            "terrorist",
            "bandit",
            "looter",
            "gunman",
            "gunmen",
            "rebel",
            "extremist",
            "fighter",
            "radical",
            "crowd",
            "marcher",
        },
    ),
    (
        "troops",
        {
            "troop",
            "soldier",
            "serviceman",
            "servicemen",
            "paratrooper",
            "force",
            "peacekeeper",
            "military",
            "army",
            "marine",
            "contingent",
            "sailor",
            "airman",
        },
    ),
    ("children", {"child", "children", "kid", "toddler", "infant", "baby"}),
    (
        "people",
        {
            "people",
            "person",
            "civilian",
            "victim",
            "resident",
            "man",
            "men",
            "woman",
            "women",
            "boy",
            "girl",
            "teen",
            "teenager",
            "student",
            "other",
            "bystander",
            "adult",
            "individual",
            "worker",
            "passenger",
            "family",
            "member",
            "youth",
            "customer",
            "patient",
            "pedestrian",
            "inmate",
            "prisoner",
            "suspect",
            "relative",
            "male",
            "female",
            "juvenile",
            "minor",
            "youngster",
            "senior",
            "occupant",
            "driver",
        },
    ),
]
_CLASS_OF = {w: c for c, ws in SUBJECT_CLASSES for w in ws}
#: Classes that a deployment or a crowd can count.
GROUP_CLASSES = {"security forces", "troops", "protesters", "people"}
#: Heads that are counted things, never people.
THINGS = {
    "shot",
    "round",
    "bullet",
    "time",
    "car",
    "vehicle",
    "building",
    "home",
    "house",
    "day",
    "hour",
    "minute",
    "week",
    "month",
    "year",
    "mile",
    "foot",
    "feet",
    "percent",
    "dollar",
    "cent",
    "point",
    "weapon",
    "gun",
    "rifle",
    "pistol",
    "case",
    "charge",
    "count",
    "wound",
    "incident",
    "shooting",
    "attack",
    "block",
    "street",
    "city",
    "town",
    "location",
    "site",
    "shell",
    "casing",
    "grenade",
    "bomb",
    "carrier",
    "tank",
    "helicopter",
    "plane",
    "unit",
    "page",
    "story",
    "photo",
    "video",
    "rupee",
    "euro",
    "pound",
    "yard",
    "meter",
    "kilometer",
    "degree",
    "game",
    "season",
    "goal",
    "vote",
    "seat",
    "job",
    "school",
    "office",
    "number",
    "amount",
    "order",
    "letter",
    "paper",
    "center",
    "corner",
    "border",
    "power",
    "computer",
    "trigger",
    "matter",
    "water",
    "river",
    "chamber",
    "quarter",
    "counter",
    "monitor",
    "motor",
    "error",
    "floor",
    "door",
    "sector",
    "department",
    "moment",
    "event",
    "statement",
    "investment",
    "government",
    "settlement",
    "tournament",
}
#: Heads through which the counted group is named ("18 members of the police").
PARTITIVE = {
    "member",
    "number",
    "group",
    "total",
    "dozen",
    "score",
    "hundred",
    "thousand",
    "ten",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "some",
    "all",
    "most",
    "many",
    "none",
    "several",
    "couple",
    "pair",
    "handful",
    "team",
    "unit",
    "contingent",
    "batch",
    "crowd",
    "personnel",
    "staff",
    "million",
    "of",
}
SINGULAR_DETS = {"a", "an", "one", "another", "the"}
POSSESSIVES = {"his", "her", "their", "its", "my", "our", "your"}
#: Family and social relations: a person counted through someone else ("killed his wife").
RELATIONS = {
    "wife",
    "husband",
    "son",
    "daughter",
    "mother",
    "father",
    "girlfriend",
    "boyfriend",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "grandchild",
    "grandfather",
    "grandmother",
    "parent",
    "stepson",
    "stepdaughter",
    "stepfather",
    "stepmother",
    "fiance",
    "fiancee",
    "friend",
    "neighbor",
    "neighbour",
    "classmate",
    "cousin",
    "nephew",
    "niece",
    "uncle",
    "aunt",
    "roommate",
    "coworker",
    "sophomore",
    "freshman",
    "grader",
    "partner",
    "spouse",
    "ex",
}
DROP_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
BE_LIKE = {
    "be",
    "remain",
    "lie",
    "stay",
    "leave",
    "report",
    "confirm",
    "list",
    "find",
    "declare",
    "pronounce",
    "rush",
    "take",
    "transport",
    "treat",
    "admit",
    "airlift",
    "send",
    "fly",
    "put",
    "bring",
    "carry",
    "drive",
    "hospitalize",
}
#: Verbs whose object names what befell the subject ("suffered non-life-threatening injuries").
SUFFER = {"suffer", "sustain", "receive", "have", "incur", "survive"}
INJURY_WORDS = {"injury", "wound", "gunshot", "graze"}
HOSPITAL_WORDS = {"hospital", "care", "icu", "clinic", "infirmary", "ward"}

_CHEAP = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"dozens?|scores|several|multiple|numerous|a|an|another|no|nobody|none|both)\b|"
    r"kill|dead|die|death|fatal|shot|shoot|wound|injur|hurt|hospital|arrest|detain|"
    r"evacuat|displac|kidnap|abduct|deploy",
    re.I,
)


_NUMBER_WORDS = frozenset(w for w in (*UNITS, *TENS, *SCALES) if is_number_word(w)) | {
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "tens",
    "several",
    "multiple",
    "numerous",
}


def _is_num(t) -> bool:
    return t.like_num or t.lower_ in _NUMBER_WORDS


def _number_spans(sent) -> list[tuple[int, int]]:
    """(start, end) token index spans of the numbers written in a sentence."""
    spans = []
    i, end = sent.start, sent.end
    doc = sent.doc
    while i < end:
        t = doc[i]
        if not _is_num(t) or (
            t.lower_ == "one" and i > 0 and doc[i - 1].lower_ in ("no", "every", "any", "each")
        ):
            i += 1
            continue
        j = i + 1
        while j < end:
            n = doc[j]
            if _is_num(n):
                j += 1
            elif (
                n.text in ("-", "\u2013", "to", "and")
                and j + 1 < end
                and _is_num(doc[j + 1])
                and parse_quantity(doc[i : j + 2].text) is not None
            ) or (
                n.lower_ == "of"
                and j + 1 < end
                and doc[j + 1].lower_ in ("thousands", "millions")
                and doc[j - 1].lower_ in ("tens", "hundreds")
            ):
                j += 2
            else:
                break
        if parse_quantity(doc[i:j].text) is not None:
            spans.append((i, j))
        i = j
    return spans


def _qualifier(doc, start: int, sent_start: int) -> str | None:
    """The qualifier phrase written just before token `start` ("at least", "about")."""
    for n in (3, 2, 1):
        if start - n < sent_start:
            continue
        phrase = " ".join(t.lower_ for t in doc[start - n : start])
        if phrase in QUALIFIERS:
            return phrase
    return None


def _excluded(doc, s: int, e: int) -> bool:
    """Numbers that are not counts of people: dates, money, ages, measures, rankings, ids."""
    span = doc[s:e]
    last = doc[e - 1]
    if any(t.ent_type_ in DROP_ENTS for t in span):
        return True
    if last.ent_type_ == "DATE" and not (last.lower_ in VAGUE or _CLASS_OF.get(last.head.lemma_.lower())):
        return True
    after = doc[e : e + 4]
    nxt = " ".join(t.lower_ for t in after)
    if re.match(
        r"^(-\s*)?(years?|yr|months?|weeks?|days?|times|rounds|shots|bullets|yards?|yds|feet|ft|"
        r"miles?|meters?|metres?|inch(?:es)?|mph|caliber|calibre|mm)\b|^(/|yo\b|y/o|"
        r"%|percent|per cent|cents?|dollars?|"
        r"-\s*(year|month|week|day)|-\s*\d|st\b|nd\b|rd\b|th\b|am\b|pm\b|a\.m|p\.m|o'clock|:)",
        nxt,
    ):
        return True
    before = doc[s - 1] if s > 0 else None
    if before is not None and before.text in (
        "$",
        "\u20ac",
        "\u00a3",
        "#",
        "No.",
        "No",
        "Route",
        "Highway",
        "number",
        "No.:",
    ):
        return True
    k = s - 1
    while k >= 0 and (doc[k].like_num or doc[k].lower_ in (",", "and", "to", "-")):
        k -= 1  # "ages 25, 26, and 33"
    if k >= 0 and doc[k].lower_ in ("age", "ages", "aged"):
        return True
    if re.match(r"^\d{4}$", last.text) and 1800 <= int(last.text) <= 2100:
        return True
    if re.match(r"^\d{3}-\d{4}$|^\d{5,}$|^911$", span.text):
        return True  # phone numbers, the emergency number
    # "Nazarbayev, 81," / "Garcia, 19, of Las Vegas": an age set off after a name
    if last.dep_ in ("appos", "npadvmod", "amod") and last.head.pos_ == "PROPN":
        return True
    nxt_tok = doc[e] if e < len(doc) else None
    of_place = (
        nxt_tok is not None and nxt_tok.lower_ == "of" and e + 1 < len(doc) and doc[e + 1].pos_ == "PROPN"
    )
    # the word that sets the number off, past an "also" ("another woman, also 22, was shot")
    aside = doc[s - 2] if before is not None and before.lower_ == "also" and s >= 2 else before
    if (
        aside is not None
        and (aside.text == "," or aside.lower_ == "both")
        and (nxt_tok is None or nxt_tok.text in (",", ")", ".", ";") or of_place)
    ):
        return True  # "The man, 28, later died", "Garcia, 19, of Elko"
    if (
        before is not None
        and before.text == ","
        and s >= 2
        and doc[s - 2].ent_type_ == "PERSON"
        and last.dep_ != "nummod"
    ):
        return True  # "Calvin Williams, 24 was shot"
    # station and channel names: "KOIN 6", "News 4"
    return (
        before is not None
        and before.pos_ == "PROPN"
        and s - 1 > 0
        and (nxt_tok is None or nxt_tok.pos_ in ("PUNCT", "PROPN"))
    )


def _counted(doc, s: int, e: int):
    """(argument token, head noun naming the group, kind) for the number span s..e."""
    num = doc[e - 1]
    for t in doc[s:e]:
        if t.dep_ == "nummod" and t.head.i >= e:
            num = t
            break
    kind = "event"
    if num.head.lower_ == "strong" and num.head.head.pos_ in ("NOUN", "PROPN"):
        return num.head.head, num.head.head, "capacity"
    if (
        num.dep_ in ("nummod", "quantmod")
        and num.head.pos_ in ("NOUN", "PROPN", "PRON")
        and num.head.i != num.i
    ):
        arg = num.head
    else:
        arg = num
    # "353 police and security forces personnel": the number sits on a modifier of the noun
    while arg.dep_ in ("nmod", "compound") and arg.head.pos_ in ("NOUN", "PROPN") and arg.head.i > arg.i:
        arg = arg.head
    head = arg
    # "18 members of the police", "dozens of rioters"
    for _ in range(2):
        if head.lemma_.lower() in PARTITIVE or head.i == num.i:
            ofs = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "among")]
            objs = [p for o in ofs for p in o.children if p.dep_ == "pobj"]
            if objs:
                head = objs[0]
                continue
        break
    return arg, head, kind


def _np_words(head) -> list:
    """The head noun with its compounds, modifiers and conjuncts (for the subject class)."""
    words = [head]
    for c in head.children:
        if c.dep_ in ("compound", "amod", "nmod", "conj", "poss"):
            words.append(c)
            words.extend(g for g in c.children if g.dep_ in ("compound", "amod"))
    return words


def _subject(head, arg) -> tuple[str | None, str]:
    """(class, display subject) for the counted head; class None when it is not a person group."""
    if (
        head.pos_ == "NUM"
        or head.lower_ in ("dozens", "scores", "hundreds", "thousands", "several")
        or head.like_num
        or head.pos_ == "PRON"
    ):
        return "people", "people"
    words = _np_words(head)
    if head.i != arg.i:
        words += _np_words(arg)
    lemmas = [w.lemma_.lower() for w in words] + [w.lower_ for w in words]
    for cls, vocab in SUBJECT_CLASSES:
        if any(lem in vocab for lem in lemmas):
            return cls, cls
    lem = head.lemma_.lower()
    if _aged(head) or head.lower_ in ("another", "he", "she", "him", "her") or head.ent_type_ == "PERSON":
        return "people", "people"
    if (
        lem in THINGS
        or head.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "PRODUCT")
        or head.pos_ not in ("NOUN", "PROPN")
    ):
        return None, lem
    if re.search(r"-year-old$|olds?$", head.lower_):
        return "people", "people"
    return "other", head.lower_


def _measure_of(tok) -> str | None:
    m = MEASURE_WORDS.get(tok.lemma_.lower()) or MEASURE_WORDS.get(tok.lower_)
    if (
        m is None
        and tok.lemma_.lower() == "pass"
        and any(c.dep_ == "prt" and c.lower_ == "away" for c in tok.children)
    ):
        return "KILL"  # "passed away"
    if m == "HOSPITALIZE" and tok.pos_ == "NOUN" and tok.dep_ != "pobj":
        return None
    if m == "WOUND" and any(c.lemma_.lower() in ("fatally", "mortally") for c in tok.children):
        return "KILL"  # "fatally wounded"
    return m


def _shot_measure(verb) -> str:
    """KILL when a "shot" verb itself says the victim died ("shot dead", "fatally shot",
    "shot to death", "shot and killed"), else WOUND."""
    for c in verb.children:
        lem = c.lemma_.lower()
        if c.dep_ in ("advmod", "acomp", "oprd", "xcomp", "amod") and lem in FATAL:
            return "KILL"
        if c.dep_ == "prep" and any(p.lemma_.lower() == "death" for p in c.children):
            return "KILL"
        if (
            c.dep_ == "conj"
            and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children)
            and (lem in ("kill", "die") or any(g.lemma_.lower() in ("dead", "death") for g in c.children))
        ):
            return "KILL"  # "shot and killed", "shot ... and later pronounced dead"
    return "WOUND"


def _agent(t, h) -> bool:
    """True when `t` is the doer, not the counted victim: the active subject of "killed",
    "shot", "arrested" ("A man shot six people", "they had killed dozens")."""
    if t.dep_ != "nsubj" or h.pos_ != "VERB":
        return False
    lem = h.lemma_.lower()
    if lem in INTRANSITIVE:
        return False
    if any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves") for c in h.children):
        return False  # "the boy shot himself": the doer is the victim
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in h.children)
    return h.tag_ != "VBN" or perfect  # "12 killed" is a reduced passive: not an agent


def _negated(pred) -> bool:
    """True for an act said not to have happened or only meant: "did not mean to hurt him",
    "attempted murder of two men"."""
    if pred.pos_ == "NOUN" and any(c.lemma_.lower() in ("attempt", "attempted") for c in pred.children):
        return True  # "the attempted murders of five teenagers"
    for t in (pred, pred.head):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.i != pred.i and t.lemma_.lower() in ("mean", "try", "threaten", "plan", "want", "attempt"):
            return True
    return False


def _relative_agent(verb) -> bool:
    """True for an active relative clause whose subject is the relative pronoun: the noun it
    hangs on did the shooting ("a man who shot five people")."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in verb.children)


def _predicate(arg, num):
    """(measure, predicate token) for a counted argument, reading the parse around it: the noun
    itself ("12 deaths"), a reduced relative ("people arrested"), the verb it is an argument of
    ("were killed", "died", "are in intensive care", "numbers about 2,500"), then a relative
    clause ("a man who was shot")."""
    for t in (arg, num):
        m = _measure_of(t)
        if m and t.pos_ == "NOUN" and t.lemma_.lower() not in ("hospital",):
            if any(c.lower_ in ("attempted", "attempt") for c in t.children):
                return None, None
            return m, t
    later = []  # relative clauses and "a boy shot ...": only when the verb says nothing
    for c in arg.children:
        if c.dep_ == "relcl" or (c.dep_ == "acl" and c.lemma_.lower() in SHOOT):
            later.append(c)
        elif c.dep_ in ("acl", "amod", "appos", "acomp", "oprd"):
            m = _measure_of(c)
            if m:
                return m, c
    if arg.dep_ == "conj":  # "left a man dead and three others wounded": the participle hangs on the first
        for c in _first_conjunct(arg).children:
            if c.dep_ in ("acl", "amod") and c.i > arg.i and c.pos_ == "VERB" and _measure_of(c):
                return _measure_of(c), c
    m, pred = _governing(arg)
    if m or pred is not None:
        return m, pred
    for c in later:
        if _relative_agent(c):
            continue
        m = _measure_of(c)
        if m:
            return m, c
        if c.lemma_.lower() in SHOOT and c.pos_ == "VERB":
            return _shot_measure(c), c
    return None, None


def _uncertain(pred) -> bool:
    """True when the predicate is put as a question ("unclear whether he died", "could not say
    if anyone was hurt")."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in pred.children)


def _negative_prefix(tok) -> bool:
    """True for "non-fatal", "non fatal", "not fatal": the word is negated before it."""
    doc = tok.doc
    prev = [doc[i].lower_ for i in range(max(0, tok.i - 2), tok.i)]
    return bool(prev) and (prev[-1] in ("non", "not") or prev[-2:] == ["non", "-"])


def _care(verb, arg):
    """(measure, token) when a verb says its argument was hurt or taken to hospital:
    "suffered non-life-threatening injuries" (WOUND), "suffered fatal injuries" (KILL),
    "taken to area hospitals with injuries" (WOUND), "sent four people to the hospital"
    (HOSPITALIZE); else None."""
    lem = verb.lemma_.lower()
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i != arg.i]
    for o in objs:
        if lem in SUFFER and o.lemma_.lower() in INJURY_WORDS | {"injuries", "wounds"}:
            fatal = any(
                g.lemma_.lower() in ("fatal", "mortal", "deadly") and not _negative_prefix(g)
                for g in o.children
            )
            return ("KILL" if fatal else "WOUND"), o
    preps = [c for c in verb.children if c.dep_ == "prep"]
    injured = [
        p
        for c in preps
        if c.lower_ in ("with", "for")
        for p in c.children
        if p.dep_ == "pobj" and p.lemma_.lower() in INJURY_WORDS
    ]
    hosp = [
        p
        for c in preps
        if c.lower_ in ("to", "in", "at")
        for p in c.subtree
        if p.lemma_.lower() in HOSPITAL_WORDS
    ]
    if hosp and injured and lem in BE_LIKE:
        return "WOUND", injured[0]
    if hosp and lem in BE_LIKE and lem not in ("be", "remain", "lie", "stay", "leave", "find", "report"):
        return "HOSPITALIZE", hosp[0]
    return None


#: The states of a hurt person's "condition" ("in critical condition", "listed in stable condition").
CONDITIONS = {"critical", "serious", "stable", "fair", "good", "grave", "satisfactory", "guarded"}


def _condition(verb):
    """The "condition" token of "(is|remains|was listed) in critical condition" under a
    verb, else None: the person is hurt (and alive when the report is written)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if (
                    p.dep_ == "pobj"
                    and p.lemma_.lower() == "condition"
                    and any(a.lower_ in CONDITIONS for a in p.children if a.dep_ in ("amod", "compound"))
                ):
                    return p
    return None


def _governing(arg):
    """(measure, predicate) from the verb or adjective the counted argument depends on;
    (None, token) when the argument is the doer of the act, (None, None) when nothing counts
    or when the counted noun is the whole that a number takes a part of ("four of the five
    victims died": five is the group, four the dead)."""
    if (
        arg.dep_ == "pobj"
        and arg.head.lower_ == "of"
        and _is_num(arg.head.head)
        and any(c.dep_ == "nummod" and _is_num(c) for c in arg.children)
    ):
        return None, None
    t = arg
    for _ in range(5):
        if t.dep_ in ("ROOT",) or t.head.i == t.i:
            break
        if t.dep_ == "agent":
            return None, t  # "shot by another 5-year-old"
        if t.dep_ not in (
            "nsubj",
            "nsubjpass",
            "dobj",
            "conj",
            "appos",
            "attr",
            "pobj",
            "prep",
            "npadvmod",
            "dative",
            "oprd",
            "ccomp",
            "xcomp",
            "dep",
        ):
            break
        if t.dep_ == "pobj" and t.head.lower_ not in ("of", "among", "including"):
            break  # "hurt in one of those fires": not the counted
        h = t.head
        if t.dep_ in ("conj", "appos") and h.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            t = h  # "Three children and two adults were found dead"
            continue
        if h.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            m = _measure_of(h)
            lem = h.lemma_.lower()
            if t.dep_ in ("nsubj", "nsubjpass", "dobj") and h.pos_ == "VERB":
                found = _care(h, t)
                if found:
                    return found
            if (m or lem in SHOOT) and _agent(t, h):
                return None, h
            if m and not (h.pos_ == "NOUN" and m == "HOSPITALIZE"):
                if m == "DEPLOY" and t.dep_ == "nsubj" and lem in ("send", "deploy", "dispatch"):
                    return None, h  # the sender, not the sent
                return m, h
            if lem in SHOOT and h.pos_ == "VERB":
                if any(c.lemma_.lower() in ("fatally", "mortally") for c in arg.children):
                    return "KILL", h  # "four people were shot, three fatally"
                return _shot_measure(h), h
            if lem == "number" or lem == "total":
                subj = [c for c in h.children if c.dep_ == "nsubj"]
                cls = _subject(subj[0], subj[0])[0] if subj else None
                if cls not in GROUP_CLASSES:  # "the force sent ... numbers 2,500 soldiers"
                    cls = _subject(arg, arg)[0]
                if cls in ("troops", "security forces"):
                    return "DEPLOY", h
                if cls == "protesters":
                    return "PROTEST", h
            if lem in BE_LIKE or h.pos_ == "AUX":
                for c in h.children:
                    if c.i == t.i:
                        continue
                    if c.dep_ in ("acomp", "oprd", "attr", "xcomp", "ccomp", "conj", "dobj") and c.i > t.i:
                        m = _measure_of(c)
                        if m:
                            return m, c
                        if c.lemma_.lower() in SHOOT and c.pos_ == "VERB":  # "were found shot dead"
                            return _shot_measure(c), c
                    if c.dep_ == "prep":
                        objs = [p for p in c.subtree if p.lemma_.lower() in HOSPITAL_WORDS]
                        if objs and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
                            return "HOSPITALIZE", objs[0]
                cond = _condition(h)
                if cond is not None and t.dep_ in ("nsubj", "nsubjpass"):
                    return "WOUND", cond  # "a woman is in critical condition"
            if h.pos_ == "NOUN" and t.dep_ != "pobj":
                break
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "dative"):
            break
        t = h
    return None, None


def _phrase(tok) -> str:
    """A compact name phrase for a speaker token: its compounds and "of"/"for" modifiers,
    without relative clauses, appositions or what follows a comma."""
    keep = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "case", "nmod", "prep", "pobj", "det", "flat") and not (
                c.dep_ == "prep" and c.lower_ not in ("of", "for", "in", "at")
            ):
                keep.add(c.i)
                stack.append(c)
    doc = tok.doc
    lo, hi = min(keep), max(keep)
    toks = [t for t in doc[lo : hi + 1] if t.i in keep or lo < t.i < hi]
    out = []
    for t in toks:
        if t.text == "," and t.i > tok.i:
            break
        out.append(t)
    while out and out[0].lower_ in ("the", "a", "an", "'s"):
        out = out[1:]
    text = doc[out[0].i : out[-1].i + 1].text if out else tok.text
    return re.sub(r"\s+", " ", text).strip(" ,")


def _speaker(verb, doc, mentions_before) -> str | None:
    """Who the reporting verb says spoke."""
    if verb.lower_ == "according":
        for c in verb.children:
            for p in [c, *list(c.children)]:
                if p.dep_ == "pobj":
                    return _phrase(p)
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    agent = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if subj and subj[0].dep_ == "nsubjpass" and agent:
        subj = agent
    if not subj:
        h = verb.head
        if verb.dep_ in ("acl", "relcl", "advcl") and h.pos_ in ("NOUN", "PROPN"):
            return _phrase(h)
        if verb.dep_ in ("advcl", "xcomp", "conj") and h.i != verb.i:
            if h.lemma_.lower() in ("quote", "cite"):  # "agencies quoted a spokesman, saying ..."
                objs = [c for c in h.children if c.dep_ == "dobj"]
                if objs:
                    return _phrase(objs[0])
            return _speaker(h, doc, mentions_before) if h.lemma_.lower() in REPORT_VERBS else None
        return None
    s = subj[0]
    named = [c for c in s.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named:  # "The general secretary, Stanislav Zas, said"
        s = named[0]
    if s.lower_ in ("he", "she"):
        return mentions_before(s.i)
    if s.pos_ == "PRON":
        return None
    return _phrase(s)


def _reporting(t) -> bool:
    """A verb of saying that is not negated ("have not revealed")."""
    return (
        t.lemma_.lower() in REPORT_VERBS
        and t.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "neg" for c in t.children)
    )


def _attribution(pred, sent, mentions_before, lo: int, hi: int) -> tuple[str | None, bool]:
    """(speaker, found a reporting verb) for a predicate: the reporting verb above it, or an
    "according to" phrase in the sentence; only words between character offsets lo..hi count."""

    def inside(t) -> bool:
        return lo <= t.idx < hi

    chain = []
    t = pred
    while len(chain) < 8 and inside(t):
        chain.append(t)
        if t.head.i == t.i:
            break
        t = t.head
    for k, t in enumerate(chain):
        for c in t.children:
            if c.lower_ == "according" and inside(c):
                return _speaker(c, sent.doc, mentions_before), True
        if t.i == pred.i or not _reporting(t):
            continue
        # "Officials said A ...; the ministry said B": the parser hangs A under the second verb
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if t.i > pred.i and subj and subj[0].i > pred.i:
            earlier = [r for r in chain[k + 1 :] if _reporting(r) and r.i < pred.i]
            if earlier:
                t = earlier[0]
        return _speaker(t, sent.doc, mentions_before), True
    for t in sent:
        if t.lower_ == "according" and inside(t):
            return _speaker(t, sent.doc, mentions_before), True
    for t in sent:
        if _reporting(t) and t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "conj") and inside(t):
            sp = _speaker(t, sent.doc, mentions_before)
            if sp:
                return sp, True
    return None, False


def _scope(pred) -> str | None:
    """A place the figure is limited to: "in Almaty" on the predicate."""
    for c in pred.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "across"):
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC"):
                    ent = [e for e in p.doc.ents if e.start <= p.i < e.end]
                    return ent[0].text if ent else p.text
    return None


def _sentence_speaker(sent, mentions_before) -> str | None:
    """The speaker of a sentence's main reporting verb ("..., she said."), if it has one."""
    for t in sent:
        if _reporting(t) and t.pos_ == "VERB":
            sp = _speaker(t, sent.doc, mentions_before)
            if sp:
                return sp
    for t in sent:
        if t.lower_ == "according":
            return _speaker(t, sent.doc, mentions_before)
    return None


#: Person nouns by their ending ("eighth-grader", "bystander", "motorist", "trainee").
_PERSONISH = re.compile(r"(?:er|or|ist|ian|ee|man|woman|wife|son|daughter|mother|father)$")
_PRONOUNS = {"he", "she", "him", "her"}


def _aged(n) -> bool:
    """ "17-year-old", "9-month-old": an age standing for a person."""
    return n.lower_ == "old" and any(c.lemma_ in ("year", "month", "week", "day") for c in n.children)


def _person_head(n) -> bool:
    """True for a noun naming one person: a class word, "17-year-old", a person-like ending."""
    if _aged(n):
        return True
    if n.pos_ != "NOUN" or n.tag_ != "NN":
        return False
    lem = n.lemma_.lower()
    return bool(
        _CLASS_OF.get(lem)
        or lem in RELATIONS
        or re.search(r"-year-old$", lem)
        or (
            _PERSONISH.search(lem)
            and lem not in THINGS
            and lem not in MEASURE_WORDS
            and lem not in EVENT_NOUNS
            and not n.ent_type_
        )
    )  # not "the murder"


#: Ordinal words up to the twelfth ("a fifth victim").
ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}


def _ordinal(n) -> int:
    """N for a person counted as the Nth with an indefinite article ("a fifth victim", "an 8th
    teen"): N people at least were hit; 0 otherwise ("the second victim" names one of them)."""
    if n.lemma_.lower() in ("grader", "grade") or not any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children
    ):
        return 0  # "an eighth-grader": a school year
    for c in n.children:
        if c.dep_ == "amod" and c.i < n.i:
            w = c.lower_
            if w in ORDINALS:
                return ORDINALS[w]
            m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
            if m and int(m.group(1)) >= 2:
                return int(m.group(1))
    return 0


def _ages(n) -> int:
    """How many ages a plural noun lists after it ("his sons, ages 3 and 4": 2); 0 when none."""
    for c in n.children:
        if (
            c.dep_ in ("appos", "npadvmod", "amod")
            and c.lemma_.lower() in ("age", "ages", "aged")
            and c.i > n.i
        ):
            return sum(1 for w in c.subtree if w.like_num)
    return 0


def _singular(sent) -> list[tuple[int, Quantity]]:
    """Counts written without a number: one person named by a determiner or possessive ("a man
    was killed", "killed his wife", "the 19-year-old died"), a name or a pronoun ("Rangel died",
    "he was pronounced dead"), or none ("no one was hurt": 0)."""
    out = []
    for t in sent:
        w = t.lower_
        if w in ("no", "nobody", "none", "noone") or (w == "one" and t.i > 0 and t.nbor(-1).lower_ == "no"):
            tok = t if w != "no" else t.head
            if tok.dep_ not in ("nsubj", "nsubjpass") and w != "no":
                continue  # "hurt nobody": not a report of no victims
            if w == "no" and (
                t.dep_ != "det"
                or not (
                    tok.lower_ == "one"
                    or _CLASS_OF.get(tok.lemma_.lower())
                    or MEASURE_WORDS.get(tok.lemma_.lower())
                )
            ):
                continue
            out.append((tok.i, Quantity(0.0, 0.0, text="no " + tok.text if w == "no" else t.text)))
            continue
        one = False
        if w in _PRONOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "conj"):
            one = True
        elif w == "another" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "conj"):
            one = True  # "... and another was injured"
        elif w == "both" and t.dep_ in ("nsubj", "nsubjpass"):
            out.append((t.i, Quantity(2.0, 2.0, text=t.text)))  # "both died at the scene"
            continue
        elif (
            w == "both"
            and t.dep_ in ("det", "predet")
            and t.head.tag_ == "NNS"
            and _CLASS_OF.get(t.head.lemma_.lower())
        ):
            out.append((t.head.i, Quantity(2.0, 2.0, text=f"{t.text} {t.head.text}")))  # "Both men"
            continue
        elif (
            t.ent_type_ == "PERSON"
            and (t.i + 1 >= sent.end or t.nbor(1).ent_iob_ != "I")
            and (t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") or _named_apart(t))
        ):
            one = True
        elif (
            t.lemma_.lower() == "couple"
            and t.pos_ == "NOUN"
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
            and any(c.dep_ in ("det", "poss") and c.lower_ in SINGULAR_DETS | POSSESSIVES for c in t.children)
        ):
            out.append((t.i, Quantity(2.0, 2.0, text=t.text)))  # "a couple and their two children"
            continue
        elif t.tag_ == "NNS" and (ages_n := _ages(t)) >= 2:  # "his sons, ages 3 and 4"
            k = float(ages_n)
            ages = sent.doc[t.i + 1 : t.right_edge.i + 1].text.strip(", ")
            out.append((t.i, Quantity(k, k, text=f"{t.text}, {ages}")))
            continue
        elif _person_head(t) and (n := _ordinal(t)):  # "a fifth victim was found": five at least
            first = min([t.i] + [c.i for c in t.children if c.dep_ in ("det", "amod", "compound")])
            out.append(
                (t.i, Quantity(float(n), None, qualifier="at least", text=sent.doc[first : t.i + 1].text))
            )
            continue
        elif _person_head(t) and any(
            c.dep_ in ("det", "poss") and c.lower_ in SINGULAR_DETS | POSSESSIVES for c in t.children
        ):
            one = True
        if one:
            # "a father and daughter": bare coordinated person nouns are one more each
            extra = [
                c
                for c in t.children
                if c.dep_ == "conj"
                and _person_head(c)
                and not any(g.dep_ in ("det", "nummod", "poss") for g in c.children)
            ]
            k = 1.0 + len(extra)
            first = min([t.i] + [c.i for c in t.children if c.dep_ in ("det", "poss", "amod", "compound")])
            out.append((t.i, Quantity(k, k, text=sent.doc[first : t.i + 1].text)))
    return out


def _self_inflicted(sent, claims: list[tuple[ClaimRecord, object, object]]) -> bool:
    """True when the sentence says the killer also died by his own hand ("killed two people and
    then himself", "before turning the gun on herself") and he is not the one already counted."""
    for t in sent:
        if t.lower_ not in ("himself", "herself") and not (
            t.lower_ == "life" and any(c.lower_ == "own" for c in t.children)
        ):
            continue
        v = t.head
        while v.pos_ not in ("VERB",) and v.head.i != v.i:
            v = v.head
        if v.lemma_.lower() not in ("kill", "shoot", "turn", "take") and not (
            t.dep_ == "conj" and any(_measure_of(a) == "KILL" for a in t.ancestors)
        ):
            continue
        doer = v
        while (
            not any(c.dep_ == "nsubj" for c in doer.children)
            and doer.dep_ in ("advcl", "conj", "xcomp", "pcomp", "prep")
            and doer.head.i != doer.i
        ):
            doer = doer.head
        subj = (
            doer.head if doer.dep_ == "relcl" else next((c for c in doer.children if c.dep_ == "nsubj"), None)
        )
        victims = [arg for c, arg, _ in claims if c.measure == "KILL"]
        if any(arg.i == (subj.i if subj is not None else -1) for arg in victims):
            return False
        # only when the dead were the objects of the killer's act ("killed two people and himself")
        return any(a.dep_ == "dobj" or (a.dep_ == "conj" and a.head.dep_ == "dobj") for a in victims)
    return False


_PAST = re.compile(
    r"\b(?:last|previous|past) (?:year|decade|summer|spring|fall|autumn|winter|january|"
    r"february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"\byears? ago\b|\bdecades?\b",
    re.I,
)


#: Modifiers that set an event apart from the one reported ("a separate shooting").
APART = {"separate", "unrelated", "previous", "prior", "earlier", "similar", "other", "another"}
#: Events a modifier in APART can set apart.
EVENT_NOUNS = {
    "shooting",
    "incident",
    "attack",
    "homicide",
    "killing",
    "murder",
    "case",
    "slaying",
    "robbery",
    "crash",
    "accident",
    "stabbing",
}
#: Words that gather several events ("a string of shootings", "multiple shootings").
SERIES = {
    "series",
    "string",
    "spate",
    "rash",
    "wave",
    "number",
    "several",
    "multiple",
    "separate",
    "numerous",
    "various",
    "recent",
}
#: Totals over a city or a period rather than one event.
_TALLY = re.compile(
    r"\b(?:across|around|throughout) the city\b|\bcitywide\b|\bthis year\b|"
    r"\bover the (?:holiday )?weekend\b|\bover (?:a|an|the) (?:\S+ )?(?:span|stretch|period)\b",
    re.I,
)


def _elsewhere(sent) -> bool:
    """A sentence about other events: "in a separate shooting", "killed in a previous
    incident", or a tally over a city or a period ("shot across the city this year")."""
    if _TALLY.search(sent.text):
        return True
    for t in sent:
        if t.lemma_.lower() not in EVENT_NOUNS:
            continue
        if any(c.lower_ in APART and c.dep_ in ("amod", "det") for c in t.children):
            return True  # "in a separate shooting"
        if t.tag_ == "NNS" and (
            any(c.dep_ in ("nummod", "amod") and (c.like_num or c.lower_ in SERIES) for c in t.children)
            or (t.head.lower_ == "of" and t.head.head.lemma_.lower() in SERIES)
        ):
            return True  # "two shootings", "a series of shootings"
    return False


def _historical(dates: list[str], published: str | None) -> bool:
    """A sentence about an earlier event: one of its dates names a year before publication
    ("On Nov. 5, 2009, ...", "August 1982:") or says "last year", "years ago"."""
    year = int(published[:4]) if published and published[:4].isdigit() else None
    for text in dates:
        if _PAST.search(text):
            return True
        for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text):
            if year and int(y) < year:
                return True
    return False


def _named_apart(t) -> bool:
    """True for a name set after another name and an age, as the parser reads a list of people
    with their ages ("Ann Lee, 31, Tom Ray, 19, and ..."): two people."""
    h = t.head
    return (
        t.dep_ == "appos"
        and t.ent_type_ == "PERSON"
        and h.ent_type_ == "PERSON"
        and h.i < t.i
        and any(w.like_num and w.ent_type_ != "PERSON" for w in t.doc[h.i + 1 : t.i])
    )


def _first_conjunct(t):
    """The first of the coordinated words that `t` belongs to ("A" in "A, B and C"; names side
    by side count as coordinated)."""
    while (t.dep_ == "conj" or _named_apart(t)) and t.head.i != t.i:
        t = t.head
    return t


def _conjoined(a, b) -> bool:
    """True when two counted arguments are coordinated ("three children and two adults", "a
    man, his daughter and six grandchildren", "Ann Lee, 31, Tom Ray, 19, and Sue Fox")."""
    return (
        a.i != b.i
        and ("conj" in (a.dep_, b.dep_) or _named_apart(a) or _named_apart(b))
        and _first_conjunct(a).i == _first_conjunct(b).i
    )


def _anaphoric(arg) -> bool:
    """True for a mention of someone already named: a pronoun or "the boy"."""
    if arg.lower_ in _PRONOUNS or arg.lower_ in ("himself", "herself"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in arg.children)


def _part_of_group(arg) -> bool:
    """True for a count taken out of a group named before: "one of them", "two of whom",
    "both", "all", "one fatally"."""
    if arg.lower_ in ("both", "all"):
        return True
    if any(c.lemma_.lower() in ("fatally", "mortally") for c in arg.children):
        return True
    return any(c.lower_ == "of" and any(p.pos_ == "PRON" for p in c.children) for c in arg.children)


def _more_of(prev: tuple[ClaimRecord, object, object], c: ClaimRecord, arg) -> bool:
    """True when a count of the wounded adds "others" to the wounded counted just before in the
    sentence by another predicate ("Two people are in critical condition, four others were
    hurt"): the two figures are parts of one total."""
    p, parg, _ = prev
    return (
        c.measure == p.measure == "WOUND"
        and parg.i != arg.i
        and not (p.vague or c.vague)
        and None not in (p.low, p.high, c.low, c.high)
        and p.kind == c.kind == "event"
        and arg.lower_ in ("others", "other")
        and not any(w.lower_ == "of" for w in arg.subtree)
        and not p.subject.endswith(" " + SHOT_SUFFIX)
        and not c.subject.endswith(" " + SHOT_SUFFIX)
    )


#: How badly some of a group were hurt ("two critically"): a part of a count given before.
SEVERITY = {"critically", "seriously", "gravely", "severely", "slightly", "minorly", "superficially"}


def _graded_part(arg) -> bool:
    """True for a bare number graded by how badly its people were hurt ("four were shot, two
    critically"): a part of a group counted before, not a count of its own."""
    return arg.like_num and any(c.dep_ == "advmod" and c.lower_ in SEVERITY for c in arg.children)


def _killed_self(arg, pred) -> bool:
    """True for a pronoun counted as dead because it is the subject of "killed himself"."""
    return (
        arg.lower_ in _PRONOUNS
        and arg.dep_ == "nsubj"
        and arg.head.i == pred.i
        and any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself") for c in pred.children)
    )


def _combine(sent, found: list[tuple[ClaimRecord, object, object]]) -> list[ClaimRecord]:
    """One sentence's claims, with coordinated counts of one predicate summed ("Three children
    and two adults were found dead": 5) and the dead taken out of a count of people shot ("Four
    people were shot and one person killed": 3 wounded)."""
    out: list[tuple[ClaimRecord, object, object]] = []
    for c, arg, pred in found:
        prev = out[-1] if out else None
        if (
            prev
            and prev[2].i == pred.i
            and prev[0].measure == c.measure
            and _conjoined(prev[1], arg)
            and not (prev[0].vague or c.vague)
            and prev[0].low is not None
            and c.low is not None
        ):
            p = prev[0]
            nth = _ordinal(prev[1]) or _ordinal(arg)  # "a third man and a boy": 3 + 1 hit
            p.low = p.low + c.low
            p.high = p.high + c.high if p.high is not None and c.high is not None else None
            if nth:
                p.high, p.qualifier = p.low, None
            p.number_text = f"{p.number_text} and {c.number_text}"
            if p.subject != c.subject:
                shot = any(x.endswith(" " + SHOT_SUFFIX) for x in (p.subject, c.subject))
                p.subject = f"people {SHOT_SUFFIX}" if shot else "people"
            continue
        if prev and _more_of(prev, c, arg):
            p = prev[0]  # "two are in critical condition, four others hurt"
            p.low, p.high = p.low + c.low, p.high + c.high
            p.number_text = f"{p.number_text} and {c.number_text}"
            continue
        out.append((c, arg, pred))
    dead = [c for c, _, _ in out if c.measure == "KILL" and not c.vague and c.low is not None]
    selves = [c for c, arg, pred in out if c.measure == "KILL" and _killed_self(arg, pred)]
    victims = [
        c
        for c, arg, _ in out
        if c.measure == "KILL"
        and not c.vague
        and c.low is not None
        and (arg.dep_ == "dobj" or (arg.dep_ == "conj" and arg.head.dep_ == "dobj"))
    ]
    if len(selves) == 1 and victims:  # "killed his two sons before he killed himself"
        top = max(victims, key=lambda c: c.low)
        top.low += 1
        top.high = top.high + 1 if top.high is not None else None
        top.number_text += " and the killer"
        out = [x for x in out if x[0] is not selves[0]]
        dead = [c for c in dead if c is not selves[0]]
    elif dead and _self_inflicted(sent, out):
        top = max(dead, key=lambda c: c.low)
        top.low += 1
        top.high = top.high + 1 if top.high is not None else None
        top.number_text += " and the killer"
    killed = sum(c.low for c in dead if c.low)
    partitive = any(_part_of_group(arg) for c, arg, _ in out if c.measure == "KILL")
    claims = []
    for c, arg, pred in out:
        shot = pred.lemma_.lower() in SHOOT and c.measure == "WOUND"
        apart = any(w.lower_ in ("more", "other", "others", "else", "additional") for w in arg.subtree)
        if shot and killed and not apart and not c.vague and c.low is not None:
            if c.low > killed:  # "Four people were shot and one person killed"
                c.low -= killed
                c.high = c.high - killed if c.high is not None else None
            elif partitive or _anaphoric(arg):  # "both fatally"; "... after he shot himself"
                continue
            c.subject = c.subject.removesuffix(" " + SHOT_SUFFIX)  # now the wounded only
        claims.append(c)
    return claims


def _line(text: str, sent, at: int) -> tuple[int, int]:
    """Offsets of the part of a sentence on the same line as character `at` (a sentence the
    parser ran across a headline or a paragraph break is cut back to its line)."""
    lo = max(sent.start_char, text.rfind("\n", 0, at) + 1)
    nl = text.find("\n", at)
    hi = min(sent.end_char, nl if nl >= 0 else len(text))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _candidates(sdoc, sent) -> list[tuple[int, int, Quantity]]:
    """(start, end, quantity) of every count written in a sentence, in reading order."""
    cands = []
    for s, e in _number_spans(sent):
        if _excluded(sdoc, s, e):
            continue
        qual = _qualifier(sdoc, s, sent.start)
        q = parse_quantity(sdoc[s:e].text, qualifier=qual or "")
        if q is not None:
            cands.append((s, e, q))
    for i, q in _singular(sent):
        cands.append((i, i + 1, q))
    return sorted(cands, key=lambda c: c[0])


@component("claims")
def claims(sdoc, rec: DocRecord) -> None:
    """Fill rec.claims from the parse."""
    text = rec.document.text
    doc_id = rec.document.id
    person_ents = [(e.start, e.text) for e in sdoc.ents if e.label_ == "PERSON"]

    def mentions_before(i: int) -> str | None:
        prior = [name for s, name in person_ents if s < i]
        return prior[-1] if prior else None

    dates_by_sent: dict[int, str] = {}
    for d in rec.dates:
        if len(d.date) == 10:
            dates_by_sent.setdefault(d.sent, d.date)
    published = rec.document.published
    out: list[ClaimRecord] = []
    sents = list(sdoc.sents)
    starts = [s.start for s in sents]
    date_ents: dict[int, list[str]] = {}
    for e in sdoc.ents:
        if e.label_ == "DATE":
            date_ents.setdefault(bisect.bisect_right(starts, e.start) - 1, []).append(e.text)
    for si, sent in enumerate(sents):
        if not _CHEAP.search(sent.text) or _historical(date_ents.get(si, []), published) or _elsewhere(sent):
            continue
        found: list[tuple[ClaimRecord, object, object]] = []
        taken: set[int] = set()
        inherited: list[str | None] = []  # the previous sentence's speaker, read once
        last_class: tuple[str, str] | None = None
        for s, e, q in _candidates(sdoc, sent):
            if q.low == 0 and q.high == 0:
                arg = head = sdoc[s].head if sdoc[s].dep_ == "det" else sdoc[s]
                kind = "event"
            else:
                arg, head, kind = _counted(sdoc, s, e)
            if arg.i in taken:
                continue
            lo, hi = _line(text, sent, sdoc[s].idx)
            num = sdoc[e - 1]
            measure, pred = ("DEPLOY", arg) if kind == "capacity" else _predicate(arg, num)
            if measure is None or pred is None or _negated(pred) or _uncertain(pred) or _graded_part(arg):
                continue
            if q.low == 0 and q.high == 0 and measure not in ("KILL", "WOUND", "HOSPITALIZE", "ARREST"):
                continue
            if pred.lemma_.lower() in ("number", "total"):  # "the force would number about 2,500"
                head = next((c for c in pred.children if c.dep_ == "nsubj"), head)
            cls, subj = _subject(head, arg)
            if last_class and (head.pos_ == "NUM" or head.like_num or head.lower_ in ("other", "others")):
                cls, subj = last_class  # "18 ... killed and 748 injured"
            if (
                cls is None
                or (measure == "DEPLOY" and cls not in ("troops", "security forces"))
                or (measure == "PROTEST" and cls not in ("protesters", "people"))
            ):
                continue
            if measure in ("DEPLOY", "PROTEST") and q.low == 1 and q.high == 1 and not q.text[:1].isdigit():
                continue
            if measure == "HOSPITALIZE" and any(
                w.lemma_.lower() in ("intensive", "critical") for w in [*pred.subtree, *pred.head.children]
            ):
                subj = f"{subj} in intensive care"  # a part of the hospitalized, not the total
            taken.add(arg.i)
            last_class = (cls, subj)
            if measure == "WOUND" and (pred.lemma_.lower() in SHOOT or _ordinal(arg)):
                subj = f"{subj} {SHOT_SUFFIX}"  # hit by gunfire: the dead may be among them
            speaker, reported = _attribution(pred, sent, mentions_before, lo, hi)
            if not reported and si > 0:
                if not inherited:
                    inherited.append(_sentence_speaker(sents[si - 1], mentions_before))
                speaker = inherited[0]
            found.append(
                (
                    ClaimRecord(
                        id="",
                        doc=doc_id,
                        evidence=text[lo:hi],
                        start=lo,
                        end=hi,
                        measure=measure,
                        subject=subj,
                        low=q.low,
                        high=q.high,
                        approximate=q.approximate,
                        vague=q.vague,
                        attributed_to=speaker,
                        as_of=dates_by_sent.get(si, published),
                        qualifier=q.qualifier,
                        number_text=q.text,
                        scope=_scope(pred),
                        kind=kind,
                        sent=si,
                    ),
                    arg,
                    pred,
                )
            )
        out.extend(_combine(sent, found))
    for n, c in enumerate(out, start=1):
        c.id = f"{doc_id}#c{n}"
    rec.claims = out
