"""The topics of requests: a vocabulary kept as data, with labels in Italian and English.

The topic is typed by the Contact Center's operators on the main case platform, and new ones
appear with new emergencies and campaigns, so it is not a fixed enum like the channel: the
known topics live in `topics.csv` beside this module (code, Italian label, English label), and
adding one is adding a line there, no code. Importing a case whose topic is not in the file
still imports it (the main platform is the authority on what its operators record; refusing
would lose closed cases and their surveys) and reports the line, so that someone adds the
topic's labels; until then the code is shown as it is.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

TOPICS_FILE = Path(__file__).with_name("topics.csv")


@functools.cache
def topic_labels() -> dict[str, dict[str, str]]:
    """Every known topic's labels by code: {"volontariato": {"it": …, "en": …}}."""
    with TOPICS_FILE.open(encoding="utf-8", newline="") as file:
        return {
            row["code"]: {"it": row["it"], "en": row["en"]}
            for row in csv.DictReader(file)
            if row["code"]
        }


def is_known_topic(code: str) -> bool:
    return code in topic_labels()


def topic_label(code: str, lang: str = "it") -> str:
    """The topic's label in `lang`; an unknown topic's own code (as typed by its operator)."""
    labels = topic_labels().get(code)
    return labels.get(lang, labels["it"]) if labels else code
