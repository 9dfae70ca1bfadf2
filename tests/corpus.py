"""Composed articles for tests that need many documents (no corpus text is copied)."""

from __future__ import annotations

import json
import random
from pathlib import Path

TOWNS = ["Riverton", "Lakeside", "Millbrook", "Ashford", "Dunmore", "Kelford", "Brackenridge", "Fairhaven"]
NAMES = [
    "Maria Lopez",
    "James Carter",
    "Aisha Bello",
    "Tomasz Nowak",
    "Chen Wei",
    "Olga Petrova",
    "Liam Byrne",
]
BODIES = ["the county sheriff's office", "police", "the fire department", "city officials"]


def article(i: int, rng: random.Random) -> dict:
    town = TOWNS[i % len(TOWNS)]
    name = NAMES[i % len(NAMES)]
    killed, hurt = rng.randint(0, 4), rng.randint(0, 6)
    day = 1 + i % 27
    body = rng.choice(BODIES)
    text = (
        f"Shooting at a {town} warehouse leaves {killed} dead\n"
        f"{town.upper()} (Local News) - A gunman opened fire at a warehouse in {town} on Tuesday, "
        f"and {killed} people were killed and {hurt} others were wounded, {body} said.\n"
        f'"We are heartbroken by what happened to our neighbours this week," said {name}, '
        f"who manages the warehouse.\n"
        f"Investigators said the suspect, a 34-year-old man, was arrested on Wednesday near the "
        f"river after a short chase.\n"
        f"The victims were taken to {town} General Hospital, where doctors described their "
        f"condition as stable."
    )
    return {"id": f"a{i:05d}", "text": text, "published": f"2024-03-{day:02d}", "title": None}


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng)) + "\n")
    return path
