"""The report's section on the referents' consultation, under the anonymity threshold."""

from __future__ import annotations

from tests.factories import close_case, make_case
from tests.survey.consultations.helpers import (
    answer_all,
    close,
    create,
    form_answers,
    manager,
    open_and_mail,
    referents,
)


async def test_the_report_shows_the_consultation_scales_and_hides_small_offices(
    client, cli, smtp_settings, inbox, tmp_path
):
    case = await make_case(client, opened_at="2012-07-02T10:00:00+02:00", contact_email=None)
    await close_case(client, case["code"], at="2012-07-02T11:00:00+02:00")
    await referents(client, {"volontariato": 6, "emergenze": 3})
    headers = await manager(client, cli)
    consultation = await create(client, headers, opens_on="2012-07-04", closes_on="2012-07-31")
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    for to, path in sorted(links.items()):
        office = to.split(".")[0]
        await answer_all(client, path, form_answers(office=office))
    out = tmp_path / "report.html"
    # While open, the answers are sealed: the report has no consultation to show.
    result = await cli("report", "--from", "2012-07-01", "--to", "2012-07-04", "--out", out)
    assert result.exit_code == 0, result.output
    assert "9 risposte" not in out.read_text(encoding="utf-8")
    assert (await close(client, headers, consultation["id"])).status_code == 200
    result = await cli("report", "--from", "2012-07-01", "--to", "2012-07-04", "--out", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "La consultazione dei referenti" in html
    assert "9 risposte su 9 referenti invitati (chiusa)" in html
    assert "Usabilità della piattaforma (SUS)" in html
    # emergenze's 3 answers were merged at the tally into the department, and volontariato's
    # with them (else 9 − 6 would give them away): one group of 9, no office named.
    assert "<td>dipartimento</td><td>9</td>" in html.replace("\n", "").replace(" ", "")
    assert "<td>emergenze</td>" not in html and "<td>volontariato</td>" not in html


async def test_the_report_compares_a_wave_with_the_one_it_follows(
    client, cli, smtp_settings, inbox, tmp_path
):
    from questionnaires import Registry
    from tests.survey.consultations.waves_scenario import two_waves

    case = await make_case(client, opened_at="2013-07-02T10:00:00+02:00", contact_email=None)
    await close_case(client, case["code"], at="2013-07-02T11:00:00+02:00")
    await two_waves(client, cli, smtp_settings, inbox, Registry.load())
    out = tmp_path / "report.html"
    for lang, finding, row in (
        ("it", "Rispetto a «Consultazione dei referenti 2012»: 1 scale migliorate, 0 peggiorate, "
         "6 senza un cambiamento dimostrato", "migliorata"),
        ("en", "Compared with “Consultazione dei referenti 2012”: 1 scale(s) improved, 0 "
         "worsened, 6 without a change shown", "improved"),
    ):  # fmt: skip
        result = await cli(
            "report", "--from", "2013-07-01", "--to", "2013-08-01", "--lang", lang, "--out", out
        )
        assert result.exit_code == 0, result.output
        html = " ".join(out.read_text(encoding="utf-8").split())
        assert finding in html
        assert row in html and "+1" in html
