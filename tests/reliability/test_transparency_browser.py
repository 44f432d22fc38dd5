"""The public transparency page in a real browser (Chromium): reached from a case's status
page by keyboard on a phone (390 px), a day chosen, every page audited with axe-core, nothing
wider than the screen; and in English on a desktop."""

from __future__ import annotations

import pytest

from tests.reliability.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    check_page,
    new_page,
    press_and_wait,
    tab_to,
    why_no_browser,
)
from tests.reliability.server import AppServer
from tests.survey.transparency.test_transparency import SECRET_NOTE, transparency_cases

pytestmark = pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser()))


@pytest.fixture(scope="module")
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


async def wider_than_the_screen(page) -> bool:
    return await page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


async def test_from_a_status_page_to_the_figures_of_a_day_on_a_phone(
    browser, client, live_server: AppServer
):
    codes = await transparency_cases(client)
    page = await new_page(browser, viewport="phone", lang="it")
    await page.goto(f"{live_server.base_url}/cases/{codes[0]}/status")
    await tab_to(page, "a[href^='/trasparenza']")
    await press_and_wait(page, "Enter")
    assert "/trasparenza" in page.url
    await check_page(page, "transparency-today-it-phone")
    await page.fill("#as_of", "2012-06-30")
    await tab_to(page, "form.as-of button[type=submit]")
    await press_and_wait(page, "Enter")
    main = await page.inner_text("main")
    assert "Numero verde" in main and "non mostrato" in main
    assert "30 giugno 2012" in main and SECRET_NOTE not in main
    assert await page.evaluate("window.innerWidth") == 390
    wide = await page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right"
        " > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className)"
    )
    assert not await wider_than_the_screen(page), wide
    await check_page(page, "transparency-2012-06-30-it-phone")
    await page.context.close()

    page = await new_page(browser, viewport="desktop", lang="en")
    await page.goto(f"{live_server.base_url}/transparency?as_of=2012-06-30")
    assert await page.get_attribute("html", "lang") == "en"
    assert "Toll-free number" in await page.inner_text("main")
    await check_page(page, "transparency-2012-06-30-en-desktop")
    await page.context.close()
