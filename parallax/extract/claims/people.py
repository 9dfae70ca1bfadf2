"""Step 3 for people: who a number counts and what befell them (killed, wounded, arrested,
deployed, ...), read from the predicate the counted noun is an argument of."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .grammar import aged, first_conjunct
from .lexicon import (
    BE_LIKE,
    CONDITIONS,
    FATAL,
    GROUP_CLASSES,
    HOSPITAL_WORDS,
    INJURY_WORDS,
    INTENT,
    INTRANSITIVE,
    MEASURE_WORDS,
    PARTITIVE,
    RATE_WORDS,
    SEVERITY,
    SHOOT,
    SUBJECT_CLASSES,
    SUFFER,
    THINGS,
    TOLL_NOUNS,
)
from .spans import is_num


def counted(doc: Doc, s: int, e: int) -> tuple[Token, Token, str]:
    """(argument token, head noun naming the group, kind) for the number span s..e."""
    num = doc[e - 1]
    for t in doc[s:e]:
        if t.dep_ == "nummod" and t.head.i >= e:
            num = t
            break
    kind = "event"
    if num.head.lower_ == "strong" and num.head.head.pos_ in ("NOUN", "PROPN"):
        return num.head.head, num.head.head, "capacity"
    nominal = num.head.pos_ == "ADJ" and measure_of(num.head) is not None  # "the 34 dead"
    if (
        num.dep_ in ("nummod", "quantmod")
        and (num.head.pos_ in ("NOUN", "PROPN", "PRON") or nominal)
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


def np_words(head: Token) -> list[Token]:
    """The head noun with its compounds, modifiers and conjuncts (for the subject class)."""
    out = [head]
    for c in head.children:
        if c.dep_ in ("compound", "amod", "nmod", "conj", "poss"):
            out.append(c)
            out.extend(g for g in c.children if g.dep_ in ("compound", "amod"))
    return out


def subject(head: Token, arg: Token) -> tuple[str | None, str]:
    """(class, display subject) for the counted head; class None when it is not a person group."""
    if (
        head.pos_ == "NUM"
        or head.lower_ in ("dozens", "scores", "hundreds", "thousands", "several")
        or head.like_num
        or head.pos_ == "PRON"
    ):
        return "people", "people"
    toks = np_words(head)
    if head.i != arg.i:
        toks += np_words(arg)
    lemmas = [w.lemma_.lower() for w in toks] + [w.lower_ for w in toks]
    for cls, vocab in SUBJECT_CLASSES:
        if any(lem in vocab for lem in lemmas):
            return cls, cls
    lem = head.lemma_.lower()
    if aged(head) or head.lower_ in ("another", "he", "she", "him", "her") or head.ent_type_ == "PERSON":
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


def measure_of(tok: Token) -> str | None:
    """The measure a predicate word names ("killed": KILL, "passed away": KILL), else None."""
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


def befalls(tok: Token) -> bool:
    """True for a word that says what befell people (killed, wounded, shot, arrested, ...)."""
    return measure_of(tok) is not None or tok.lemma_.lower() in SHOOT


def shot_measure(verb: Token) -> str:
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


def is_agent(t: Token, h: Token) -> bool:
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


def negated(pred: Token) -> bool:
    """True for an act said not to have happened or only meant: "did not mean to hurt him",
    "attempted murder of two men"."""
    if pred.pos_ == "NOUN" and any(c.lemma_.lower() in ("attempt", "attempted") for c in pred.children):
        return True  # "the attempted murders of five teenagers"
    for t in (pred, pred.head):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.i != pred.i and t.lemma_.lower() in INTENT:
            return True
    return False


def _relative_agent(verb: Token) -> bool:
    """True for an active relative clause whose subject is the relative pronoun: the noun it
    hangs on did the shooting ("a man who shot five people")."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in verb.children)


def predicate(arg: Token, num: Token) -> tuple[str | None, Token | None]:
    """(measure, predicate token) for a counted argument, reading the parse around it: the noun
    itself ("12 deaths"), a reduced relative ("people arrested"), the verb it is an argument of
    ("were killed", "died", "are in intensive care", "numbers about 2,500"), then a relative
    clause ("a man who was shot")."""
    for t in (arg, num):
        m = measure_of(t)
        nominal = t.pos_ == "ADJ" and t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")  # "the 34 dead"
        if m and (t.pos_ == "NOUN" or nominal) and t.lemma_.lower() not in ("hospital",):
            if any(c.lower_ in ("attempted", "attempt") for c in t.children):
                return None, None
            return m, t
    later = []  # relative clauses and "a boy shot ...": only when the verb says nothing
    for c in arg.children:
        if c.dep_ == "relcl" or (c.dep_ == "acl" and c.lemma_.lower() in SHOOT):
            later.append(c)
        elif c.dep_ in ("acl", "amod", "appos", "acomp", "oprd"):
            m = measure_of(c)
            if m:
                return m, c
    if arg.dep_ == "conj":  # "left a man dead and three others wounded": the participle hangs on the first
        for c in first_conjunct(arg).children:
            if c.dep_ in ("acl", "amod") and c.i > arg.i and c.pos_ == "VERB" and measure_of(c):
                return measure_of(c), c
    m, pred = _governing(arg)
    if m or pred is not None:
        return m, pred
    for c in later:
        if _relative_agent(c):
            continue
        m = measure_of(c)
        if m:
            return m, c
        if c.lemma_.lower() in SHOOT and c.pos_ == "VERB":
            return shot_measure(c), c
    return None, None


def uncertain(pred: Token) -> bool:
    """True when the predicate is put as a question ("unclear whether he died", "could not say
    if anyone was hurt")."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in pred.children)


def _negative_prefix(tok: Token) -> bool:
    """True for "non-fatal", "non fatal", "not fatal": the word is negated before it."""
    doc = tok.doc
    prev = [doc[i].lower_ for i in range(max(0, tok.i - 2), tok.i)]
    return bool(prev) and (prev[-1] in ("non", "not") or prev[-2:] == ["non", "-"])


def _care(verb: Token, arg: Token) -> tuple[str, Token] | None:
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


def _condition(verb: Token) -> Token | None:
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


_CLIMB = frozenset(
    "nsubj nsubjpass dobj conj appos attr pobj prep npadvmod dative oprd ccomp xcomp dep".split()
)


def _governing(arg: Token) -> tuple[str | None, Token | None]:
    """(measure, predicate) from the verb or adjective the counted argument depends on;
    (None, token) when the argument is the doer of the act, (None, None) when nothing counts
    or when the counted noun is the whole that a number takes a part of ("four of the five
    victims died": five is the group, four the dead)."""
    if (
        arg.dep_ == "pobj"
        and arg.head.lower_ == "of"
        and is_num(arg.head.head)
        and any(c.dep_ == "nummod" and is_num(c) for c in arg.children)
    ):
        return None, None
    t = arg
    for _ in range(5):
        if t.dep_ in ("ROOT",) or t.head.i == t.i:
            break
        if t.dep_ == "agent":
            return None, t  # "shot by another 5-year-old"
        if t.dep_ not in _CLIMB:
            break
        if t.dep_ == "pobj" and t.head.lower_ not in ("of", "among", "including"):
            break  # "hurt in one of those fires": not the counted
        h = t.head
        if t.dep_ in ("conj", "appos") and h.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            t = h  # "Three children and two adults were found dead"
            continue
        if h.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            found = _governed_by(t, h, arg)
            if found is not None:
                return found
            if h.pos_ == "NOUN" and t.dep_ != "pobj":
                break
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "dative"):
            break
        t = h
    return None, None


def _governed_by(t: Token, h: Token, arg: Token) -> tuple[str | None, Token | None] | None:
    """What the word `h` that `t` depends on says befell the counted (see _governing), or
    None to climb on."""
    m = measure_of(h)
    lem = h.lemma_.lower()
    if t.dep_ in ("nsubj", "nsubjpass", "dobj") and h.pos_ == "VERB":
        found = _care(h, t)
        if found:
            return found
    if (m or lem in SHOOT) and is_agent(t, h):
        return None, h
    if m and not (h.pos_ == "NOUN" and m == "HOSPITALIZE"):
        if m == "DEPLOY" and t.dep_ == "nsubj" and lem in ("send", "deploy", "dispatch"):
            return None, h  # the sender, not the sent
        return m, h
    if lem in SHOOT and h.pos_ == "VERB":
        if any(c.lemma_.lower() in ("fatally", "mortally") for c in arg.children):
            return "KILL", h  # "four people were shot, three fatally"
        return shot_measure(h), h
    if lem == "number" or lem == "total":
        subj = [c for c in h.children if c.dep_ == "nsubj"]
        cls = subject(subj[0], subj[0])[0] if subj else None
        if cls not in GROUP_CLASSES:  # "the force sent ... numbers 2,500 soldiers"
            cls = subject(arg, arg)[0]
        if cls in ("troops", "security forces"):
            return "DEPLOY", h
        if cls == "protesters":
            return "PROTEST", h
    if lem in BE_LIKE or h.pos_ == "AUX":
        for c in h.children:
            if c.i == t.i:
                continue
            if c.dep_ in ("acomp", "oprd", "attr", "xcomp", "ccomp", "conj", "dobj") and c.i > t.i:
                m = measure_of(c)
                if m:
                    return m, c
                if c.lemma_.lower() in SHOOT and c.pos_ == "VERB":  # "were found shot dead"
                    return shot_measure(c), c
            if c.dep_ == "prep":
                objs = [p for p in c.subtree if p.lemma_.lower() in HOSPITAL_WORDS]
                if objs and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
                    return "HOSPITALIZE", objs[0]
        cond = _condition(h)
        if cond is not None and t.dep_ in ("nsubj", "nsubjpass"):
            return "WOUND", cond  # "a woman is in critical condition"
    return None


def graded_part(arg: Token) -> bool:
    """True for a bare number graded by how badly its people were hurt ("four were shot, two
    critically"): a part of a group counted before, not a count of its own."""
    return bool(arg.like_num) and any(c.dep_ == "advmod" and c.lower_ in SEVERITY for c in arg.children)


#: What a toll of the dead or hurt counts ("the number of dead", "the tally of injuries"), not
#: acts ("counts of murder").
TOLLED = frozenset("dead death fatality casualty injured wounded injury victim body".split())
#: Verbs that say what a toll amounts to ("the toll stands at 55", "neared 80", "exceeds 6,000").
TOLL_VERBS = frozenset(
    "be stand remain reach hit exceed top surpass near total climb rise jump grow increase raise put bring "
    "revise lower drop fall update push soar double triple".split()
)


def _toll_measure(noun: Token) -> str | None:
    """The measure a toll noun counts: "death toll", "toll" (KILL), "number of injured"
    (WOUND), "number of people killed" (KILL); None when it counts nothing of the kind."""
    lem = noun.lemma_.lower()
    if lem not in TOLL_NOUNS or noun.tag_ == "NNS":
        return None  # "two counts of murder": charges, not a toll
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            m = measure_of(c)
            if m in ("KILL", "WOUND"):
                return m
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                m = measure_of(p)
                if m in ("KILL", "WOUND") and p.lemma_.lower() in TOLLED:
                    return m
                for g in p.children:  # "the number of people injured"
                    if g.dep_ in ("acl", "amod", "relcl") and measure_of(g) in ("KILL", "WOUND"):
                        return measure_of(g)
        if c.dep_ in ("acl", "relcl") and measure_of(c) in ("KILL", "WOUND"):
            return measure_of(c)
    return "KILL" if lem == "toll" else None


def toll(num: Token) -> tuple[str, Token, Token] | None:
    """(measure, toll noun, predicate) for a number that a death or injury toll amounts to:
    "the death toll rose to 154", "put the death toll at 50", "the number of dead is 154", "the
    official death toll of 64", "the 154 death toll", "up from 137"."""
    t = num
    if t.dep_ in ("nummod", "compound", "appos", "nmod") and _toll_measure(t.head):
        return _toll_measure(t.head) or "KILL", t.head, t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and _toll_measure(t.head.head):
        return _toll_measure(t.head.head) or "KILL", t.head.head, t.head.head
    verb = None
    if t.dep_ == "pobj" and t.head.lower_ in ("to", "at", "from", "around", "near", "beyond"):
        verb = t.head.head
        while verb.pos_ == "ADP" and verb.head.i != verb.i:  # "from 16 to 34": "to" hangs on "from"
            verb = verb.head
        if verb.pos_ == "ADV" and verb.lower_ in ("up", "down"):  # "up from 137"
            verb = verb.head
    elif t.dep_ in ("attr", "dobj", "acomp", "oprd", "npadvmod"):
        verb = t.head
    if verb is not None and verb.dep_ in ("acomp", "xcomp", "oprd") and verb.lemma_.lower() not in TOLL_VERBS:
        verb = verb.head  # "the toll remains frozen at 64"
    if verb is None or verb.lemma_.lower() not in TOLL_VERBS:
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != t.i:
            if c.lower_ in ("which", "that") and verb.dep_ == "relcl":
                c = verb.head  # "the official death toll, which is 55"
            m = _toll_measure(c)
            if m:
                return m, c, verb
    return None


def rate(arg: Token, num: Token) -> bool:
    """True for a rate, not the count of one event: "82 deaths daily", "an average of 82
    deaths", "20 a day"."""
    for t in (arg, num):
        if any(c.lower_ in RATE_WORDS for c in t.children):
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in RATE_WORDS:
            return True
    return False
