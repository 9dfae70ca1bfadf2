"""Language check: confidently non-English documents are rejected with the language named;
English is never refused on weak evidence."""

from __future__ import annotations

from parallax.clean import clean
from parallax.clean.language import rejection
from parallax.config import Config
from parallax.records import Article, Document, Rejected

GERMAN = (
    "Der Gemeinderat hat am Dienstagabend beschlossen, die alte Brücke über den Fluss noch vor "
    "dem Winter zu reparieren. Die Arbeiten sollen im November beginnen und etwa drei Monate "
    "dauern. Während dieser Zeit wird der Verkehr über eine Behelfsbrücke umgeleitet, teilte "
    "die Stadtverwaltung mit."
)
RUSSIAN = (
    "Городской совет во вторник вечером решил отремонтировать старый мост через реку до начала "
    "зимы. Работы начнутся в ноябре и продлятся около трёх месяцев, сообщили в администрации."
)
SPANISH = (
    "El ayuntamiento aprobó el martes por la noche la reparación del viejo puente sobre el río "
    "antes del invierno. Las obras comenzarán en noviembre y durarán unos tres meses."
)
ENGLISH = (
    "The town council voted on Tuesday evening to repair the old bridge over the river before "
    "winter. Work will begin in November and take about three months, officials said, while "
    "traffic is sent over a temporary crossing."
)


def test_confident_other_languages_are_named():
    assert rejection(GERMAN, ["en"]) == "not English (detected: de)"
    assert rejection(RUSSIAN, ["en"]) == "not English (detected: ru)"
    assert rejection(SPANISH, ["en"]) == "not English (detected: es)"


def test_english_is_kept_even_short_shouting_or_full_of_names():
    assert rejection(ENGLISH, ["en"]) is None
    assert rejection(ENGLISH.upper(), ["en"]) is None
    assert rejection("Hello there, friends.", ["en"]) is None  # too little evidence
    assert rejection("Nursultan Tokayev Almaty Bishkek Dushanbe", ["en"]) is None
    transcript = (
        "ANCHOR: GOOD EVENING. THE COUNCIL VOTED TONIGHT TO FIX THE OLD BRIDGE. Reporter: "
        "RESIDENTS HAVE WAITED YEARS FOR THIS. WORK STARTS IN NOVEMBER AND SHOULD TAKE THREE MONTHS."
    )
    assert rejection(transcript, ["en"]) is None


def test_accepted_languages_are_configurable():
    assert rejection(GERMAN, ["en", "de"]) is None
    assert rejection(GERMAN, []) is None  # empty list: all accepted
    assert rejection(RUSSIAN, ["en", "de"]) == "not in an accepted language (detected: ru; accepted: de, en)"


def test_clean_rejects_a_foreign_article_and_keeps_an_english_one():
    cfg = Config()
    res = clean(Article(id="de-1", source="de-1.txt", record=3, text=GERMAN), cfg)
    assert isinstance(res, Rejected) and res.reason == "not English (detected: de)" and res.record == 3
    doc = clean(Article(id="en-1", source="en-1.txt", text=ENGLISH), cfg)
    assert isinstance(doc, Document) and doc.text == ENGLISH
    cfg.limits.languages = ["en", "de"]
    assert isinstance(clean(Article(id="de-1", source="de-1.txt", text=GERMAN), cfg), Document)


def test_language_is_judged_before_the_word_count():
    # a Japanese article has few space-separated "words": the reason must be its language
    japanese = (
        "市議会は火曜日の夜、冬が来る前に川に架かる古い橋を修理することを決めた。工事は十一月に始まり、"
        "約三か月かかる見込みだと市の担当者が話した。"
    )
    res = clean(Article(id="ja-1", source="ja-1.txt", text=japanese), Config())
    assert isinstance(res, Rejected) and res.reason == "not English (detected: ja)"
