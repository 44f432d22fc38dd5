"""Every page and form, tried as people use them (issue 18, point 8).

A small world is made through the public API (a few answered cases with their follow-ups, an
open consultation and a tallied one); then, in Italian and in English, a crawler signs in as a
manager and as an administrator, opens a citizen's emailed rating link and plain link, a
referent's consultation link, an office's follow-up link and a public status page, and follows
every link and sends every form from there (`tests/reliability/crawler.py` says what fails).

The crawl changes what it touches (it opens and closes consultations, takes follow-ups in
charge, answers questionnaires, signs out): it runs on the test database, emptied after it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
import pytest

from survey.consultations.services import reissue_link
from survey.consultations.tables import ConsultationInvitation
from survey.follow_ups.notices import follow_up_link, send_notices
from survey.follow_ups.tables import FollowUp
from tests.reliability.conftest import CRAWL_SUMMARY
from tests.reliability.crawler import Crawler, Person, Tally, report
from tests.survey.accounts.helpers import form_login, make_user
from tests.survey.consultations.helpers import (
    answer_all,
    close,
    create,
    form_answers,
    manager,
    referents,
)
from tests.survey.dashboard.helpers import small_period
from tests.survey.feedback.helpers import closed_case_token

BASE = "http://testserver.local"
LANGUAGES = ("it", "en")


@dataclass
class World:
    citizen_tokens: list[str]  # closed cases not answered yet: two for each language
    referent_tokens: list[str]  # an open consultation's referents, one for each language
    office_links: list[str]  # follow-ups' links, one for each language
    status_code: str  # a case whose public status page is linked
    # The consultations' pages in each state (the list links one instance of the template).
    consultation_pages: list[str]


async def _referent_links(consultation_id: int, settings) -> list[str]:
    rows = await ConsultationInvitation.select(ConsultationInvitation.id).where(
        ConsultationInvitation.consultation == consultation_id
    )
    return [await reissue_link(invitation_id=row["id"], settings=settings) for row in rows]


async def make_world(client: httpx.AsyncClient, cli, settings) -> World:
    codes = await small_period(client, settings)
    await referents(client, {"volontariato": 6, "emergenze": 2})
    headers = await manager(client, cli)  # signs `client` in: the world's own browser
    tallied = await create(client, headers, title="Consultazione chiusa")
    await client.post(f"/api/manage/consultations/{tallied['id']}/open", headers=headers)
    for link in (await _referent_links(tallied["id"], settings))[:5]:
        await answer_all(client, link.removeprefix(BASE), form_answers(level=4))
    assert (await close(client, headers, tallied["id"])).status_code == 200
    still_open = await create(client, headers, title="Consultazione aperta")
    await client.post(f"/api/manage/consultations/{still_open['id']}/open", headers=headers)
    draft = await create(client, headers, title="Consultazione in bozza")
    await send_notices(settings=settings)
    follow_ups = await FollowUp.select(FollowUp.id).where(FollowUp.office.is_not_null())
    office_links = [await follow_up_link(row["id"], settings=settings) for row in follow_ups]
    citizens = [(await closed_case_token(client, settings))[1] for _ in range(2 * len(LANGUAGES))]
    return World(
        citizen_tokens=citizens,
        referent_tokens=[
            link.rsplit("/c/", 1)[1] for link in await _referent_links(still_open["id"], settings)
        ],
        office_links=office_links,
        status_code=codes["phone"][0],
        consultation_pages=[
            f"{BASE}/manage/consultations/{made['id']}" for made in (tallied, still_open, draft)
        ],
    )


def _browser(app_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """A browser of its own (its own cookies) on the test session's app."""
    return httpx.AsyncClient(
        transport=app_client._transport,
        base_url=BASE,
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )


def _signed_in(name: str, world: World, lang: str, browser: httpx.AsyncClient) -> Person:
    async def sign_in() -> None:
        answer = await form_login(browser, name)
        assert answer.status_code == 303, answer.text

    start = [f"{BASE}/manage?lang={lang}", *world.consultation_pages]
    return Person(name, browser, start, lang, sign_in)


def _people(world: World, lang: str, browsers) -> list[Person]:
    n = LANGUAGES.index(lang)
    emailed, plain = world.citizen_tokens[2 * n], world.citizen_tokens[2 * n + 1]
    return [
        _signed_in("crawl-manager", world, lang, next(browsers)),
        _signed_in("crawl-admin", world, lang, next(browsers)),
        Person(
            "citizen, the email's rating link",
            next(browsers),
            [f"{BASE}/f/{emailed}?satisfaction=2&lang={lang}"],
            lang,
        ),
        Person("citizen, the plain link", next(browsers), [f"{BASE}/f/{plain}?lang={lang}"], lang),
        Person(
            "referent",
            next(browsers),
            [f"{BASE}/c/{world.referent_tokens[n]}?lang={lang}"],
            lang,
        ),
        Person("office", next(browsers), [f"{world.office_links[n]}?lang={lang}"], lang),
        Person(
            "anyone",
            next(browsers),
            [
                f"{BASE}/manage/login?lang={lang}",
                f"{BASE}/cases/{world.status_code}/status?lang={lang}",
            ],
            lang,
        ),
    ]


@pytest.mark.timeout(180)  # the world and the crawl: ~60 s on a busy shared machine
async def test_every_page_and_form_answers_people(client, app_client, cli, settings, pytestconfig):
    world = await make_world(client, cli, settings)
    await make_user(cli, "crawl-manager", "manager")
    await make_user(cli, "crawl-admin", "admin")
    started = time.monotonic()
    app = app_client._transport.app  # type: ignore[attr-defined]
    app.state.get("dashboard_cache", {}).clear()
    tally = Tally()
    crawler = Crawler(app, BASE, tally)
    opened = []
    for lang in LANGUAGES:
        browsers = iter(_browser(app_client) for _ in range(16))
        for person in _people(world, lang, browsers):
            opened.append(person.http)
            if person.sign_in is not None:
                await person.sign_in()
            await crawler.crawl(person)
    for http in opened:
        await http.aclose()
    seconds = time.monotonic() - started
    statuses = ", ".join(f"{n} × {status}" for status, n in sorted(tally.form_answers.items()))
    summary = (
        f"crawler: {tally.pages} pages, {tally.forms} form submissions "
        f"(answered {statuses}) in {seconds:.1f} s"
    )
    pytestconfig.stash[CRAWL_SUMMARY] = summary
    print(summary)
    assert not tally.findings, f"{len(tally.findings)} problems:\n{report(tally.findings)}"
    # The crawl reached what people reach: not a run that stopped at the first page.
    assert tally.pages >= 60 and tally.forms >= 40, (tally.pages, tally.forms)
