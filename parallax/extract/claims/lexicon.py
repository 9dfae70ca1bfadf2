"""The English word lists the claim steps read: language data only, no steps.

Each list is written as one string of words (lemmas unless said otherwise) so that it reads
as data; the steps look words up here and nowhere else.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# ---------------------------------------------------------------- what befell people (GDELT-like)

#: Predicate lemmas (verbs, adjectives, nouns) -> measure.
MEASURE_WORDS: dict[str, str] = {
    w: m
    for m, ws in {
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
    }.items()
    for w in ws.split()
}
#: The verb a measure is said with, for the quantity key of a count of people.
MEASURE_VERBS = {
    "KILL": "killed",
    "WOUND": "injured",
    "ARREST": "arrested",
    "HOSPITALIZE": "hospitalized",
    "DEPLOY": "deployed",
    "PROTEST": "protesting",
    "DISPLACE": "displaced",
    "EVACUATE": "evacuated",
    "KIDNAP": "kidnapped",
    "AFFECT": "affected",
}
#: Subject suffix of a count of people shot (WOUND), who may include the dead.
SHOT_SUFFIX = "shot"
#: Measure verbs whose subject is the one counted ("18 died", "200 gathered").
INTRANSITIVE = words(
    "die perish gather rally protest march demonstrate assemble flee number total remain be succumb pass"
)
#: "shot": wounded unless the clause also says the person died.
SHOOT = words("shoot")
#: Words saying a shooting was fatal ("shot dead", "fatally shot", "shot to death").
FATAL = words("dead fatally mortally death kill die fatal")
#: Verbs whose object names what befell the subject ("suffered non-life-threatening injuries").
SUFFER = words("suffer sustain receive have incur survive")
INJURY_WORDS = words("injury wound gunshot graze")
HOSPITAL_WORDS = words("hospital care icu clinic infirmary ward")
#: The states of a hurt person's "condition" ("in critical condition", "listed in stable condition").
CONDITIONS = words("critical serious stable fair good grave satisfactory guarded")
#: How badly some of a group were hurt ("two critically"): a part of a count given before.
SEVERITY = words("critically seriously gravely severely slightly minorly superficially")
#: Verbs that say where their argument is or went ("were taken to hospital", "remain in care").
BE_LIKE = words(
    "be remain lie stay leave report confirm list find declare pronounce rush take transport treat admit "
    "airlift send fly put bring carry drive hospitalize"
)
#: Verbs of trying or intending: what they govern did not (yet) happen.
INTENT = words("mean try threaten plan want attempt")

# ---------------------------------------------------------------- who is counted

#: Person-group heads by class; the first class that any word of the noun phrase hits wins.
SUBJECT_CLASSES: list[tuple[str, frozenset[str]]] = [
    (
        "security forces",
        words(
            "police policeman policemen policewoman officer security guard guardsman guardsmen law enforcement "
            "deputy trooper agent gendarme cop constable personnel"
        ),
    ),
    (
        "protesters",
        words(
            "protester protestor demonstrator rioter assailant militant insurgent attacker terrorist bandit "
            "looter gunman gunmen rebel extremist fighter radical crowd marcher"
        ),
    ),
    (
        "troops",
        words(
            "troop soldier serviceman servicemen paratrooper force peacekeeper military army marine contingent "
            "sailor airman"
        ),
    ),
    ("children", words("child children kid toddler infant baby")),
    (
        "people",
        words(
            "people person civilian victim resident man men woman women boy girl teen teenager student other "
            "bystander adult individual worker passenger family member youth customer patient pedestrian inmate "
            "prisoner suspect relative male female juvenile minor youngster senior occupant driver"
        ),
    ),
]
CLASS_OF: dict[str, str] = {w: c for c, ws in SUBJECT_CLASSES for w in ws}
#: Classes that a deployment or a crowd can count.
GROUP_CLASSES = words("troops protesters people") | {"security forces"}
#: Heads that are counted things, never people.
THINGS = words(
    "shot round bullet time car vehicle building home house day hour minute week month year mile foot feet "
    "percent dollar cent point weapon gun rifle pistol case charge count wound incident shooting attack block "
    "street city town location site shell casing grenade bomb carrier tank helicopter plane unit page story "
    "photo video rupee euro pound yard meter kilometer degree game season goal vote seat job school office "
    "number amount order letter paper center corner border power computer trigger matter water river chamber "
    "quarter counter monitor motor error floor door sector department moment event statement investment "
    "government settlement tournament"
)
#: Nouns with a person-like ending that name no people ("characters", "barriers").
NOT_PEOPLE = words(
    "character barrier cancer charter chapter filter finger flower layer master matter meter poster register "
    "shelter sticker theater theatre tower trailer voucher wonder"
)
#: Heads through which the counted group is named ("18 members of the police").
PARTITIVE = words(
    "member number group total dozen score hundred thousand ten one two three four five six some all most "
    "many none several couple pair handful team unit contingent batch crowd personnel staff million of"
)
SINGULAR_DETS = words("a an one another the")
POSSESSIVES = words("his her their its my our your")
PRONOUNS = words("he she him her")
#: Family and social relations: a person counted through someone else ("killed his wife").
RELATIONS = words(
    "wife husband son daughter mother father girlfriend boyfriend brother sister grandson granddaughter "
    "grandchild grandfather grandmother parent stepson stepdaughter stepfather stepmother fiance fiancee friend "
    "neighbor neighbour classmate cousin nephew niece uncle aunt roommate coworker sophomore freshman grader "
    "partner spouse ex"
)
#: Ordinal words up to the twelfth ("a fifth victim").
ORDINALS = {
    w: n
    for n, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), start=2
    )
}
#: Words that set a count apart from the group counted before ("three more", "two others").
MORE = words("more other others else additional")

# ---------------------------------------------------------------- other events

#: Modifiers that set an event apart from the one reported ("a separate shooting").
APART = words("separate unrelated previous prior earlier similar other another")
#: Events a modifier in APART can set apart.
EVENT_NOUNS = words(
    "shooting incident attack homicide killing murder case slaying robbery crash accident stabbing"
)
#: Words that gather several events ("a string of shootings", "multiple shootings").
SERIES = words("series string spate rash wave number several multiple separate numerous various recent")

# ---------------------------------------------------------------- not counts

#: spaCy entity labels of numbers that are never counts.
DROP_ENTS = words("TIME MONEY PERCENT ORDINAL QUANTITY")
#: Words just before a number that make it a name or a code ("No. 5", "Route 66").
CODE_BEFORE = words("$ \u20ac \u00a3 # No. No Route Highway number No.:")

# ---------------------------------------------------------------- who gave the figure

#: Verbs that give a figure: saying and reporting verbs that assert (not "ask", "urge", "charge",
#: "accuse", "praise" of ``parallax.extract.attribution.REPORTING``, which report other speech acts);
#: the shared grammar of reporting says whose figure it is.
FIGURE_VERBS = words(
    "say tell report announce state confirm add claim estimate write tweet note indicate put quote cite "
    "count disclose reveal declare explain post warn acknowledge admit concede predict forecast project "
    "calculate allege insist argue assert testify tally"
)


# ---------------------------------------------------------------- quantities of any kind

#: Units of time: a number of them is a duration only as "for N days", "a 35-day shutdown".
TIME_UNITS = words("second minute hour day night week weekend month year decade century")
#: Words after a time span that make it a date ("two years ago", "ten minutes later").
RELATIVE_AFTER = words("ago later earlier after before since prior previously hence beforehand")
#: Prepositions before a time span that make it a duration ("for six years", "over 16 years").
DURATION_PREPS = words("for over by throughout across")
#: Nouns that measure what they modify ("a 47-page indictment": pages of the indictment).
MEASURE_UNITS = TIME_UNITS | words(
    "page mile kilometer kilometre km foot feet yard meter metre acre ton tonne pound kilogram kg gallon "
    "barrel liter litre member seat point vote count story floor bed lane"
)
#: Nouns through which a unit names what it measures ("100 pages of e-mails", "234 miles of wall").
UNIT_OF = MEASURE_UNITS | words("percent share fraction portion piece item unit round bag box case")
#: Words of a tally between two sides ("a 97-1 vote", "an 11-2 victory", "voted 348-77").
TALLY_WORDS = words(
    "vote ballot victory win loss defeat edge margin score tally lead majority ruling decision split tie "
    "record series count pass approve confirm reject beat lose defeat trail"
)
#: Words that set a place off by its distance ("seven miles southwest of", "8 miles from").
DIRECTIONS = words(
    "north south east west northeast northwest southeast southwest northern southern eastern western "
    "from away outside off inland offshore"
)
#: Nouns naming a document or a count that can be the source of a figure ("the poll found").
DOCUMENT_SOURCES = words(
    "poll survey study report analysis census data review audit estimate count tally statistic figure "
    "projection snapshot assessment research investigation tracker index"
)
#: Verbs whose subject gives a figure when that subject is a document ("a poll found 56 percent").
DOCUMENT_VERBS = words("find show suggest indicate estimate put project count conclude determine reveal")
#: Adverbs that make a single "one" a real count ("only one senator", "just one word").
ONLY = words("only just exactly single sole merely")
#: Nouns whose number is a name or a label, not a count ("Title VII", "Project 21", "Chapter 11").
LABEL_NOUNS = words("title article chapter section amendment district precinct route highway project code")
#: Fixed phrases with a number that counts nothing ("a two-way street", "the 800-pound gorilla").
FIGURATIVE = ("two-way street", "800-pound gorilla", "one way or", "in half", "think twice", "one of a kind")
#: Modal and conditional words: a figure under them may be a pledge or a hypothesis.
CONDITIONAL = words("if unless whether")
#: Verbs of measuring a part against a whole: "the number of X" is what such a figure counts.
TOLL_NOUNS = words("toll count tally number total figure")
#: Places whose people a number can count as a population ("a city of 2 million people").
PLACES = words(
    "city town village island country nation state county province region territory district capital "
    "metropolis municipality neighborhood neighbourhood area community"
)
#: Nouns of a page's furniture: their counts are no figures ("4 responses", "12 comments").
FURNITURE = words("response comment reply share like view photo image slide video")
#: Units of physical measure that locate or describe, never count ("150 mph", "9 mm").
PHYSICAL = words("mph kph km/h knot mm cm caliber calibre degree fahrenheit celsius")
#: Words that make a count a rate, not a count of one event ("82 deaths daily", "a day").
RATE_WORDS = words("daily weekly monthly yearly annually average hourly")
#: Modifiers that make a count an increment to a figure given elsewhere ("three more bodies");
#: not "additional" ("459 additional deaths": an excess over the usual) nor "more ... than".
INCREMENT = words("more another further new newly extra last latest")
#: Line openings of a link list or a related-stories box ("Read also:", "Recommended").
LINK_OPENINGS = (
    "read also",
    "read more",
    "also read",
    "related",
    "recommended",
    "see also",
    "more:",
    "watch:",
    "listen:",
    "click here",
    "more on this",
    "you may also like",
    "trending",
)
