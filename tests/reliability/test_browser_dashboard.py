"""A manager on the demo year, in Chromium: the dashboard opens on the data's year and says
so, its filter form sent as it is answers a page, a channel narrows it; phone and desktop,
axe-core clean."""

from __future__ import annotations

import pytest

from tests.reliability.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    check_page,
    keyboard_login,
    new_page,
    why_no_browser,
)
from tests.reliability.server import AppServer
from tests.survey.accounts.helpers import PASSWORD, make_user
from tests.survey.demo.conftest import run_cli

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


async def _apply(page) -> None:
    async with page.expect_navigation():
        await page.locator("form.filters button[type=submit]").click()


async def test_a_manager_opens_the_demo_year_and_filters_it(
    browser, db, cli, settings, live_server: AppServer
):
    loaded = await run_cli(settings, "demo")
    assert loaded.exit_code == 0, loaded.output
    await make_user(cli, "giulia", role="manager")
    for viewport, lang in (("desktop", "it"), ("phone", "en")):
        page = await new_page(browser, viewport=viewport, lang=lang)
        await keyboard_login(page, live_server.base_url, "giulia", PASSWORD, lang)
        opened = await page.goto(f"{live_server.base_url}/manage/dashboard?lang={lang}")
        assert opened.status == 200
        period = await page.inner_text("p.period")
        assert "2011" in period and "2012" in period, period
        assert await page.locator("p.default-period").count() == 1
        assert await page.locator("svg[role=img]").count() >= 2
        await check_page(page, f"dashboard-demo-{viewport}")
        # "Apply filters" with nothing changed: "All" is sent as empty values.
        await _apply(page)
        assert "channel=&" in page.url  # the empty "All" was sent, and answered with a page
        assert await page.locator(".field-problem").count() == 0
        assert "2011" in await page.inner_text("p.period")
        # A channel narrows the figures; the form keeps it and the other pages' links carry it.
        await page.select_option("select[name=channel]", "email")
        await _apply(page)
        assert await page.locator("select[name=channel]").input_value() == "email"
        key_figures = await page.inner_text("dl.key-figures")
        assert key_figures
        channel_link = page.locator("nav.dash-nav a").nth(2)
        assert "channel=email" in (await channel_link.get_attribute("href") or "")
        await check_page(page, f"dashboard-demo-email-{viewport}")
        await page.context.close()
