"""A year of the contact center (4 July 2011 - 3 July 2012) as the department's dossier tells
it, with citizens' answers that carry known effects, for trying Ascolto and for its tests.

`load_demo_year` fills an empty database; `survey.demo.welcome.prepare_demo` is what
`ascolto serve --demo` runs before starting the app."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from case_bridge import storage
from case_bridge.importing import import_rows
from case_bridge.storage.errors import Conflict
from case_bridge.tables import Case
from survey.consultations.services import get_consultation
from survey.demo import answers, bulk_writes, calendar, cases, people, today
from survey.demo.consultation import add_consultations, add_second_wave, tally_demo_consultation
from survey.demo.follow_ups import work_follow_ups
from survey.feedback.services import QUESTIONNAIRE
from survey.hooks import hooks_for
from survey.questionnaire_versions.services import load_registry
from survey.settings import Settings

# The service's first day, 4 July 2011, as a number: the default seed of `ascolto demo`.
DEFAULT_SEED = 20110704

Advance = Callable[[int], None]
Steps = Callable[[str, int | None], Advance]
"""Start a step of `total` units (None: unknown) with its description; returns `advance(n)`."""


class DatabaseNotEmpty(Conflict):
    def __init__(self, count: int) -> None:
        super().__init__(
            f"the database already holds {count} cases: the demo year is loaded only into a "
            "database without cases (use a new ASCOLTO_DATABASE_URL)"
        )


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    answers: int
    revisions: int
    offices: int
    referents: int
    emergencies: int
    today_codes: list[str]
    referent_answers: int
    seconds: float


def quiet_steps(description: str, total: int | None) -> Advance:
    return lambda n: None


async def load_demo_year(
    *, settings: Settings, seed: int = DEFAULT_SEED, steps: Steps = quiet_steps
) -> DemoSummary:
    """Fill a database that has no cases with the demo year, all in one transaction.

    The referents' consultation of the first anniversary is added, answered by most of them and
    tallied, with two actions after it and a second wave (July 2013) that follows it, also
    tallied; and a short one left open with a few sealed answers; the settings' secret key
    makes the citizens' and referents' links."""
    started = time.perf_counter()
    engine = storage.engine()
    on_closed = hooks_for(settings).on_case_closed
    async with storage.writing():
        count = await Case.count().run()
        if count:
            raise DatabaseNotEmpty(count)
        staff = people.referents(random.Random(seed))
        await bulk_writes.write_staff(engine, staff)
        await bulk_writes.write_emergencies(engine)
        year = cases.build_year(seed=seed, referents=staff)
        advance = steps("Cases of 4 July 2011 - 3 July 2012", len(year))
        await import_rows(
            cases.import_rows(year), source="demo", on_closed=on_closed, progress=advance
        )
        ids = {r["code"]: r["id"] for r in await Case.select(Case.id, Case.code).run()}
        questionnaire = (await load_registry()).latest(QUESTIONNAIRE)
        rng, pick = np.random.default_rng(seed + 1), random.Random(seed + 1)
        given = answers.generate_answers(year, questionnaire=questionnaire, rng=rng, pick=pick)
        advance = steps("Citizens' answers", len(given))
        case_ids = [ids[code] for code in year.code]
        revisions = await bulk_writes.write_answers(engine, given, case_ids, questionnaire)
        await work_follow_ups(engine, seed=seed)
        advance(len(given))
        today_codes = await today.add_today_cases(seed=seed, on_closed=on_closed)
        registry = await load_registry()
        consultation_id, _ = await add_consultations(
            registry=registry, settings=settings, seed=seed
        )
    await tally_demo_consultation(consultation_id=consultation_id, registry=registry)
    await add_second_wave(
        first_wave=consultation_id, registry=registry, settings=settings, seed=seed
    )
    referent_answers = (await get_consultation(consultation_id=consultation_id)).answered
    return DemoSummary(
        cases=len(year) + len(today_codes),
        answers=len(given),
        revisions=revisions,
        offices=len(people.OFFICES),
        referents=len(staff),
        emergencies=len(calendar.EMERGENCIES),
        today_codes=today_codes,
        referent_answers=referent_answers,
        seconds=time.perf_counter() - started,
    )
