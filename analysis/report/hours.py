"""The line's hours against the phone requests: the share inside the hours in force, per
period (ordinary time, each emergency with its extended hours)."""

from __future__ import annotations

from analysis.report import texts
from analysis.report.structure import Context, Section, Table
from analysis.service_hours import ORDINARY_PERIOD, HoursCoverage, phone_coverage


def coverage(context: Context) -> tuple[HoursCoverage, ...]:
    data = context.data
    periods = [emergency.hours for emergency in data.emergencies]
    return phone_coverage(data.columns, data.ordinary_hours, periods)


def hours_section(context: Context) -> Section:
    """Coverage of the phone requests by the hours, ordinary time first."""
    found = coverage(context)
    ordinary = context.data.ordinary_hours
    days = f"hours_days_{min(ordinary.weekdays)}{max(ordinary.weekdays)}"
    intro = context.t(
        "hours_ordinary",
        days=context.t(days) if days in _KNOWN_DAYS else str(ordinary).split(" ")[0],
        opening=ordinary.opening_hour,
        closing=ordinary.closing_hour,
    )
    outside = sum(row.phone_requests - row.inside for row in found)
    findings = [intro]
    if any(row.phone_requests for row in found):
        findings.append(context.t("hours_outside", count=texts.count(context.lang, outside)))
    rows = tuple(
        (
            context.t("hours_ordinary_period") if row.period == ORDINARY_PERIOD else row.period,
            _hours(context, row),
            texts.count(context.lang, row.phone_requests),
            texts.count(context.lang, row.phone_requests - row.inside),
            context.percent(row.share.estimate),
            f"{context.percent(row.share.low)}–{context.percent(row.share.high)}",
        )
        for row in found
    )
    header = (
        context.t("period_kind"),
        context.t("hours_hours"),
        context.t("hours_phone"),
        context.t("hours_outside_count"),
        context.t("hours_inside_share"),
        context.t("interval"),
    )
    table = Table(header, rows, caption=context.t("hours_caption"))
    return Section("hours", context.t("hours"), tuple(findings), (table,))


# The day spans the report has words for (0 = Monday to 4 = Friday, 5 Saturday, 6 Sunday).
_KNOWN_DAYS = ("hours_days_04", "hours_days_05", "hours_days_06")


def _hours(context: Context, row: HoursCoverage) -> str:
    if row.opening_hour == 0 and row.closing_hour == 24:
        return context.t("hours_round_the_clock")
    return f"{row.opening_hour}–{row.closing_hour}"
