"""A small period made through the public APIs, and signing in, for the dashboard's tests."""

from __future__ import annotations

from tests.factories import make_office
from tests.survey.accounts.helpers import api_login, csrf_token, make_user
from tests.survey.report.helpers import answer, case, emergency

PERIOD = "from=2012-05-01&to=2012-07-01"
INJECTION = "=cmd|' /C calc'!A0"
PHONE_SCORES = (5, 5, 4, 4, 5, 3)
EMAIL_SCORES = (4, 2, 1, 5, 4)


async def signed_in(client, cli, name: str = "gestore", role: str = "manager") -> dict[str, str]:
    """A user of the role, signed in; the headers a cookie-authenticated API call needs."""
    await make_user(cli, name, role)
    assert (await api_login(client, name)).status_code == 200
    return {"X-CSRFToken": await csrf_token(client)}


async def small_period(client, settings) -> dict[str, list[str]]:
    """Six phone cases closed at the Front Office and five email cases at the Back Office,
    all answered (two email answers unhappy: follow-ups), and one phone case not answered."""
    await emergency(client)
    office = await make_office(client, "volontariato")
    codes: dict[str, list[str]] = {"phone": [], "email": []}
    for day, score in enumerate(PHONE_SCORES, start=1):
        made = await case(
            client,
            settings,
            opened=f"2012-05-{day:02d}T10:00:00+02:00",
            closed=f"2012-05-{day:02d}T11:00:00+02:00",
            answers={"satisfaction": score, "resolved": "yes"},
            channel="phone",
            region="lazio",
        )
        codes["phone"].append(made["code"])
    for day, score in enumerate(EMAIL_SCORES, start=10):
        comment = INJECTION if day == 10 else "Risposta chiara"
        made = await case(
            client,
            settings,
            opened=f"2012-05-{day:02d}T10:00:00+02:00",
            closed=f"2012-05-{day + 3:02d}T10:00:00+02:00",
            office=office,
            answers={"satisfaction": score, "resolved": "yes", "comment": comment},
            channel="email",
            region="emilia_romagna" if day < 14 else "molise",
        )
        codes["email"].append(made["code"])
    unanswered = await case(
        client,
        settings,
        opened="2012-06-01T10:00:00+02:00",
        closed="2012-06-01T12:00:00+02:00",
        channel="phone",
        region="lazio",
    )
    codes["unanswered"] = [unanswered["code"]]
    return codes


__all__ = ["answer", "signed_in", "small_period"]
