"""What `ascolto serve --demo` prepares before the app starts, and what it tells the user to
open: the demo year (only into a database without cases), the demo manager, a citizen's link,
a public status page."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from case_bridge.tables import Case
from survey.accounts.services import create_user
from survey.accounts.tables import User
from survey.demo import DEFAULT_SEED, DemoSummary, Steps, load_demo_year, quiet_steps, today
from survey.demo.calendar import FIRST_DAY, LAST_DAY
from survey.demo.consultation import DEMO_TALLY_PASSPHRASE, referent_link
from survey.demo.people import MANAGER
from survey.hooks import hooks_for
from survey.settings import Settings


@dataclass(frozen=True)
class Welcome:
    loaded: DemoSummary | None  # None: the database already had cases
    manager_password: str | None  # None: the demo manager existed already
    feedback_link: str
    feedback_case: str
    status_case: str | None
    referent_link: str | None


async def ensure_demo_manager() -> str | None:
    """Create the demo manager with a random password (returned), unless it exists."""
    if await User.exists().where(User.name == MANAGER).run():
        return None
    password = secrets.token_urlsafe(12)
    await create_user(name=MANAGER, password=password, role="manager")
    return password


async def _status_case() -> str | None:
    # A case still at Back Office shows what the public page says while an office works on it.
    row = (
        await Case.select(Case.code)
        .where(Case.status == "back_office")
        .order_by(Case.opened_at, ascending=False)
        .first()
        .run()
    )
    if row is None:
        row = await Case.select(Case.code).order_by(Case.id, ascending=False).first().run()
    return row["code"] if row else None


async def prepare_demo(*, settings: Settings, steps: Steps = quiet_steps) -> Welcome:
    """Load the demo year into a database without cases, then make sure the demo can be
    tried: a manager to log in with, and a citizen's link valid under this run's keys."""
    loaded = None
    if not await Case.exists().run():
        loaded = await load_demo_year(seed=DEFAULT_SEED, steps=steps, settings=settings)
    password = await ensure_demo_manager()
    found = await today.open_link(settings=settings)
    if found is None:  # new development keys, or every link answered: close one more case
        await today.close_one_more(seed=DEFAULT_SEED, on_closed=hooks_for(settings).on_case_closed)
        found = await today.open_link(settings=settings)
    if found is None:
        raise RuntimeError("closing a case made no feedback invitation")
    link, code = found
    return Welcome(
        loaded, password, link, code, await _status_case(), await referent_link(settings=settings)
    )


def summary_line(summary: DemoSummary) -> str:
    """One line on what the demo year holds."""
    return (
        f"demo year 4 July 2011 - 3 July 2012 loaded in {summary.seconds:.1f} s: "
        f"{summary.cases} cases ({len(summary.today_codes)} closed today), "
        f"{summary.answers} citizens' answers ({summary.revisions} revisions), "
        f"{summary.offices} offices, {summary.referents} referents, "
        f"{summary.emergencies} emergency periods, "
        f"a referents' consultation with {summary.referent_answers} answers"
    )


def welcome_lines(welcome: Welcome, *, settings: Settings) -> list[str]:
    """What to open in the browser to try the demo."""
    base = settings.public_url.rstrip("/")
    password = welcome.manager_password or "(printed when it was created)"
    lines = [
        f"  a citizen's feedback link (case {welcome.feedback_case}): {welcome.feedback_link}",
        f"  management: {base}/manage/login  name {MANAGER}  password {password}",
    ]
    if welcome.referent_link:
        lines.append(f"  a referent's consultation link: {welcome.referent_link}")
    lines.append(
        f"  the demo consultations' tally passphrase (to close one): {DEMO_TALLY_PASSPHRASE}"
    )
    if welcome.status_case:
        lines.append(f"  public status of a case: {base}/cases/{welcome.status_case}/status")
    # The demo's year is long past: the transparency page as it stood at its last day.
    lines.append(f"  open and closed requests: {base}/trasparenza?as_of={LAST_DAY.isoformat()}")
    return lines


# The demo's year is long past its retention: a trial keeps it whole for another year.
DEMO_RETENTION_SPARE_DAYS = 365


def demo_retention(on: date, environ: Mapping[str, str]) -> dict[str, int]:
    """Retention overrides that keep the demo year's contact details and comments (for the
    settings the environment leaves unset): from its first day to today, and a year more."""
    days = (on - FIRST_DAY).days + DEMO_RETENTION_SPARE_DAYS
    names = ("retention_contact_days", "retention_comment_days")
    return {name: days for name in names if f"ASCOLTO_{name.upper()}" not in environ}


def retention_line(settings: Settings) -> str:
    return (
        f"  retention: contact details and comments kept {settings.retention_contact_days} days "
        "after closing so that the demo year stays whole (production default: 365; "
        "see README, Privacy)"
    )
