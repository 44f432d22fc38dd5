"""The report's section on follow-ups: the call-backs that low ratings opened for the period's
cases, how they were worked (open, overdue, median days to close, outcomes) by office and month,
and the citizens asked again when theirs closed, whose answers stay out of the main CSAT."""

from __future__ import annotations

from analysis import suppression
from analysis.follow_ups import FollowUpGroup, figures_of, re_asks_of
from analysis.report import texts, words_en, words_it
from analysis.report.structure import Context, Section, Table

# The outcomes in the order a reader expects them: solved first, the citizen's own last.
OUTCOMES = (
    "recontacted_solved",
    "recontacted_nothing_more",
    "unreachable",
    "not_a_service_problem",
    "rating_improved",
)


def follow_ups_section(context: Context) -> Section:
    """Follow-ups of the period's cases, with the re-asks counted apart."""
    records = context.data.follow_ups
    title = context.t("follow_ups")
    if not records:
        return Section("follow_ups", title, (context.t("follow_ups_none"),))
    figures = figures_of(records)
    overall = figures.overall
    findings = [
        context.t(
            "finding_follow_ups",
            total=texts.count(context.lang, overall.total),
            closed=texts.count(context.lang, overall.closed),
            open=texts.count(context.lang, overall.open),
            overdue=texts.count(context.lang, overall.overdue),
        )
    ]
    if overall.median_days_to_close is not None:
        findings.append(
            context.t(
                "finding_follow_ups_median", days=context.number(overall.median_days_to_close)
            )
        )
    findings.append(_re_asks(context))
    tables = (
        _outcomes(context, overall),
        _groups(context, figures.by_office, context.t("office"), office=True),
        _groups(context, figures.by_month, context.t("follow_ups_month")),
    )
    return Section("follow_ups", title, tuple(findings), tables)


def _re_asks(context: Context) -> str:
    found = re_asks_of(context.data.follow_ups)
    if found.asked == 0:
        return context.t("finding_re_asks_none")
    if found.csat_again is None:
        return context.t(
            "finding_re_asks_few",
            asked=texts.count(context.lang, found.asked),
            answered=texts.count(context.lang, found.answered),
            k=suppression.DEFAULT_THRESHOLD,
        )
    return context.t(
        "finding_re_asks",
        asked=texts.count(context.lang, found.asked),
        answered=texts.count(context.lang, found.answered),
        again=texts.share(context.lang, found.csat_again),
        first=texts.share(context.lang, found.csat_first),
        improved=texts.count(context.lang, found.improved or 0),
    )


def _outcomes(context: Context, overall: FollowUpGroup) -> Table:
    rows = tuple(
        (context.t(f"outcome_{outcome}"), context.percent(overall.outcome_shares.get(outcome, 0.0)))
        for outcome in OUTCOMES
    )
    header = (context.t("follow_ups_outcome"), context.t("follow_ups_share_closed"))
    return Table(header, rows, caption=context.t("follow_ups_outcomes_caption"))


def _groups(
    context: Context, groups: tuple[FollowUpGroup, ...], name: str, *, office: bool = False
) -> Table:
    rows = tuple(
        (
            context.level(group.group, "office") if office else _month(context, group.group),
            texts.count(context.lang, group.total),
            texts.count(context.lang, group.open),
            texts.count(context.lang, group.overdue),
            context.number(group.median_days_to_close),
            context.percent(group.outcome_shares.get("recontacted_solved", 0.0))
            if group.closed
            else texts.text(context.lang, "not_available"),
        )
        for group in groups
    )
    header = (
        name,
        context.t("follow_ups"),
        context.t("follow_ups_open"),
        context.t("follow_ups_overdue"),
        context.t("follow_ups_median_days"),
        context.t("outcome_recontacted_solved"),
    )
    return Table(header, rows)


def _month(context: Context, month: str) -> str:
    year, number = month.split("-")
    names = words_it.MONTHS if context.lang == "it" else words_en.MONTHS
    return f"{names[int(number) - 1]} {year}"
