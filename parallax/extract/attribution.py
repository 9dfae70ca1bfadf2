"""The grammar of reporting, shared by quotations and counted claims.

Who a reporting cue says spoke, read from the dependency parse of spaCy's English pipelines:

* the subject of a reporting verb ("the minister said", "X told reporters", "X, who said");
* the agent of a passive one ("X was told by Y": Y spoke); a passive subject names whom the
  words were addressed to or aimed at ("X was asked whether ...", "X was accused of ..."), never
  the source, save for "X was quoted as saying" and its like;
* the noun after an inverted verb ('"...," said X');
* the object of "according to X";
* the subject of the verb a participle or a conjunct hangs from ("X spoke, saying ...").

The source is returned as its head token with the cue and the construction (:class:`Source`).
What the head names is read by :func:`speaker_class`: a person, a body (an organisation or a
group acting as a speaker), a document (a statement, a lawsuit, an ad: someone else's words,
never a speaker itself; :func:`document_author` finds whose), or something else (a platform,
an abstract noun) that never speaks.  Honorifics, pronouns and kinship nouns carry gender
(:func:`gender_word`), which the discourse model of quotations uses to tell relatives apart.

Only the grammar lives here; which person a pronoun or a surname stands for is a question of
the discourse, answered by the caller (``parallax.extract.quotes``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

#: Lemmas of verbs (and nouns used as verbs by the parser) that report speech or writing.
REPORTING = frozenset(
    """
say tell add write tweet state note explain claim insist argue announce declare warn ask reply
respond continue conclude acknowledge admit recall suggest report comment remark observe describe
call predict promise urge confirm deny complain post quip joke exclaim shout yell whisper mutter
testify vow pledge boast concede contend assert maintain stress emphasize emphasise caution lament
wonder question charge accuse blame decry brand dub label characterize characterise term praise
criticize criticise threaten demand agree quote cite read recount reiterate express proclaim lash
mock slam blast thank hail welcome admonish counter retort rebut chant scream cry muse speculate
estimate forecast allege reveal disclose recommend advise order instruct brief summarize summarise
find
put refer dismiss condemn denounce defend bark snap sneer scoff gush rail rant crow tout chide
scold tease plead beg gripe grumble fume rave opine inform assure reassure confess interject
interrupt chime repeat echo sing cheer jeer roar holler bellow sigh laugh marvel retweet text react
email pen headline caption underscore highlight volunteer offer concur
""".split()
)

#: Reporting verbs whose passive subject is the speaker ("X was quoted as saying").
SPEAKER_PASSIVE = frozenset("quote cite hear record".split())

Gender = Literal["m", "f"]

#: Honorifics (lower case, without the full stop) and the gender they carry (None: either).
HONORIFICS: dict[str, Gender | None] = {
    "mr": "m",
    "mister": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "lady": "f",
    "dr": None,
    "prof": None,
}

#: Personal pronouns and possessives, with their gender.
PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}

#: Nouns that say a person's gender (kin, titles with a gender).
GENDERED_NOUNS: dict[str, Gender] = {
    **dict.fromkeys(
        "wife mother daughter sister aunt niece grandmother granddaughter widow woman girl lady queen "
        "princess duchess actress congresswoman spokeswoman chairwoman businesswoman councilwoman "
        "stepmother girlfriend fiancee bride".split(),
        "f",
    ),
    **dict.fromkeys(
        "husband father son brother uncle nephew grandfather grandson widower man boy gentleman king "
        "prince duke actor congressman spokesman chairman businessman councilman stepfather boyfriend "
        "fiance groom".split(),
        "m",
    ),
}

#: Nouns naming a person by what they do or are (heads of a speaker's noun phrase).
PERSON_NOUNS = frozenset(
    """
spokesman spokeswoman spokesperson official aide adviser advisor source representative lawyer
attorney analyst expert economist activist candidate nominee senator congressman congresswoman
president minister premier governor mayor leader chairman chairwoman chair director secretary
ambassador envoy chief officer author writer reporter host anchor moderator journalist columnist
commentator critic supporter opponent voter resident neighbor neighbour witness friend member
lawmaker legislator politician strategist consultant pollster professor scholar researcher
scientist doctor nurse teacher student worker employee manager executive founder owner ceo judge
justice prosecutor sheriff detective investigator agent soldier general commander colonel captain
sergeant veteran player coach fan protester demonstrator organizer organiser man woman person
deputy surgeon neurosurgeon physician
boy girl child kid mother father wife husband son daughter brother sister uncle aunt grandmother
grandfather widow victim survivor immigrant refugee citizen guy lady gentleman king queen prince
princess pope bishop priest rabbi imam cleric pastor reverend actor actress singer star celebrity
comedian businessman businesswoman billionaire millionaire mogul tycoon entrepreneur delegate
diplomat negotiator economist historian demographer editor publisher producer attendee
participant parent relative colleague partner ally rival challenger incumbent frontrunner
front-runner hopeful contender insider operative staffer staff lobbyist donor backer speaker
proponent opponent respondent correspondent resident student president conservative liberal
democrat republican progressive moderate independent libertarian socialist
""".split()
)

#: Nouns naming a body that speaks as one (or a group of people speaking together).
BODY_NOUNS = frozenset(
    """
campaign committee council group government administration ministry department agency company
firm party court office police board commission team union network newspaper paper magazine
station channel organization organisation association coalition alliance foundation institute
center centre university school church embassy army military navy force forces senate house
congress parliament assembly legislature cabinet panel jury family authority authorities bank
fund club league federation corporation outlet media press caucus delegation regime secretariat
bureau directorate presidency headquarters command service city county state town village
audience crowd public electorate community congregation institution nation opposition
administration prosecutors officials lawmakers democrats republicans leaders critics
supporters opponents residents people protesters organizers activists experts analysts
""".split()
)

#: Nouns naming words set down (someone else's words: never a speaker themselves).
DOCUMENT_NOUNS = frozenset(
    """
statement report letter suit lawsuit complaint filing memo memorandum email e-mail tweet post ad
advert advertisement commercial video clip resolution editorial release transcript poll survey
study book article website site page message note sign banner brief ruling bill law document
readout motion petition speech remark remarks comment comments interview op-ed column headline
caption announcement indictment verdict decision opinion proposal platform manifesto notice
footnote excerpt advisory guidance order affidavit testimony declaration memoir blog podcast
broadcast documentary film movie story account projection analysis piece passage slide slides
cover
""".split()
)

#: Nouns of saying: with an owner ("his comment that ...", "Obama's 'if you like it' promise",
#: "a warning from the ministry") they are a reporting cue whose source is that owner.
SPEECH_NOUNS = frozenset(
    """
comment comments remark remarks statement statements words claim claims assertion description
warning promise pledge vow accusation charge criticism attack praise question answer response
reply retort quip joke tweet tweets post message letter speech testimony argument insistence
answer
suggestion prediction characterization characterisation line slogan catchphrase mantra call plea
demand declaration announcement admission complaint boast insult threat phrase line
""".split()
)

#: Nouns of things and ideas that never speak ("the timing", "the wording", "the argument").
ABSTRACT_NOUNS = frozenset(
    """
wording language phrase word words text line timing time moment idea fact point reason problem
issue question argument feature passion work number numbers percent share majority minority rest
part side view thing something nothing everything anything way result effect impact change trend
data evidence figure figures math record history case matter situation move pro con area areas
plan policy message theme tone approach strategy position stance logic notion sense concern
concerns fear fears hope hopes goal aim purpose focus attention interest interests problem
problems answer answers response picture image photo photograph sign signs taste voice
controversy scandal affair dispute debate fight row battle crisis saga refusal denial approval
withdrawal dismissal reversal arrival survival renewal
""".split()
)

#: Platforms where words appear: a body when it speaks itself ("Twitter said in a statement"),
#: never a person (no he/she stands for it) nor the speaker of words posted on it.
PLATFORMS = frozenset(
    "twitter facebook instagram youtube tiktok reddit snapchat linkedin web internet".split()
)

#: Person-like endings of common nouns ("organizer", "demographer", "activist", "historian"):
#: a capitalised one may open a sentence and still name a person.
_PERSONISH = re.compile(r"(?:er|or|ist|ian|ee|man|woman|person)s?$")

SourceKind = Literal["subject", "agent", "according", "inverted", "relative", "object", "possessor", "noun"]
SpeakerClass = Literal["person", "body", "document", "other"]


@dataclass(frozen=True)
class Source:
    """Who a reporting cue says spoke: the head token of that noun phrase (a name, a noun or
    a pronoun), the cue itself (a reporting verb, "according", or a noun heading a line), and
    the construction that ties them."""

    head: Token
    cue: Token
    kind: SourceKind

    @property
    def span(self) -> Span:
        """The source's noun phrase (the head with its left modifiers, or its named entity)."""
        return noun_phrase(self.head)


def _always(_t: Token) -> bool:
    return True


#: Verbs that report speech with a particle: "shot back", "weighed in", "pointed out".
PHRASAL = frozenset(
    {
        ("shoot", "back"),
        ("fire", "back"),
        ("hit", "back"),
        ("push", "back"),
        ("write", "back"),
        ("weigh", "in"),
        ("chime", "in"),
        ("speak", "out"),
        ("lash", "out"),
        ("point", "out"),
        ("sound", "off"),
        ("go", "on"),
        ("sum", "up"),
    }
)

#: Reporting verbs that are something else when they govern an infinitive or an object
#: ("continue to be", "added a clause").
_ASPECTUAL = frozenset("continue add".split())


def is_reporting(t: Token) -> bool:
    """True for a verb of saying or writing, and for the "according" of "according to"."""
    if t.lower_ == "according":
        return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
    if t.pos_ not in ("VERB", "AUX"):
        return False
    lemma = t.lemma_.lower()
    if lemma in _ASPECTUAL and any(c.dep_ in ("xcomp", "dobj") for c in t.children):
        return False
    if lemma in REPORTING:
        return True
    return any(c.dep_ in ("prt", "advmod") and (lemma, c.lower_) in PHRASAL for c in t.children)


def source_of(cue: Token, usable: Callable[[Token], bool] = _always, depth: int = 0) -> Source | None:
    """Who reporting cue `cue` says spoke, or None when the grammar names no one.

    `usable(token)` tells whether a token may be the source (a caller passes one that refuses
    tokens inside quotation marks).  Pronouns are returned as they are: resolving them is
    the discourse's task."""
    if cue.pos_ in ("PROPN", "NOUN") and cue.lower_ != "according":
        owner = speech_owner(cue, usable)
        if owner is not None:
            return Source(owner, cue, "possessor")
        return Source(cue, cue, "noun")
    if cue.lower_ == "according":
        for c in cue.children:
            if c.lower_ == "to":
                for p in c.children:
                    if p.dep_ == "pobj" and usable(p):
                        return Source(p, cue, "according")
        nxt = cue.doc[cue.i + 2] if cue.i + 2 < len(cue.doc) else None
        if (
            nxt is not None
            and cue.doc[cue.i + 1].lower_ == "to"
            and nxt.pos_ in ("PROPN", "NOUN")
            and usable(nxt)
        ):
            return Source(_phrase_head(nxt), cue, "according")
        return None
    lemma = cue.lemma_.lower()
    subj = next(
        (
            c
            for c in cue.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and usable(c)
            and c.pos_ not in ("ADP", "PUNCT", "SCONJ", "CCONJ", "DET", "PART", "AUX", "SPACE", "SYM")
        ),
        None,
    )
    if subj is not None and subj.i > cue.i and cue.tag_ == "VBG":
        subj = None  # 'saying X would ...': X is the subject of what was said
    agent = _agent(cue, usable)
    if agent is not None:
        return Source(agent, cue, "agent")
    if subj is not None and subj.dep_ == "nsubjpass" and lemma not in SPEAKER_PASSIVE:
        return None  # "X was asked whether ...": X did not speak these words
    if cue.tag_ != "VBG" and (subj is None or subj.i < cue.i) and _inverted(cue, subj, usable):
        right = _right_noun(cue, usable)  # '"...," said police spokeswoman Jane Doe'
        if right is not None:
            return Source(right, cue, "inverted")
    if subj is None and cue.dep_ == "xcomp":  # "urged X to say", "X was prompted to say": X speaks
        obj = next((c for c in cue.head.children if c.dep_ in ("dobj", "nsubjpass") and usable(c)), None)
        if obj is not None:
            return Source(obj, cue, "object")
    if subj is not None:
        if subj.lower_ in ("who", "that", "which") and cue.dep_ in ("relcl", "acl") and usable(cue.head):
            return Source(cue.head, cue, "relative")
        owner = speech_owner(subj, usable)  # "his statement said", "her answer was"
        if owner is not None:
            return Source(owner, cue, "possessor")
        return Source(subj, cue, "subject")
    if cue.dep_ in ("relcl", "acl") and cue.head.pos_ in ("NOUN", "PROPN") and usable(cue.head):
        owner = next((c for c in cue.head.children if c.dep_ == "poss" and usable(c)), None)
        if owner is not None and speaker_class(cue.head) == "other":
            return Source(owner, cue, "possessor")  # "the president's refusal to call it X"
        return Source(cue.head, cue, "relative")
    if depth < 3 and cue.dep_ in ("conj", "advcl", "xcomp", "pcomp", "ccomp", "prep") and cue.head.i != cue.i:
        h = cue.head
        if h.pos_ == "ADP" and h.head.i != h.i:
            h = h.head
        if cue.tag_ == "VBG" and h.dep_ == "ccomp" and is_reporting(h.head) and usable(h.head):
            h = h.head  # 'X said that Y did Z, stating ...': X states, not Y
        if usable(h) and h.pos_ in ("VERB", "AUX"):
            up = source_of(h, usable, depth + 1)
            if up is not None and up.kind in ("subject", "agent", "inverted", "relative", "object"):
                return Source(up.head, cue, up.kind)
    return None


def speech_owner(n: Token, usable: Callable[[Token], bool] = _always) -> Token | None:
    """Whose words a noun of saying names: its possessor ("his comment"), a name set before it
    ("the Trump statement"), or "by/from X" after it; None for another noun or one without."""
    if n.pos_ not in ("NOUN", "PROPN") or (
        n.lemma_.lower() not in SPEECH_NOUNS and n.lower_ not in SPEECH_NOUNS
    ):
        return None
    return _owner(n, usable, ("from", "by")) or _issuer(n, usable)


def _owner(n: Token, usable: Callable[[Token], bool], preps: tuple[str, ...]) -> Token | None:
    """The possessor of noun `n`, a name set before it, or the object of one of `preps` after it
    that names a person or body."""
    for c in n.children:
        if c.dep_ == "poss" and usable(c):
            return c
    for c in n.lefts:
        if (
            c.dep_ in ("compound", "nmod")
            and c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            and c.lower_ not in PLATFORMS  # "a YouTube video" is not YouTube's
            and usable(c)
        ):
            return _phrase_head_within(c, n)
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            p = next((p for p in c.children if p.dep_ == "pobj" and usable(p)), None)
            if p is not None and speaker_class(p) in ("person", "body"):
                return p
    return None


def _agent(v: Token, usable: Callable[[Token], bool]) -> Token | None:
    """The agent of a passive verb: "was told by the minister" -> minister."""
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj" and usable(p):
                    return p
    return None


_CLOSERS = frozenset(["\u201d", '"', "''", "\u00bb", "\u2019"])


def _inverted(v: Token, subj: Token | None, usable: Callable[[Token], bool]) -> bool:
    """True when `v` opens an inverted attribution ('"...," said X'; '..., said X, ...') and
    the subject the parser found before it, if any, is a misreading."""
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].is_punct and usable(doc[j]):
        if doc[j].text in _CLOSERS:
            return True
        j -= 1
    if j >= 0 and not usable(doc[j]):
        return True
    nxt = doc[v.i + 1] if v.i + 1 < len(doc) else None
    return (
        v.i > 0
        and v.tag_ in ("VBD", "VBZ", "VBP")
        and doc[v.i - 1].text == ","
        and nxt is not None
        and nxt.ent_type_ == "PERSON"
        and (subj is None or (subj.pos_ != "PRON" and subj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")))
    )


def _right_noun(v: Token, usable: Callable[[Token], bool]) -> Token | None:
    """The noun phrase right after an inverted reporting verb, or None."""
    doc = v.doc
    for t in doc[v.i + 1 : v.i + 7]:
        if not usable(t) or t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "ADP"):
            return None
        if t.ent_type_ in ("DATE", "TIME"):
            continue
        if t.pos_ in ("PROPN", "NOUN") or t.lower_ in PRONOUN_GENDER:
            while t.dep_ in ("compound", "amod", "nmod") and v.i < t.head.i <= v.i + 8:
                t = t.head
            return t
    return None


def _phrase_head(t: Token) -> Token:
    """The head of the noun phrase `t` begins (climbing compounds and modifiers)."""
    while t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.i > t.i and t.head.i - t.i <= 6:
        t = t.head
    return t


def noun_phrase(head: Token) -> Span:
    """Noun `head` with its left modifiers ("Kazakhstan's foreign ministry"), or its entity."""
    doc = head.doc
    for e in doc.ents:
        if e.start <= head.i < e.end:
            return e
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "npadvmod")]
    return doc[min([head.i] + [c.left_edge.i for c in left]) : head.i + 1]


def sentence_sources(sent: Span, usable: Callable[[Token], bool] = _always) -> list[Source]:
    """The sources of every reporting cue of a sentence, in order of their cues."""
    out = []
    for t in sent:
        if usable(t) and is_reporting(t):
            s = source_of(t, usable)
            if s is not None:
                out.append(s)
    return out


def honorific(t: Token) -> str | None:
    """The honorific written right before token `t` (lower case, no full stop), or None."""
    if t.i == 0:
        return None
    w = t.doc[t.i - 1].lower_.rstrip(".")
    return w if w in HONORIFICS else None


def gender_word(word: str) -> Gender | None:
    """The gender an honorific, pronoun or gendered noun carries ("Mrs." -> f), or None."""
    w = word.lower().rstrip(".")
    if w in HONORIFICS:
        return HONORIFICS[w]
    return PRONOUN_GENDER.get(w) or GENDERED_NOUNS.get(w)


def speaker_class(head: Token) -> SpeakerClass:
    """What a source's head names: a person, a body, a document, or something that does not
    speak (a platform, an abstract noun, a number).  Named entities go by their label
    (PERSON; ORG, NORP, GPE, FAC as bodies); pronouns he/she/I by person, they/we/it by body;
    common nouns by the lexicons above; any other noun, being the source of words, is taken
    for one that speaks ("the neurosurgeon"), save a capitalised one opening a sentence."""
    low = head.lower_
    if low in PRONOUN_GENDER or low in ("i", "me", "you"):
        return "person"
    if low in ("they", "we", "it", "them", "us") or low in QUANTIFIERS:
        return "body"
    if low in PLATFORMS:
        return "body"  # the company speaking ("Twitter said"), never a person
    if low == "old" and any(c.lemma_ in ("year", "month") for c in head.children):
        return "person"  # "the 43-year-old"
    et = head.ent_type_
    if et == "PERSON":
        return "person"
    if et in ("ORG", "NORP", "GPE", "FAC"):
        return "body"
    if et in _NUMERIC:
        return "other"
    if head.pos_ not in ("NOUN", "PROPN"):
        return "other"
    lemma = head.lemma_.lower()
    if lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
        return "document"
    if lemma in PERSON_NOUNS or low in PERSON_NOUNS or lemma in GENDERED_NOUNS:
        return "person"
    if lemma in BODY_NOUNS or low in BODY_NOUNS:
        return "body"
    if (
        lemma in ABSTRACT_NOUNS
        or low in ABSTRACT_NOUNS
        or (not head.is_title and _ABSTRACT_END.search(lemma))
    ):
        return "other"
    if head.pos_ == "NOUN" and head.is_sent_start and head.is_title and not _PERSONISH.search(low):
        return "other"  # a capitalised word opening a sentence ("Boasting ...") names no one
    return "person"  # a name the parser did not type, or a noun of the kind that speaks


#: Endings of nouns of things, acts and ideas ("controversy", "segment", "teaching", "culture").
_ABSTRACT_END = re.compile(r"(?:ment|tion|sion|ness|ity|ism|ance|ence|ing|ure|cy|ogy|ship|hood|age|ics)$")

#: Quantifiers standing for a group of people ("several said", "others argued").
QUANTIFIERS = frozenset("several many some others both few most all another".split())
_NUMERIC = frozenset("DATE TIME PERCENT MONEY QUANTITY CARDINAL ORDINAL".split())
_ISSUE_VERBS = frozenset(
    "issue release put send post file publish sign write air run tweet circulate distribute draft bring "
    "approve adopt pass".split()
)


def document_author(head: Token, usable: Callable[[Token], bool] = _always, depth: int = 0) -> Token | None:
    """Whose words a document noun holds: its possessor ("his statement"), a name set before
    it ("a Clinton campaign ad"), "from/by/of X", the agent of "issued by X", or the subject
    of the verb that issued it in its own or the previous two sentences ("X released a
    statement ... The statement said")."""
    owner = _owner(head, usable, ("from", "by", "of"))
    if owner is not None:
        return owner
    for c in head.children:
        if c.dep_ == "acl":
            a = _agent(c, usable)
            if a is not None:
                return a
    issuer = _issuer(head, usable)  # "X drafted a resolution ..."; "X said in a statement"
    if issuer is not None:
        return issuer
    if depth > 0:
        return None
    doc = head.doc
    lo = head.sent.start
    for _ in range(2):
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    lemma = head.lemma_.lower()
    for t in reversed(doc[lo : head.i]):
        tl = t.lemma_.lower()
        if t.pos_ == "NOUN" and usable(t) and (tl == lemma or (tl in _SUITS and lemma in _SUITS)):
            found = document_author(t, usable, depth + 1)  # the same document named before
            if found is not None:
                return found
    return None


_SUITS = frozenset("suit lawsuit complaint filing petition motion".split())


def _issuer(doc_noun: Token, usable: Callable[[Token], bool]) -> Token | None:
    """Who issued a document: the subject of the verb it is the object of ("X released a
    statement"), or of the reporting verb it is the means of ("X said in a statement")."""
    v = doc_noun.head
    if doc_noun.dep_ == "pobj" and v.lower_ in ("in", "via", "through", "on") and v.head.i != v.i:
        v = v.head
        if not is_reporting(v):
            return None
    elif doc_noun.dep_ != "dobj" or v.lemma_.lower() not in _ISSUE_VERBS:
        return None
    s = source_of(v, usable)
    if s is not None and speaker_class(s.head) in ("person", "body"):
        return s.head
    return None


#: Nouns naming one who speaks for another, a person or a body, and not for themselves.
SPOKESPERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen".split()
)

#: Words that count or rank the members of a group without naming it ("other Democrats",
#: "many officials", "top aides").
COUNTING = frozenset(
    "other others many several some few various numerous more most both all certain such any each "
    "every top senior two three four five".split()
)


def is_spokesperson(t: Token) -> bool:
    """True for a noun naming one who speaks for another ("spokeswoman", "press secretary")."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    if t.lemma_.lower() in SPOKESPERSON_NOUNS or t.lower_ in SPOKESPERSON_NOUNS:
        return True
    return t.lemma_.lower() == "secretary" and any(c.lower_ == "press" for c in t.lefts)


def principal(t: Token, usable: Callable[[Token], bool] = _always) -> Token | None:
    """Whom spokesperson noun `t` speaks for, as the head of that noun phrase: "a spokesman for
    X", "a spokeswoman at X", "X's spokesman", "his spokesman", "X spokesman", "X campaign
    spokesman" (the campaign); None when the phrase names no one ("a spokesman said")."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "to", "with"):
            p = next((p for p in c.children if p.dep_ == "pobj" and usable(p)), None)
            if p is not None and p.pos_ in ("NOUN", "PROPN", "PRON"):
                return p
    for c in t.children:
        if c.dep_ == "poss" and usable(c):
            return c
    run = [
        c
        for c in t.lefts
        if c.dep_ in ("compound", "nmod")
        and usable(c)
        and c.lower_ != "press"
        and c.pos_ in ("NOUN", "PROPN")
    ]
    return run[-1] if run else None


def is_group(t: Token) -> bool:
    """True for a noun naming people who speak together: a body ("the committee", an
    organisation's or a people's name) or a plural noun of persons ("officials", "Democrats",
    "lawmakers")."""
    if t.pos_ not in ("NOUN", "PROPN") or t.lower_ in PLATFORMS:
        return False
    if t.ent_type_ in ("ORG", "NORP"):
        return True
    if t.ent_type_:
        return False
    lemma = t.lemma_.lower()
    if lemma in BODY_NOUNS or t.lower_ in BODY_NOUNS:
        return True
    return t.tag_ in ("NNS", "NNPS") and lemma in PERSON_NOUNS


def _phrase_head_within(t: Token, limit: Token) -> Token:
    """The last token of the compound run that `t` starts before `limit` ("Clinton campaign")."""
    while t.head.i != limit.i and t.head.i < limit.i and t.dep_ in ("compound", "nmod"):
        t = t.head
    return t
