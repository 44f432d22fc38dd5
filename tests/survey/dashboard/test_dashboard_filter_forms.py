"""Every dashboard filter form, sent as a browser sends it, and what a wrong value shows."""

from __future__ import annotations

import re
from html import unescape

import pytest

from survey.dashboard.views import NAVIGATION
from tests.survey.consultations.helpers import create
from tests.survey.dashboard.helpers import signed_in, small_period

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SELECT = re.compile(r'<select name="([^"]+)"[^>]*>(.*?)</select>', re.S)
INPUT = re.compile(r"<input[^>]*>")


def _form_as_sent(page: str) -> tuple[str, list[tuple[str, str]]]:
    """The first GET form of the page, each field with the value a browser would send."""
    form = re.search(r'<form method="get" action="([^"]+)"(.*?)</form>', page, re.S)
    if form is None:  # the list of consultations has nothing to filter
        return "", []
    pairs = []
    for name, options in SELECT.findall(form.group(2)):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        pairs.append((name, chosen.group(1) if chosen else ""))
    for field in INPUT.findall(form.group(2)):
        name = re.search(r'name="([^"]+)"', field).group(1)
        value = re.search(r'value="([^"]*)"', field)
        pairs.append((name, unescape(value.group(1)) if value else ""))
    return unescape(form.group(1)), pairs


async def test_every_pages_form_sent_with_its_defaults_answers_200(client, cli, settings):
    await small_period(client, settings)
    headers = await signed_in(client, cli)
    consultation = await create(client, headers)
    pages = [f"/manage/dashboard/{key}" for key in NAVIGATION if key != "overview"]
    pages += ["/manage/dashboard", f"/manage/dashboard/consultations/{consultation['id']}"]
    pages += ["/manage/follow-ups"]  # the follow-ups' own list, where they are worked
    for address in pages:
        first = await client.get(address, headers=HTML)
        assert first.status_code == 200, address
        action, pairs = _form_as_sent(first.text)
        if not action:
            continue
        # "Tutti" and an empty date are sent as empty values: they mean "all".
        assert any(value == "" for _, value in pairs), address
        sent = await client.get(action, params=pairs, headers=HTML)
        assert sent.status_code == 200, (address, pairs, sent.text[:300])
        narrowed = [(n, "email" if n == "channel" else v) for n, v in pairs]
        if any(name == "channel" for name, _ in pairs):
            by_channel = await client.get(action, params=narrowed, headers=HTML)
            assert by_channel.status_code == 200, address
            assert 'value="email" selected' in by_channel.text


async def test_the_api_takes_empty_values_as_all(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    empty = "from=&to=&channel=&type=&path=&region="
    found = await client.get(f"/api/manage/dashboard/overview?{empty}")
    assert found.status_code == 200
    assert found.json()["basis"]["answers"] == 11
    follow_ups = await client.get("/api/manage/dashboard/follow-ups?status=&office=")
    assert follow_ups.status_code == 200
    exported = await client.get(f"/api/manage/exports/answers.csv?{empty}")
    assert exported.status_code == 200


async def test_without_a_period_the_page_says_which_year_it_shows(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    page = (await client.get("/manage/dashboard?lang=en", headers=HTML)).text
    words = re.sub(r"<[^>]+>", "", page)
    assert "12 months ending with the latest citizen answer (14 May 2012)" in words
    # The period is kept in the links to the other pages and to the follow-ups.
    assert 'href="/manage/dashboard/channel?from=2012-05-01&amp;to=2012-05-15' in page
    assert 'href="/manage/dashboard/follow-ups?status=open&amp;from=2012-05-01' in page
    asked = (await client.get("/manage/dashboard?from=2012-05-01&lang=en", headers=HTML)).text
    assert "latest citizen answer" not in asked


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("channel=pigeon&region=lazio", "channel", "choose a value from the list"),
        ("from=yesterday&region=lazio", "from", "write a date such as 2012-05-31"),
        ("from=2012-06-01&to=2012-05-01&region=lazio", "to", "the end must come after"),
    ],
)
async def test_a_wrong_value_shows_the_form_again_with_the_error_by_its_field(
    client, cli, settings, query, field, message
):
    await signed_in(client, cli)
    page = await client.get(f"/manage/dashboard/channel?{query}&lang=en", headers=HTML)
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert f'id="problem-{field}">{message}' in unescape(page.text)
    assert f'aria-describedby="problem-{field}"' in page.text
    assert 'value="lazio" selected' in page.text  # what was chosen is kept
    client.cookies.delete("lang")  # a browser where English was never chosen
    italian = await client.get(f"/manage/dashboard/channel?{query}", headers=HTML)
    assert "Alcuni filtri non sono validi" in italian.text


async def test_error_pages_are_html_in_the_pages_language(client, cli, settings):
    await signed_in(client, cli)
    missing = await client.get("/manage/dashboard/nowhere?lang=en", headers=HTML)
    assert missing.status_code == 404 and "<h1>Page not found</h1>" in missing.text
    # The language chosen is kept for the pages after it, whichever link leads there.
    kept = await client.get("/manage/dashboard/nowhere-else", headers=HTML)
    assert kept.status_code == 404 and "<h1>Page not found</h1>" in kept.text
    client.cookies.delete("lang")  # a browser where English was never chosen
    bad_id = await client.get("/manage/dashboard/consultations/0", headers=HTML)
    assert bad_id.status_code == 400 and "<h1>Richiesta non valida</h1>" in bad_id.text
    forbidden = await client.post("/manage/logout", headers=HTML)  # no CSRF token
    assert forbidden.status_code == 403
    assert "<h1>Operazione non consentita</h1>" in forbidden.text
    assert forbidden.headers["content-type"].startswith("text/html")
    # The API keeps answering JSON, naming the field.
    api = await client.get("/api/manage/dashboard/overview?channel=pigeon")
    assert api.status_code == 400 and api.json()["errors"][0]["field"] == "channel"
