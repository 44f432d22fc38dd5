"""The citizen's minute in a real browser (Debian's Chromium through Playwright), by keyboard
alone, every page audited with axe-core and photographed on a phone (390 px) and a desktop: a
rating from the email, the reasons that fit it, stopping and coming back in English, the thanks
page and a change within the window; the scales measured on a phone; the invitation email."""

from __future__ import annotations

import re

import pytest

from tests.reliability.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    audit,
    check_page,
    focused_matches,
    new_page,
    press_and_wait,
    screenshot,
    tab_to,
    why_no_browser,
)
from tests.reliability.server import AppServer
from tests.survey.feedback.helpers import closed_case_token

pytestmark = pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser()))

DIFFICULTY = "input[name=difficulty]"
LIKED = "input[name=liked]"


@pytest.fixture(scope="module")
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


async def stored(client, token: str) -> dict | None:
    return (await client.get(f"/api/feedback/{token}")).json()["answers"]


async def send_by_keyboard(page) -> None:
    await tab_to(page, "button[type=submit]")
    await press_and_wait(page, "Enter")


async def test_a_citizen_rates_2_from_the_email_stops_and_finishes_later_in_english(
    browser, client, settings, live_server: AppServer
):
    code, token = await closed_case_token(client, settings)
    base = f"{live_server.base_url}/f/{token}"

    # The Italian "2 su 5" link of the email, on a phone: nothing is recorded by opening it.
    page = await new_page(browser, viewport="phone", lang="it")
    await page.goto(f"{base}?satisfaction=2")
    assert await page.is_checked("input[name=satisfaction][value='2']")
    assert "Passo 1 di 4" in await page.inner_text("main")
    await check_page(page, "citizen-email-rating-it-phone")
    assert await stored(client, token) is None
    await send_by_keyboard(page)  # "Conferma il voto"
    assert await stored(client, token) == {"satisfaction": 2}
    # Step 2: only the difficulties, and no "answer only if…" to read and skip.
    main = await page.inner_text("main")
    assert "Passo 2 di 4" in main and "Rispondi solo se" not in main
    assert await page.locator(DIFFICULTY).count() == 5 and await page.locator(LIKED).count() == 0
    await check_page(page, "citizen-step2-difficulty-it-phone")
    await page.context.close()  # the citizen stops here: the rating is already counted

    # Another day, in English, on a desktop: the rating is there; finish every step.
    page = await new_page(browser, viewport="desktop", lang="it")
    await page.goto(f"{base}?lang=en")
    assert await page.get_attribute("html", "lang") == "en"
    assert await page.is_checked("input[name=satisfaction][value='2']")
    await check_page(page, "citizen-come-back-en-desktop")
    await send_by_keyboard(page)
    await tab_to(page, DIFFICULTY)
    await page.keyboard.press("Space")  # the first reason…
    await page.keyboard.press("ArrowDown")  # …then the second: "I waited too long"
    await send_by_keyboard(page)
    assert "Step 3 of 4" in await page.inner_text("main")
    await tab_to(page, "input[name=resolved]")
    for key in ("Space", "ArrowRight", "ArrowRight"):  # yes → partly → no
        await page.keyboard.press(key)
    await tab_to(page, "input[name=recommend]")
    await page.keyboard.press("Space")  # 0
    await check_page(page, "citizen-step3-en-desktop")
    await send_by_keyboard(page)
    await tab_to(page, "textarea#comment")
    await page.keyboard.type("Nobody called me back.")
    await check_page(page, "citizen-step4-en-desktop")
    await send_by_keyboard(page)
    assert await page.get_attribute("html", "lang") == "en"
    assert "Thank you" in await page.inner_text("h1")
    thanks = await page.inner_text("main")
    # A case the Contact Center answered itself: no office named, its own people read it.
    assert "answered directly by the Department's Contact Center" in thanks
    assert "A low rating is read by the people in charge of the Contact Center" in thanks
    assert re.search(r"until \d{1,2} [A-Z][a-z]+ \d{4}\.", thanks)  # a date in words
    assert await page.locator(f"a[href='/cases/{code}/status?lang=en']").count() == 1
    await check_page(page, "citizen-thanks-en-desktop")
    assert await stored(client, token) == {
        "satisfaction": 2,
        "difficulty": "long_wait",
        "resolved": "no",
        "recommend": 0,
        "comment": "Nobody called me back.",
    }

    # Within the window the edit link opens the answers again, still in English.
    await tab_to(page, "a[href*='step=1']")
    await press_and_wait(page, "Enter")
    assert await page.get_attribute("html", "lang") == "en"
    await tab_to(page, "input[name=satisfaction]:checked")
    await page.keyboard.press("ArrowRight")  # 2 → 3
    await send_by_keyboard(page)
    assert await page.locator(DIFFICULTY).count() == 5
    answers = await stored(client, token)
    assert answers["satisfaction"] == 3 and answers["comment"] == "Nobody called me back."

    # The status page the thanks page points to: plain words, its dates, the emergency notice.
    await page.goto(f"{live_server.base_url}/cases/{code}/status?lang=en")
    text = await page.inner_text("body")
    assert "Closed" in text and "call 112" in text and "Back Office" not in text
    await check_page(page, "citizen-status-en-desktop")
    await page.context.close()


@pytest.mark.parametrize(("lang", "viewport"), [("en", "phone"), ("it", "desktop")])
async def test_a_citizen_who_rates_5_sees_only_what_they_liked(
    lang, viewport, browser, client, settings, live_server: AppServer
):
    _, token = await closed_case_token(client, settings)
    page = await new_page(browser, viewport=viewport, lang=lang)
    await page.goto(f"{live_server.base_url}/f/{token}?satisfaction=5&lang={lang}")
    await send_by_keyboard(page)
    assert await page.locator(LIKED).count() == 5 and await page.locator(DIFFICULTY).count() == 0
    await check_page(page, f"citizen-step2-liked-{lang}-{viewport}")
    assert await stored(client, token) == {"satisfaction": 5}
    await page.context.close()


async def _rows(page, name: str) -> list[list[dict]]:
    """The boxes of a scale's options (label and radio), grouped into rows by their top."""
    boxes = await page.eval_on_selector_all(
        f"input[name={name}]",
        """inputs => inputs.map(input => {
            const label = input.closest('label').getBoundingClientRect();
            const radio = input.getBoundingClientRect();
            return {top: Math.round(label.top), width: label.width, height: label.height,
                    radio: radio.width, radioHeight: radio.height};
        })""",
    )
    rows: dict[int, list[dict]] = {}
    for box in boxes:
        rows.setdefault(box["top"], []).append(box)
    return [rows[top] for top in sorted(rows)]


@pytest.mark.parametrize("lang", ["it", "en"])
async def test_every_scale_sits_on_one_line_on_a_phone(
    lang, browser, client, settings, live_server: AppServer
):
    _, token = await closed_case_token(client, settings)
    answer = {"answers": {"satisfaction": 4}}
    assert (await client.put(f"/api/feedback/{token}", json=answer)).status_code == 200
    page = await new_page(browser, viewport="phone", lang=lang)
    await page.goto(f"{live_server.base_url}/f/{token}?lang={lang}")
    rating = await _rows(page, "satisfaction")
    assert [len(row) for row in rating] == [5]
    await page.goto(f"{live_server.base_url}/f/{token}?step=3&lang={lang}")
    await check_page(page, f"citizen-scales-{lang}-phone")
    recommend = await _rows(page, "recommend")
    assert [len(row) for row in recommend] == [6, 5]  # 0–5, then 6–10, aligned
    # The seven points of the agreement scale on one line, its two ends named under it.
    effort = await _rows(page, "effort")
    assert [len(row) for row in effort] == [7]
    assert len({box["radio"] for row in effort for box in row}) == 1
    ends = await page.inner_text("#item-effort .anchors")
    assert ("Fortemente in disaccordo" if lang == "it" else "Strongly disagree") in ends
    assert ("Fortemente d'accordo" if lang == "it" else "Strongly agree") in ends
    for box in [box for row in rating + recommend + effort for box in row]:
        assert box["width"] >= 44 and box["height"] >= 44  # a target a thumb can hit
        assert box["radio"] >= 18 and box["radioHeight"] >= 18  # never squeezed by a label
    # On a desktop the 0–10 fits on one line.
    await page.set_viewport_size({"width": 1280, "height": 900})
    assert [len(row) for row in await _rows(page, "recommend")] == [11]
    await page.context.close()


async def test_blank_step_one_shows_the_error_and_keeps_the_focus_path(
    browser, client, settings, live_server: AppServer
):
    _, token = await closed_case_token(client, settings)
    page = await new_page(browser, viewport="phone", lang="en")
    await page.goto(f"{live_server.base_url}/f/{token}?lang=en")
    await send_by_keyboard(page)
    assert "This question needs an answer." in await page.inner_text("#errors")
    assert "Step 1 of 4" in await page.inner_text("main")
    await check_page(page, "citizen-blank-step1-en-phone")
    await tab_to(page, "#errors a")
    assert await focused_matches(page, "#errors a")
    assert await stored(client, token) is None
    await page.context.close()


async def test_the_invitation_email_reads_the_same_in_html_and_in_text(browser, settings):
    from datetime import UTC, datetime

    from survey.feedback.invitations import BODY, SUBJECT
    from survey.outbox.mail import build_email

    link = f"{settings.public_url}/f/TOKEN"
    email = build_email(
        key="feedback-invitation:1",
        sender="ascolto@example.org",
        recipient="anna@example.org",
        subject=SUBJECT.format(code="CC-2012-000001"),
        body=BODY.format(code="CC-2012-000001", days=30).replace("{link}", link),
        public_url=settings.public_url,
        at=datetime(2026, 12, 1, 9, tzinfo=UTC),
    )
    text = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    page = await new_page(browser, viewport="phone", lang="it")
    await page.set_content(html)
    await audit(page)
    await screenshot(page, "citizen-email-phone")
    # The same links: the questionnaire and the five ratings, in both languages.
    hrefs = await page.eval_on_selector_all("a", "links => links.map(a => a.href)")
    assert sorted(hrefs) == sorted(re.findall(r"https?://\S+", text))
    for n in range(1, 6):
        assert f"{link}?satisfaction={n}" in hrefs and f"{link}?satisfaction={n}&lang=en" in hrefs
    assert await page.locator("img").count() == 0  # nothing to miss when images are blocked
    # The same words: everything the text says but its bare links is on the HTML page.
    shown = " ".join((await page.inner_text("body")).split())
    for line in text.splitlines():
        words = re.sub(r":?\s*https?://\S+", "", line).strip()
        if words and words != "---":
            assert words in shown, words
    assert await page.get_attribute("div[lang=en]", "lang") == "en"
    await page.context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["it", "en"])
async def test_the_status_and_unavailable_pages_read_plainly(
    lang, viewport, browser, client, live_server: AppServer
):
    from tests.factories import escalate_case, make_case, make_office

    case = await make_case(client)
    await escalate_case(client, case["code"], await make_office(client))
    page = await new_page(browser, viewport=viewport, lang=lang)
    await page.goto(f"{live_server.base_url}/cases/{case['code']}/status")
    assert await page.get_attribute("html", "lang") == lang
    assert await page.locator("ol.timeline li").count() == 3  # opened, to an office, not closed
    assert "112" in await page.inner_text("footer")
    await check_page(page, f"citizen-status-escalated-{lang}-{viewport}")
    # The language link, by keyboard.
    other = "en" if lang == "it" else "it"
    await tab_to(page, f"header a[lang={other}]")
    await press_and_wait(page, "Enter")
    assert await page.get_attribute("html", "lang") == other
    await page.goto(f"{live_server.base_url}/f/not-a-real-token-at-all-0123456789?lang={other}")
    assert await page.get_attribute("html", "lang") == other
    assert "112" in await page.inner_text("footer")
    await check_page(page, f"citizen-unavailable-{other}-{viewport}")
    await page.context.close()
