"""The report built straight from columns: a group at the edge of the scale is reported."""

from __future__ import annotations

from datetime import date

import numpy as np

from analysis import simulate_feedback
from analysis.report.data import Period, ReportData
from analysis.report.render_html import render_html
from analysis.report.report import SECTION_KEYS, build_report


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
