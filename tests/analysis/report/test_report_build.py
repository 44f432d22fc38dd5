"""The report built straight from columns: a group at the edge of the scale is reported."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from analysis import simulate_feedback
from analysis.report import texts
from analysis.report.data import Period, ReportData
from analysis.report.render_html import render_html
from analysis.report.report import SECTION_KEYS, build_report
from analysis.report.texts import LANGUAGES


def test_a_group_where_everyone_scored_five_is_drawn(tmp_path):
    columns = simulate_feedback(3000, seed=7)
    fax = columns.channel.codes == columns.channel.code("fax")
    satisfaction = columns.satisfaction.copy()
    satisfaction[fax & np.isfinite(satisfaction)] = 5.0  # CSAT exactly 1: Wilson's bound is 1
    columns = type(columns)(
        **{
            name: satisfaction if name == "satisfaction" else getattr(columns, name)
            for name in columns.__dataclass_fields__
            if name != "days_to_close"
        }
    )
    data = ReportData(Period(date(2011, 1, 1), date(2013, 1, 1)), columns, (), ())
    report = build_report(data=data, lang="en")
    assert [section.key for section in report.sections] == list(SECTION_KEYS)
    html = render_html(report)
    assert "Certified email (PEC)" in html and "<script" not in html
    assert "not estimable" in html  # the fax odds ratio has no finite estimate


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_period_without_comments_says_so(lang):
    data = ReportData(Period(date(2011, 1, 1), date(2012, 1, 1)), simulate_feedback(800), (), ())
    assert data.comments == () and build_report(data=data).sections  # enough answers to show
    report = build_report(data=data, lang=lang)
    comments = next(section for section in report.sections if section.key == "comments")
    assert comments.findings == (texts.text(lang, "no_comments"),) and not comments.tables


def test_the_report_states_the_phone_requests_inside_the_hours_per_period():
    from datetime import datetime

    from analysis.report.data import Emergency

    columns = simulate_feedback(800, seed=3)
    flood = Emergency("Alluvione", datetime(2012, 3, 1), datetime(2012, 3, 10), 8, 22)
    data = ReportData(Period(date(2011, 1, 1), date(2013, 1, 1)), columns, (flood,), ())
    section = next(s for s in build_report(data=data, lang="en").sections if s.key == "hours")
    rows = {row[0]: row for row in section.tables[0].rows}
    phone = columns.channel.codes == columns.channel.code("phone")
    assert rows["ordinary times"][1] == "9–18"
    in_flood = phone & (columns.opened_at >= np.datetime64("2012-03-01"))
    in_flood &= columns.opened_at < np.datetime64("2012-03-10")
    if in_flood.any():
        assert rows["Alluvione"][1] == "8–22"
    # Every phone request is in ordinary time or in the flood, and counted once.
    counted = sum(int(row[2].replace(",", "")) for row in rows.values())
    assert counted == int(phone.sum())
    assert "Monday to Friday" in section.findings[0]
