"""The referent's form as a referent uses it: blanks on every button, resume where they
stopped, the draft only in their browser, their language kept, whom to ask when a link fails."""

from __future__ import annotations

from survey.consultations.sealing import open_draft
from survey.consultations.tables import ConsultationInvitation
from tests.survey.consultations.helpers import (
    QUESTIONNAIRE,
    close,
    create,
    form_answers,
    manager,
    open_and_mail,
    post_section,
    referents,
    section_fields,
)


async def _link(client, cli, smtp_settings, inbox) -> tuple[str, dict, dict]:
    await referents(client, {"volontariato": 5})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    return sorted(links.values())[0], headers, consultation


async def test_blank_answers_on_every_button_never_fail(client, cli, smtp_settings, inbox):
    path, _, _ = await _link(client, cli, smtp_settings, inbox)
    answers = form_answers()
    some = dict(list(section_fields(0, answers).items())[:1])  # one answer, two left blank
    for action in ("save", "next"):
        response = await post_section(client, path, 0, some, action)
        assert response.status_code in (200, 303), response.text[:500]
    nothing = await post_section(client, path, 1, {}, "save")
    assert nothing.status_code == 200 and "Risposte salvate" in nothing.text
    # Sending with required answers missing names them, with links to their sections.
    sent = await post_section(client, path, len(QUESTIONNAIRE.sections) - 1, {}, "submit")
    assert sent.status_code == 422
    assert "?section=0&amp;lang=it#item-" in sent.text
    assert not any(row["used"] for row in await ConsultationInvitation.select().run())


async def test_resume_opens_the_first_unfinished_section_and_marks_the_finished(
    client, cli, smtp_settings, inbox
):
    path, _, _ = await _link(client, cli, smtp_settings, inbox)
    answers = form_answers()
    for index in (0, 1):
        await post_section(client, path, index, section_fields(index, answers), "next")
    partial = dict(list(section_fields(2, answers).items())[:1])
    await post_section(client, path, 2, partial, "save")
    resumed = await client.get(path)
    assert "Sezione 3 di 8" in resumed.text  # section 3 lacks two required answers
    assert resumed.text.count('class="done"') == 2
    await post_section(client, path, 2, section_fields(2, answers), "save")
    assert "Sezione 4 di 8" in (await client.get(path)).text  # the first not yet visited


async def test_the_draft_lives_only_in_the_link_s_cookies(client, cli, smtp_settings, inbox):
    path, _, _ = await _link(client, cli, smtp_settings, inbox)
    token = path.removeprefix("/c/")
    answers = form_answers()
    saved = await post_section(client, path, 0, section_fields(0, answers), "save")
    cookie = saved.headers["set-cookie"]
    assert f"Path={path}" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert "Secure" not in cookie  # the public URL of the tests is http
    assert "expires=" not in cookie.lower() or "2012" not in cookie  # closes_on is past: session
    value = client.cookies.get("draft0")
    opened = open_draft(token, value)
    assert opened["section"] == 0 and opened["answers"]
    # Nothing of the draft on the server: no row holds the sealed value or the answers.
    rows = await ConsultationInvitation.select().run()
    assert all("draft" not in row for row in rows)
    assert value not in str(rows)
    # A cookie of section 0 renamed as section 3's gives section 3 nothing.
    client.cookies.set("draft3", value, domain="testserver.local", path=path)
    page = await client.get(f"{path}?section=3")
    assert "checked" not in page.text
    # Once sent, the browser is told to forget every section.
    await post_section(client, path, 0, section_fields(0, answers), "save")
    last = len(QUESTIONNAIRE.sections) - 1
    for index in range(1, last):
        await post_section(client, path, index, section_fields(index, answers), "next")
    sent = await post_section(client, path, last, section_fields(last, answers), "submit")
    assert sent.status_code == 303
    forgotten = sent.headers.get_list("set-cookie")
    assert len(forgotten) == len(QUESTIONNAIRE.sections)
    assert all("Max-Age=0" in header for header in forgotten)


async def test_the_language_is_kept_across_sections(client, cli, smtp_settings, inbox):
    path, _, _ = await _link(client, cli, smtp_settings, inbox)
    page = await client.get(f"{path}?lang=en")
    assert "Section 1 of 8" in page.text and 'action="?section=0&amp;lang=en"' in page.text
    answers = form_answers()
    await client.get(f"{path}?section=0&lang=en")
    moved = await client.post(
        f"{path}?section=0&lang=en",
        data=section_fields(0, answers) | {"_action": "next"},
        headers={"X-CSRFToken": client.cookies.get("csrftoken", "")},
    )
    assert moved.status_code == 303 and moved.headers["location"].endswith("section=1&lang=en")
    assert "Section 2 of 8" in (await client.get(moved.headers["location"])).text


async def test_a_lost_or_closed_link_names_someone_in_the_department(
    client, cli, smtp_settings, inbox
):
    path, headers, consultation = await _link(client, cli, smtp_settings, inbox)
    lost = await client.get("/c/not-a-real-link")
    assert lost.status_code == 404
    assert "ufficio del Dipartimento che ti ha inviato" in lost.text
    assert "800" not in lost.text
    await close(client, headers, consultation["id"])
    closed = await client.get(path + "?lang=en")
    assert closed.status_code == 409 and "the Department office" in closed.text


async def test_a_comment_too_long_for_a_cookie_is_kept_on_the_page_and_can_be_sent(
    client, cli, smtp_settings, inbox
):
    path, _, _ = await _link(client, cli, smtp_settings, inbox)
    last = len(QUESTIONNAIRE.sections) - 1
    answers = form_answers() | {"suggestions": "è" * 2000}
    kept = await post_section(client, path, last, section_fields(last, answers), "save")
    assert kept.status_code == 422 and "troppo lunghe per essere salvate" in kept.text
    assert "è" * 2000 in kept.text  # nothing typed is lost
    for index in range(last):
        await post_section(client, path, index, section_fields(index, answers), "next")
    sent = await post_section(client, path, last, section_fields(last, answers), "submit")
    assert sent.status_code == 303


async def test_arriving_from_another_site_reloads_from_the_page_to_get_the_draft(
    client, cli, smtp_settings, inbox
):
    # A webmail's link is a cross-site navigation: the browser withholds SameSite=Strict
    # cookies, so the page sends it on again from itself, a same-site navigation.
    path, _, _ = await _link(client, cli, smtp_settings, inbox)
    arriving = await client.get(f"{path}?lang=en", headers={"Sec-Fetch-Site": "cross-site"})
    assert arriving.status_code == 200
    assert f'content="0; url={path}?lang=en"' in arriving.text
    assert "Section 1 of 8" not in arriving.text
    again = await client.get(f"{path}?lang=en", headers={"Sec-Fetch-Site": "same-origin"})
    assert "Section 1 of 8" in again.text
