"""A manager works a follow-up in Chromium from open to closed: opens the list, filters it by
office, opens one (the citizen's answers in words), takes it in charge, closes it with an
outcome and asks the citizen again; on a desktop and a phone, every page audited with axe-core
(WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from tests.reliability.browser import check_page, keyboard_login, new_page, why_no_browser
from tests.reliability.server import AppServer
from tests.reliability.test_browser import browser
from tests.survey.accounts.helpers import PASSWORD, make_user
from tests.survey.follow_ups.helpers import office_with_referent, unhappy_case

pytestmark = pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser()))

__all__ = ["browser"]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
async def test_a_manager_works_a_follow_up_from_open_to_closed(
    viewport, browser, client, cli, settings, live_server: AppServer
):
    await office_with_referent(client, "volontariato")
    await office_with_referent(client, "rischio_sismico")
    mine = await unhappy_case(client, settings, office="rischio_sismico")
    other = await unhappy_case(client, settings, office="volontariato")
    await make_user(cli, "lucia", role="manager")
    page = await new_page(browser, viewport=viewport, lang="it")
    await keyboard_login(page, live_server.base_url, "lucia", PASSWORD, "it")

    await page.goto(f"{live_server.base_url}/manage/follow-ups")
    assert mine["code"] in await page.inner_text("main")
    await check_page(page, f"follow-ups-list-{viewport}")
    await page.select_option("select[name=office]", "rischio_sismico")
    async with page.expect_navigation():
        await page.click("form.filters button[type=submit]")
    listed = await page.inner_text("table")
    assert mine["code"] in listed and other["code"] not in listed
    await check_page(page, f"follow-ups-filtered-{viewport}")

    async with page.expect_navigation():
        await page.click(f"text={mine['code']}")
    main = await page.inner_text("main")
    assert "Nessuno mi ha richiamato" in main
    # The citizen's answers in words, not codes.
    assert "Quanto sei soddisfatto/a del servizio ricevuto" in main and "satisfaction" not in main
    await check_page(page, f"follow-up-open-{viewport}")
    async with page.expect_navigation():
        await page.click("form[action$='/take-in-charge'] button")
    assert "In lavorazione" in await page.inner_text("dl.facts")
    await page.select_option("select[name=outcome]", "recontacted_solved")
    await page.fill("textarea[name=note]", "Richiamata, problema chiarito")
    await page.check("input[name=re_ask]")  # and ask the citizen again
    async with page.expect_navigation():
        await page.click("form[action$='/close'] button")
    facts = await page.inner_text("main")
    assert "Ricontattato, risolto" in facts and "Richiamata, problema chiarito" in facts
    assert "Chiesto di nuovo al cittadino" in facts and "non ha ancora risposto" in facts
    # Nothing wider than the screen: long questions wrap above their answers.
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    await check_page(page, f"follow-up-closed-{viewport}")
    await page.context.close()
