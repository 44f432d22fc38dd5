"""Driving Debian's Chromium with Playwright, by keyboard only, with an axe-core audit of every
page and screenshots on a phone and a desktop. A later page's test (the dashboard, the
referent consultation) is one function with these helpers."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
LOCALES = {"it": "it-IT", "en": "en-GB"}  # what the browser's Accept-Language asks for
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
MAX_TABS = 80


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    for module in ("axe_playwright_python", "playwright"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install playwright axe-playwright-python)"
    return None


async def new_page(browser, *, viewport: str, lang: str):
    context = await browser.new_context(
        viewport=VIEWPORTS[viewport], locale=LOCALES[lang], java_script_enabled=True
    )
    return await context.new_page()


async def focused_matches(page, selector: str) -> bool:
    return await page.evaluate(
        "selector => document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


async def tab_to(page, selector: str) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(MAX_TABS):
        await page.keyboard.press("Tab")
        if await focused_matches(page, selector):
            return
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector!r}")


async def press_and_wait(page, key: str) -> None:
    """Press a key that submits a form, and wait for the next page."""
    async with page.expect_navigation():
        await page.keyboard.press(key)


async def audit(page) -> None:
    """axe-core on the page as it is now: no serious or critical WCAG 2.1 AA violation."""
    from axe_playwright_python.async_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = await Axe().run(page, options=options)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, f"{page.url}:\n" + "\n".join(blocking)


async def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


async def check_page(page, name: str) -> None:
    """Every page the tests reach: audited, and photographed for a person to look at."""
    await audit(page)
    await screenshot(page, name)


async def keyboard_login(page, base_url: str, name: str, password: str, lang: str) -> None:
    """Sign in on the login form by keyboard alone; ends on the page the form leads to."""
    await page.goto(f"{base_url}/manage/login?lang={lang}")
    await check_page(page, f"login-{lang}")
    await tab_to(page, "#login-name")
    await page.keyboard.type(name)
    await page.keyboard.press("Tab")
    assert await focused_matches(page, "#login-password")
    await page.keyboard.type(password)
    await press_and_wait(page, "Enter")
