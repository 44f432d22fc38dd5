"""A real browser (Debian's Chromium, driven by Playwright) against the app served by uvicorn:
the citizen's form and the management login used with the keyboard alone, in Italian and in
English, every page audited with axe-core (WCAG 2.1 AA) and photographed on a phone and a
desktop into tests/screenshots/."""

from __future__ import annotations

import pytest

from tests.reliability.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    check_page,
    keyboard_login,
    new_page,
    press_and_wait,
    tab_to,
    why_no_browser,
)
from tests.reliability.server import AppServer
from tests.survey.accounts.helpers import PASSWORD, make_user
from tests.survey.feedback.helpers import closed_case_token

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser())),
]

TEXTS = {
    "it": {"error": "Questa domanda richiede una risposta.", "thanks": "Grazie"},
    "en": {"error": "This question needs an answer.", "thanks": "Thank you"},
}


@pytest.fixture(scope="module")
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


@pytest.mark.parametrize(("lang", "viewport"), [("it", "phone"), ("en", "desktop")])
async def test_a_citizen_answers_by_keyboard_alone(
    lang, viewport, browser, client, settings, live_server: AppServer
):
    _, token = await closed_case_token(client, settings)
    page = await new_page(browser, viewport=viewport, lang=lang)
    await page.goto(f"{live_server.base_url}/f/{token}")
    assert await page.get_attribute("html", "lang") == lang
    await check_page(page, f"feedback-form-{lang}-{viewport}")

    # Sending without the one required answer brings the form back with the error.
    await tab_to(page, "button[type=submit]")
    await press_and_wait(page, "Enter")
    assert TEXTS[lang]["error"] in await page.inner_text("#errors")
    await check_page(page, f"feedback-error-{lang}-{viewport}")

    # The correction: Space picks the first rating, arrows move along the scale to 4.
    await tab_to(page, "input[name=satisfaction]")
    await page.keyboard.press("Space")
    for _ in range(3):
        await page.keyboard.press("ArrowRight")
    assert await page.input_value("input[name=satisfaction]:checked") == "4"
    # One step at a time (citizen-feedback v2): the reasons are skipped, then the outcome,
    # then the comment.
    for _ in range(2):
        await tab_to(page, "button[type=submit]")
        await press_and_wait(page, "Enter")
    await tab_to(page, "input[name=resolved]")
    await page.keyboard.press("Space")
    await tab_to(page, "button[type=submit]")
    await press_and_wait(page, "Enter")
    await tab_to(page, "textarea#comment")
    await page.keyboard.type("Risposta chiara e veloce.")
    await tab_to(page, "button[type=submit]")
    await press_and_wait(page, "Enter")
    assert TEXTS[lang]["thanks"] in await page.inner_text("h1")
    await check_page(page, f"feedback-thanks-{lang}-{viewport}")
    await page.context.close()

    stored = (await client.get(f"/api/feedback/{token}")).json()["answers"]
    assert stored["satisfaction"] == 4 and stored["resolved"] == "yes"
    assert stored["comment"] == "Risposta chiara e veloce."


@pytest.mark.parametrize(("lang", "viewport"), [("it", "desktop"), ("en", "phone")])
async def test_a_manager_signs_in_by_keyboard_and_sees_the_landing_page(
    lang, viewport, browser, client, cli, live_server: AppServer
):
    await make_user(cli, "giulia", role="manager")
    page = await new_page(browser, viewport=viewport, lang=lang)
    await keyboard_login(page, live_server.base_url, "giulia", PASSWORD, lang)
    assert page.url.split("?")[0].endswith("/manage")
    assert "giulia" in await page.inner_text("main")
    await check_page(page, f"manage-home-{lang}-{viewport}")
    # Signing out is a button too.
    await tab_to(page, "form[action^='/manage/logout'] button")
    await press_and_wait(page, "Enter")
    assert "/manage/login" in page.url
    await page.context.close()


async def _fill_section(page, questionnaire, index: int, answers: dict[str, str]) -> None:
    for item in questionnaire.sections[index].items:
        value = answers.get(item.code)
        if value is None:
            continue
        if await page.locator(f"textarea[name='{item.code}']").count():
            await page.fill(f"textarea[name='{item.code}']", value)
        else:
            await page.check(f"input[name='{item.code}'][value='{value}']")


async def test_a_referent_answers_over_two_visits(
    browser, client, cli, settings, live_server: AppServer
):
    from survey.consultations.services import consultation_link
    from survey.consultations.tables import ConsultationInvitation
    from tests.survey.consultations.helpers import (
        QUESTIONNAIRE,
        create,
        form_answers,
        manager,
        referents,
    )

    await referents(client, {"volontariato": 5})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    opened = await client.post(
        f"/api/manage/consultations/{consultation['id']}/open", headers=headers
    )
    assert opened.status_code == 200
    invitation = await ConsultationInvitation.select(ConsultationInvitation.id).first().run()
    link = (await consultation_link(invitation["id"], settings)).split("/c/", 1)[1]
    answers = form_answers(office="volontariato", level=4)
    sections = len(QUESTIONNAIRE.sections)

    # First visit: two sections, then "save and continue later".
    page = await new_page(browser, viewport="desktop", lang="it")
    await page.goto(f"{live_server.base_url}/c/{link}")
    await check_page(page, "consultation-first-visit")
    await _fill_section(page, QUESTIONNAIRE, 0, answers)
    async with page.expect_navigation():
        await page.click("button[value=next]")
    await _fill_section(page, QUESTIONNAIRE, 1, answers)
    async with page.expect_navigation():
        await page.click("button[value=save]")
    assert "Risposte salvate" in await page.inner_text("main")
    await page.context.close()

    # Second visit, another day: the first sections are as they were left; finish and send.
    page = await new_page(browser, viewport="phone", lang="it")
    await page.goto(f"{live_server.base_url}/c/{link}?section=1")
    first = QUESTIONNAIRE.sections[1].items[0].code
    assert await page.is_checked(f"input[name='{first}'][value='{answers[first]}']")
    await check_page(page, "consultation-second-visit")
    async with page.expect_navigation():
        await page.click("button[value=next]")
    for index in range(2, sections):
        await _fill_section(page, QUESTIONNAIRE, index, answers)
        button = "button[value=submit]" if index == sections - 1 else "button[value=next]"
        async with page.expect_navigation():
            await page.click(button)
    assert "Grazie per aver partecipato" in await page.inner_text("h1")
    await check_page(page, "consultation-thanks")
    await page.context.close()
    detail = await client.get(f"/api/manage/consultations/{consultation['id']}")
    assert detail.json()["answered"] == 1


async def test_a_manager_sees_the_dashboard_charts(
    browser, client, cli, settings, live_server: AppServer
):
    for satisfaction in (5, 4, 4, 2, 5, 3, 4, 1):
        _, token = await closed_case_token(client, settings)
        answer = {"answers": {"satisfaction": satisfaction}}
        assert (await client.put(f"/api/feedback/{token}", json=answer)).status_code == 200
    await make_user(cli, "marco", role="manager")
    page = await new_page(browser, viewport="desktop", lang="it")
    await keyboard_login(page, live_server.base_url, "marco", PASSWORD, "it")
    await page.goto(f"{live_server.base_url}/manage/dashboard?from=2000-01-01&to=2999-01-01")
    assert await page.locator("svg[role=img]").count() >= 1
    assert await page.locator("table").count() >= 1
    await check_page(page, "dashboard-overview")
    await page.context.close()
