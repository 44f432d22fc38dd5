"""`ascolto privacy purge`: exactly what is past its retention goes (contact details,
comments, notes, links, copies of emails), what is not stays; no byte of what went is left
in the database's files (SQLite's file and WAL; PostgreSQL's pages after VACUUM); the
analysis reads every rating as before."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import msgspec
import pytest

from analysis.report.data import Period
from case_bridge.storage import clock, json_object
from case_bridge.tables import Case, CaseEvent
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse, FeedbackRevision
from survey.hooks import hooks_for
from survey.outbox.sender import deliver_due
from survey.outbox.tables import OutboxMessage
from survey.privacy.audit import recorded_actions
from survey.privacy.retention import seconds_until_hour
from survey.report.loader import load_feedback_columns
from tests.factories import close_case, make_case
from tests.survey.consultations.anonymity_scenario import database_files
from tests.survey.consultations.test_anonymity_after_tally import (
    _pageinspect,
    _raw_pages,
    _with_toast,
)
from tests.survey.feedback.helpers import link_of

OLD = "anziano.scaduto"  # markers of the expired person's data, searched for in the files
OLD_COMMENT = "commento-scaduto-marcatore"
OLD_NOTE = "nota-scaduta-marcatore"
NEW = "recente.conservato"
NEW_COMMENT = "commento-recente-marcatore"


async def _person(client, settings, *, who: str, comment: str, closed_at: str | None, note=""):
    opened = "2012-05-29T10:00:00+02:00" if closed_at else clock.now().isoformat()
    made = await make_case(
        client,
        opened_at=opened,
        contact_email=f"{who}@example.org",
        contact_phone="+39 333 0000000",
    )
    body = {"note": note} | ({"at": closed_at} if closed_at else {})
    await close_case(client, made["code"], **body)
    token = (await link_of(settings, made["code"])).rsplit("/f/", 1)[1]
    for answers in ({"satisfaction": 3}, {"satisfaction": 4, "comment": comment}):
        sent = await client.put(f"/api/feedback/{token}", json={"answers": answers})
        assert sent.status_code == 200, sent.text
    return made["code"], token


async def _row(code: str) -> dict:
    return await Case.select().where(Case.code == code).first().run()


@pytest.mark.timeout(90)  # two purges, each rewriting the database (VACUUM)
async def test_purge_removes_exactly_what_is_past_its_time_and_leaves_no_byte_of_it(
    client, cli, settings, smtp_settings, inbox, engine, database_url
):
    old, old_token = await _person(
        client, settings, who=OLD, comment=OLD_COMMENT, closed_at="2012-06-01T12:00:00+02:00",
        note=f"{OLD_NOTE}: richiamare al 333 0000000",
    )  # fmt: skip
    new, new_token = await _person(client, settings, who=NEW, comment=NEW_COMMENT, closed_at=None)
    await deliver_due(settings=smtp_settings, links=hooks_for(smtp_settings).links)
    assert len(inbox.messages) == 2  # both invitations, sent now

    purged = await cli("privacy", "purge")
    assert purged.exit_code == 0, purged.output
    assert "contacts: 1" in purged.output and "comments: 2" in purged.output, purged.output

    old_case, new_case = await _row(old), await _row(new)
    assert (old_case["contact_email"], old_case["contact_phone"]) == (None, None)
    assert new_case["contact_email"] == f"{NEW}@example.org"
    answers = {
        row["case"]: json_object(row["answers"])
        for row in await FeedbackResponse.select(
            FeedbackResponse.case, FeedbackResponse.answers
        ).run()
    }
    assert answers[old_case["id"]] == {"satisfaction": 4}
    assert answers[new_case["id"]]["comment"] == NEW_COMMENT
    revisions = [json_object(r["answers"]) for r in await FeedbackRevision.select().run()]
    assert OLD_COMMENT not in str(revisions) and NEW_COMMENT in str(revisions)
    notes = [row["note"] for row in await CaseEvent.select(CaseEvent.note).run()]
    assert not any(OLD_NOTE in note for note in notes)
    invitations = {r["case"]: r for r in await FeedbackInvitation.select().run()}
    assert invitations[old_case["id"]]["nonce"] == ""
    assert invitations[old_case["id"]]["requester_key"] is None
    assert invitations[new_case["id"]]["requester_key"] is not None
    assert (await client.get(f"/f/{old_token}")).status_code == 404
    assert (await client.get(f"/f/{new_token}")).status_code == 200
    recipients = sorted(r["recipient"] for r in await OutboxMessage.select().run())
    assert recipients == [f"{OLD}@example.org", f"{NEW}@example.org"]  # sent today: kept

    (action,) = await recorded_actions()
    assert (action.actor, action.action, action.subject_kind) == ("retention", "purge", "none")
    assert action.affected == {
        "contacts": 1, "requester_keys": 1, "comments": 2, "notes": 1, "links": 1
    }  # fmt: skip
    assert OLD not in msgspec.json.encode(action).decode()

    again = await cli("privacy", "purge")
    assert again.output.strip() == "nothing is past its retention"
    assert len(await recorded_actions()) == 1

    # Emails are counted from their sending: with no days to keep them, both copies go.
    emails = await cli("privacy", "purge", extra_env={"ASCOLTO_RETENTION_OUTBOX_DAYS": "0"})
    assert emails.output.strip() == "emails: 2", emails.output
    assert {r["recipient"] for r in await OutboxMessage.select().run()} == {""}

    # The analysis reads both ratings, as before the purge.
    columns = await load_feedback_columns(
        engine=engine, period=Period(date(2012, 1, 1), clock.now().date() + timedelta(days=2))
    )
    assert sorted(int(s) for s in columns.satisfaction if s == s) == [4, 4]

    expired = [OLD.encode(), OLD_COMMENT.encode(), OLD_NOTE.encode()]
    if engine.engine_type == "sqlite":
        files = database_files(database_url)
    else:
        if not await _pageinspect(engine):
            pytest.skip("pageinspect is not available on this server")
        files = b""
        for table in ("cases", "case_events", "feedback_responses", "feedback_revisions",
                      "feedback_invitations", "outbox_messages"):  # fmt: skip
            for relation in await _with_toast(engine, table):
                files += await _raw_pages(engine, relation)
    assert NEW.encode() in files and NEW_COMMENT.encode() in files  # the search finds data
    for marker in expired:
        assert marker not in files, marker


def test_the_daily_purge_waits_for_its_hour():
    at = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
    assert seconds_until_hour(at, 3) == 30 * 60
    assert seconds_until_hour(at.replace(hour=3, minute=0), 3) == 24 * 3600
    assert seconds_until_hour(at.replace(hour=23), 3) == 3.5 * 3600


def test_the_demo_keeps_its_year_unless_the_environment_says_otherwise():
    from survey.demo.calendar import FIRST_DAY
    from survey.demo.welcome import demo_retention

    kept = demo_retention(date(2026, 12, 1), {})
    assert kept.keys() == {"retention_contact_days", "retention_comment_days"}
    assert all(FIRST_DAY + timedelta(days=days) >= date(2027, 12, 1) for days in kept.values())
    chosen = demo_retention(date(2026, 12, 1), {"ASCOLTO_RETENTION_CONTACT_DAYS": "365"})
    assert chosen.keys() == {"retention_comment_days"}


async def test_the_app_runs_the_purge_in_the_background(client, settings):
    from survey.privacy.retention import background_purge
    from survey.questionnaire_versions.services import load_registry

    old, _ = await _person(
        client, settings, who=OLD, comment=OLD_COMMENT, closed_at="2012-06-01T12:00:00+02:00"
    )
    daily = msgspec.structs.replace(settings, purge_hour=3)
    async with background_purge(daily, await load_registry(), first_wait=0):
        for _ in range(200):
            if (await _row(old))["contact_email"] is None:
                break
            await asyncio.sleep(0.05)
    assert (await _row(old))["contact_email"] is None
    (action,) = await recorded_actions()
    assert action.actor == "retention"
