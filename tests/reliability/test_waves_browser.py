"""A manager in Chromium compares two waves of the referents' consultation, reads the heatmap
and records an action; the page audited with axe-core (WCAG 2.1 AA) in English on a desktop and
in Italian on a phone.

The served app started before the second wave existed, and that wave is asked with a version
generated when the first wave's action was recorded: the server finds it in the database, as a
worker that did not generate it would."""

from __future__ import annotations

import pytest

from questionnaires import Registry
from tests.reliability.browser import check_page, keyboard_login, new_page, why_no_browser
from tests.reliability.server import AppServer
from tests.reliability.test_browser import browser
from tests.survey.accounts.helpers import PASSWORD
from tests.survey.consultations.conftest import inbox, smtp_server, smtp_settings
from tests.survey.consultations.waves_scenario import two_waves

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser())),
]

__all__ = ["browser", "inbox", "smtp_server", "smtp_settings"]

FIRST_ACTION = {
    "what": "Scadenze concordate con gli uffici per le emergenze",
    "scale": "timeliness",
    "owner_office": "emergenze",
    "due_on": "2013-03-31",
}


async def test_a_manager_compares_two_waves_reads_the_heatmap_and_records_an_action(
    browser, client, cli, smtp_settings, inbox, live_server: AppServer
):
    async def record(headers, earlier):
        path = f"/api/manage/consultations/{earlier}/actions"
        response = await client.post(path, json=FIRST_ACTION, headers=headers)
        assert response.status_code == 201, response.text

    waves = await two_waves(client, cli, smtp_settings, inbox, Registry.load(), between=record)
    page = await new_page(browser, viewport="desktop", lang="en")
    await keyboard_login(page, live_server.base_url, "gestore", PASSWORD, "en")
    await page.goto(f"{live_server.base_url}/manage/consultations/{waves.later}?lang=en")

    # The comparison: response times improved, the other scales unchanged.
    comparison = page.locator("table.comparison")
    improved = comparison.locator("tr", has_text="Response times")
    assert "Improved" in await improved.inner_text()
    assert await comparison.locator("tr", has_text="No change shown").count() == 6
    # The heatmap: every group of the tally, a share in each cell.
    heatmap = page.locator("table.heatmap")
    assert "Emergency management" in await heatmap.inner_text()
    cell = heatmap.locator("tbody tr").first.locator("td").nth(1)
    assert "%" in await cell.inner_text()
    await check_page(page, "waves-compared-en-desktop")

    # An action after this wave, through the form: a problem first, then recorded.
    await page.fill("#action-what", "x")
    async with page.expect_navigation():
        await page.click("form[action$='/actions?lang=en'] button[type=submit]")
    assert "Describe the action" in await page.inner_text("main")
    await check_page(page, "waves-action-error-en-desktop")
    await page.fill("#action-what", "Un modulo dedicato agli attestati di benemerenza")
    await page.select_option("#action-scale", "workload")
    await page.select_option("#action-office", "volontariato")
    await page.fill("#action-due", "2014-03-31")
    async with page.expect_navigation():
        await page.click("form[action$='/actions?lang=en'] button[type=submit]")
    assert "Action recorded." in await page.inner_text("main")
    recorded = page.locator("table.actions-table tr", has_text="attestati di benemerenza")
    assert "Planned" in await recorded.inner_text()
    assert "Not asked yet" in await recorded.inner_text()
    await check_page(page, "waves-action-recorded-en-desktop")

    # The earlier wave's action, asked about in the later wave, with its answers beside it.
    await page.goto(f"{live_server.base_url}/manage/consultations/{waves.earlier}?lang=it")
    asked = page.locator("table.actions-table tr", has_text="Scadenze concordate")
    assert "Sì:" in await asked.inner_text()
    await page.context.close()

    phone = await new_page(browser, viewport="phone", lang="it")
    await keyboard_login(phone, live_server.base_url, "gestore", PASSWORD, "it")
    await phone.goto(f"{live_server.base_url}/manage/consultations/{waves.later}?lang=it")
    assert "Migliorata" in await phone.inner_text("table.comparison")
    await check_page(phone, "waves-compared-it-phone")
    await phone.context.close()
