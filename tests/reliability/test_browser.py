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


REFERENT_TEXTS = {
    "it": {
        "saved": "Risposte salvate",
        "step": "Sezione {n} di {total}",
        "thanks": "Grazie per aver partecipato",
    },
    "en": {"saved": "Answers saved", "step": "Section {n} of {total}", "thanks": "Thank you"},
}


@pytest.mark.parametrize("lang", ["it", "en"])
async def test_a_referent_skips_saves_leaves_resumes_and_sends_on_a_phone(
    lang, browser, client, cli, settings, live_server: AppServer
):
    """Questions left blank, saved, the page left; back on the same device (the draft lives
    in its browser), on the first unfinished section; finished and sent, in one language."""
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
    total = len(QUESTIONNAIRE.sections)
    texts = REFERENT_TEXTS[lang]
    step = texts["step"]

    page = await new_page(browser, viewport="phone", lang=lang)
    await page.goto(f"{live_server.base_url}/c/{link}?lang={lang}")
    assert await page.get_attribute("html", "lang") == lang
    assert step.format(n=1, total=total) in await page.inner_text("main")
    await check_page(page, f"consultation-first-visit-{lang}-phone")
    # Section 1 with its second and third questions skipped: "save and continue" still goes on.
    first = QUESTIONNAIRE.sections[0].items[0].code
    await _fill_section(page, QUESTIONNAIRE, 0, {first: answers[first]})
    async with page.expect_navigation():
        await page.click("button[value=next]")
    assert step.format(n=2, total=total) in await page.inner_text("main")
    # Section 2 left all blank, "save and continue later": the notice, no error.
    async with page.expect_navigation():
        await page.click("button[value=save]")
    assert texts["saved"] in await page.inner_text("[role=status]")
    await check_page(page, f"consultation-saved-blank-{lang}-phone")
    await page.close()

    # Back later on the same device: the link alone opens section 1, which is unfinished.
    page = await page.context.new_page()
    await page.goto(f"{live_server.base_url}/c/{link}?lang={lang}")
    assert step.format(n=1, total=total) in await page.inner_text("main")
    assert await page.is_checked(f"input[name='{first}'][value='{answers[first]}']")
    await check_page(page, f"consultation-resumed-{lang}-phone")
    for index in range(total):
        await _fill_section(page, QUESTIONNAIRE, index, answers)
        assert step.format(n=index + 1, total=total) in await page.inner_text("main")
        button = "button[value=submit]" if index == total - 1 else "button[value=next]"
        async with page.expect_navigation():
            await page.click(button)
        if index == 3:
            # Half-way, the finished sections are marked in the list.
            assert await page.locator(".steps li.done").count() == 4
            await check_page(page, f"consultation-half-way-{lang}-phone")
    assert texts["thanks"] in await page.inner_text("h1")
    await check_page(page, f"consultation-thanks-{lang}-phone")
    # The draft is gone from the browser once sent.
    cookies = await page.context.cookies()
    assert not [cookie for cookie in cookies if cookie["name"].startswith("draft")]
    await page.context.close()
    detail = await client.get(f"/api/manage/consultations/{consultation['id']}")
    assert detail.json()["answered"] == 1


async def test_a_manager_creates_opens_and_closes_a_consultation(
    browser, client, cli, live_server: AppServer
):
    from tests.survey.consultations.helpers import referents

    await referents(client, {"volontariato": 4, "emergenze": 2})
    await make_user(cli, "sara", role="manager")
    page = await new_page(browser, viewport="desktop", lang="it")
    await keyboard_login(page, live_server.base_url, "sara", PASSWORD, "it")
    async with page.expect_navigation():
        await page.click("main a[href^='/manage/consultations']")
    await check_page(page, "manage-consultations-empty-desktop")

    # Sent blank: every problem on the form, in Italian.
    async with page.expect_navigation():
        await page.click("form.stacked button[type=submit]")
    assert "Scrivi un titolo" in await page.inner_text("#errors")
    await check_page(page, "manage-consultations-blank-errors-desktop")

    passphrase = "la chiave dei tre custodi"
    await page.fill("#title", "Consultazione dei referenti 2012")
    await page.fill("#opens_on", "2012-07-04")
    await page.fill("#closes_on", "2012-07-31")
    await page.fill("#guardians", "Anna Rossi, dirigente\nLuca Bianchi, DPO")
    await page.fill("#tally_passphrase", passphrase)
    await page.fill("#tally_passphrase_again", passphrase)
    async with page.expect_navigation():
        await page.click("form.stacked button[type=submit]")
    assert "versione 1" in await page.inner_text("main")
    await check_page(page, "manage-consultation-draft-desktop")

    async with page.expect_navigation():
        await page.click("form[action*='/open'] button")
    assert "6 inviti in coda" in await page.inner_text("main")
    await check_page(page, "manage-consultation-opened-desktop")

    async with page.expect_navigation():
        await page.click("a[href*='/close']")
    await check_page(page, "manage-consultation-close-confirm-desktop")
    async with page.expect_navigation():
        await page.click("form[action*='/close'] button")
    assert "Scrivi la chiave di spoglio" in await page.inner_text("main")
    await page.fill("#tally_passphrase", passphrase)
    async with page.expect_navigation():
        await page.click("form[action*='/close'] button")
    assert "Consultazione chiusa" in await page.inner_text("main")
    await check_page(page, "manage-consultation-closed-desktop")
    await page.context.close()


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
    await page.goto(f"{live_server.base_url}/manage/dashboard?from=2000-01-01&to=2099-12-31")
    assert await page.locator("svg[role=img]").count() >= 1
    assert await page.locator("table").count() >= 1
    await check_page(page, "dashboard-overview")
    await page.context.close()
