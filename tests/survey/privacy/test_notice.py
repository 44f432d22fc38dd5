"""The short privacy notice on every page a citizen or a referent sees and in every email,
each in its language and linked to the full notice, whose periods are the settings' own."""

from __future__ import annotations

from html import escape as html_escape

import msgspec
import pytest
from markupsafe import escape

from survey.privacy.notice import SHIPPED, Audience, notice, period, with_email_notice
from tests.survey.consultations.helpers import create, manager, open_and_mail, referents
from tests.survey.feedback.helpers import closed_case_token
from tests.survey.follow_ups.helpers import (
    link_paths,
    notify_and_deliver,
    office_with_referent,
    unhappy_case,
)


def _has_notice(page: str, settings, lang: str, audience: Audience) -> bool:
    found = notice(settings, lang)
    short = found.referent_short if audience == Audience.REFERENT else found.short
    return str(escape(short)) in page and f'href="/privacy?lang={lang}"' in page


async def _citizen_pages(client, settings) -> dict[str, str]:
    code, token = await closed_case_token(client, settings)
    pages = {}
    for lang in ("it", "en"):
        pages[f"form {lang}"] = f"/f/{token}?lang={lang}"
        pages[f"rating step {lang}"] = f"/f/{token}?satisfaction=4&lang={lang}"
        pages[f"status {lang}"] = f"/cases/{code}/status?lang={lang}"
        pages[f"unavailable {lang}"] = f"/f/not-a-working-link?lang={lang}"
        pages[f"unknown case {lang}"] = f"/cases/CC-2099-000001/status?lang={lang}"
        pages[f"full notice {lang}"] = f"/privacy?lang={lang}"
    answered = await client.put(f"/api/feedback/{token}", json={"answers": {"satisfaction": 5}})
    assert answered.status_code == 200
    for lang in ("it", "en"):
        pages[f"thanks {lang}"] = f"/f/{token}?lang={lang}"
    return pages


async def test_every_citizen_page_carries_the_short_notice_in_its_language(client, settings):
    for name, path in (await _citizen_pages(client, settings)).items():
        answer = await client.get(path, headers={"Accept": "text/html"})
        assert answer.status_code in (200, 404), (name, answer.status_code)
        lang = path.rsplit("lang=", 1)[1]
        assert _has_notice(answer.text, settings, lang, Audience.CITIZEN), name


async def test_the_full_notice_states_the_periods_of_the_settings(client, settings):
    page = (await client.get("/privacy?lang=en")).text
    assert "<h1>Privacy notice</h1>" in page
    assert "12 months after the request is closed" in page
    assert "30 days after sending" in page
    assert "Garante per la protezione dei dati personali" in page
    italian = (await client.get("/privacy?lang=it")).text
    assert "Informativa sul trattamento dei dati personali" in italian
    assert "12 mesi dopo la" in italian


@pytest.mark.parametrize(
    ("days", "it", "en"),
    [(30, "30 giorni", "30 days"), (365, "12 mesi", "12 months"), (800, "26 mesi", "26 months")],
)
def test_periods_in_words(days, it, en):
    assert (period(days, "it"), period(days, "en")) == (it, en)


def test_a_body_in_two_languages_gets_each_notice_in_its_part(settings):
    body = with_email_notice("Ciao\n\n---\n\nHello\n", settings, Audience.CITIZEN)
    italian, english = body.split("\n---\n")
    assert notice(settings, "it").short in italian and notice(settings, "en").short in english
    assert "http://testserver.local/privacy\n" in italian + "\n"
    assert "http://testserver.local/privacy?lang=en" in english


async def test_every_email_and_the_referents_pages_carry_the_notice(
    client, cli, settings, smtp_settings, inbox
):
    await office_with_referent(client)
    await unhappy_case(client, settings)  # a citizen's invitation, an office's follow-up
    await notify_and_deliver(smtp_settings)
    office_messages = len(inbox.messages)
    await referents(client, {"volontariato": 5})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    consultation_links = await open_and_mail(
        client, headers, consultation["id"], smtp_settings, inbox
    )
    kinds = {"citizen": 0, "office": 0, "referent": 0}
    for message in inbox.messages:
        # The Message-ID holds the outbox key, which says what the message is for.
        key = message["Message-ID"]
        kind = (
            "citizen" if "feedback-invitation" in key else "office" if "follow-up" in key
            else "referent"
        )  # fmt: skip
        kinds[kind] += 1
        audience = Audience.CITIZEN if kind == "citizen" else Audience.REFERENT
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for lang in ("it", "en"):
            found = notice(settings, lang)
            short = found.short if audience == Audience.CITIZEN else found.referent_short
            assert " ".join(short.split()) in " ".join(text.split()), (kind, lang)
            assert html_escape(short) in html, (kind, lang)
        assert "http://testserver.local/privacy?lang=en" in text
    assert all(kinds.values()), kinds

    office_page = link_paths(inbox.messages[:office_messages])[0]
    referent_page = next(iter(consultation_links.values()))
    for path, lang in (
        (f"{office_page}?lang=it", "it"),
        (f"{referent_page}?section=0&lang=en", "en"),
        (f"{referent_page}?section=0&lang=it", "it"),
        ("/c/not-a-working-link?lang=en", "en"),
        ("/s/not-a-working-link?lang=it", "it"),
    ):
        answer = await client.get(path)
        assert answer.status_code in (200, 404), path
        assert _has_notice(answer.text, settings, lang, Audience.REFERENT), path
        assert not _has_notice(answer.text, settings, lang, Audience.CITIZEN), path


async def test_a_deployment_s_own_notice_file_is_used(client, settings, tmp_path):
    shipped = SHIPPED.read_text(encoding="utf-8")
    own = tmp_path / "notice.yaml"
    own.write_text(shipped.replace("rpd@protezionecivile.invalid", "dpo@comune.example"))
    changed = msgspec.structs.replace(settings, privacy_notice_file=str(own))
    assert "dpo@comune.example" in notice(changed, "it").short
    assert "dpo@comune.example" not in notice(settings, "it").short
