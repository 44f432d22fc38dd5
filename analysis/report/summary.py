"""The director's first page: five key figures with their interval, their change on the previous
period and their distance from the target, three findings chosen by the headline rule, and
what to look at first."""

from __future__ import annotations

import math

import numpy as np

from analysis.comparisons import GroupComparison
from analysis.feedback import Overview, overview
from analysis.follow_ups import figures_of
from analysis.headlines import (
    CsatDifference,
    csat_difference,
    group_against_rest,
    headline_findings,
    two_groups,
)
from analysis.intervals import Z95
from analysis.report import texts
from analysis.report.structure import Context, Section, Table
from analysis.results import Estimate

# The five figures, how each is written and the scale of its change: shares in percentage
# points, NPS in points, CES on its 1-7 scale.
KEY_FIGURES = ("csat", "nps", "ces", "resolution", "response_rate")
SHARES = {"csat", "resolution", "response_rate"}


def _figure(view: Overview, key: str) -> Estimate:
    return {
        "csat": view.csat,
        "nps": view.nps,
        "ces": view.effort,
        "resolution": view.resolution_rate,
        "response_rate": view.response_rate,
    }[key]


def _written(context: Context, key: str, value: Estimate) -> str:
    if key in SHARES:
        return texts.share(context.lang, value)
    return texts.estimate(context.lang, value, digits=0 if key == "nps" else 2)


def change(key: str, now: Estimate, before: Estimate) -> tuple[float, float, float] | None:
    """This period minus the previous one with a 95 % interval: Newcombe's for shares (in
    points), otherwise from the two intervals' standard errors (independent periods)."""
    if now.estimate is None or before.estimate is None:
        return None
    if key in SHARES:
        satisfied = (round(now.estimate * now.n), now.n)
        earlier = (round(before.estimate * before.n), before.n)
        gap = csat_difference(key, key, ("", *satisfied), ("", *earlier))
        return gap.points, gap.low, gap.high
    if None in (now.low, now.high, before.low, before.high):
        return None
    se = math.hypot(
        (now.high - now.low) / (2 * Z95),  # type: ignore[operator]
        (before.high - before.low) / (2 * Z95),  # type: ignore[operator]
    )
    difference = now.estimate - before.estimate
    return difference, difference - Z95 * se, difference + Z95 * se


def _previous(context: Context) -> Overview | None:
    previous = context.data.previous
    if previous is None or len(previous) == 0:
        return None
    return overview(previous, ~np.isnat(previous.closed_at))


def _change_cell(context: Context, key: str, now: Estimate, before: Overview | None) -> str:
    if before is None:
        return context.t("no_previous")
    found = change(key, now, _figure(before, key))
    if found is None:
        return context.t("not_available")
    if key in SHARES:
        return texts.points(context.lang, *found)
    digits = 0 if key == "nps" else 2
    low, high = (texts.number(context.lang, x, digits) for x in found[1:])
    point = texts.number(context.lang, found[0], digits)
    return f"{'+' if found[0] > 0 else ''}{point} ({context.t('interval')} {low}…{high})"


def _target_cell(context: Context, key: str, now: Estimate) -> str:
    target = context.data.targets.get(key)
    if target is None or now.estimate is None:
        return context.t("none")
    low = 100 * now.low if key in SHARES and now.low is not None else now.low
    high = 100 * now.high if key in SHARES and now.high is not None else now.high
    written = texts.number(context.lang, target, 0 if key in SHARES or key == "nps" else 1)
    # Met or missed only when the whole interval is on one side of the target.
    if low is not None and low >= target:
        verdict = "target_met"
    elif high is not None and high < target:
        verdict = "target_missed"
    else:
        verdict = "target_unclear"
    return f"{written}{' %' if key in SHARES else ''}: {context.t(verdict)}"


def key_figures_table(context: Context) -> Table:
    """The five key figures with interval, change on the previous period and target."""
    now, before = context.analysis.overview, _previous(context)
    rows = tuple(
        (
            context.t(f"key_{key}"),
            _written(context, key, _figure(now, key)),
            _change_cell(context, key, _figure(now, key), before),
            _target_cell(context, key, _figure(now, key)),
        )
        for key in KEY_FIGURES
    )
    header = (
        context.t("metric"),
        context.t("value"),
        context.t("change_previous"),
        context.t("target"),
    )
    notes = (context.t("no_previous_note"),) if before is None else ()
    return Table(header, rows, caption=context.t("key_figures"), notes=notes)


def candidates(context: Context) -> list[CsatDifference]:
    """Every CSAT difference the report could state: paths, emergency, factors, time bands."""
    analysis = context.analysis
    found: list[CsatDifference] = []
    path = {g.group: g for g in analysis.by_path.groups}
    if "front_office" in path and "back_office" in path and path["front_office"].n:
        found.append(
            two_groups(
                "resolution_path", "resolution_path", path["back_office"], path["front_office"]
            )
        )
    emergency = {g.group: g for g in analysis.emergency.groups}
    if emergency.get("emergency") and emergency.get("ordinary"):
        found.append(
            two_groups("emergency", "emergency", emergency["emergency"], emergency["ordinary"])
        )
    for comparison in analysis.by_factor:
        found += group_against_rest(comparison.factor, comparison)
    bands = analysis.time_to_close
    found += group_against_rest(
        "time_to_close", GroupComparison("time_band", bands.bands, bands.correlation)
    )
    return found


def headline_sentence(context: Context, difference: CsatDifference) -> str:
    """One headline in words: the group, its gap in CSAT points with interval, its answers."""
    group = context.level(difference.group, difference.factor)
    reference = (
        context.t("quoted", name=context.level(difference.reference, difference.factor))
        if difference.reference
        else context.t("the_rest")
    )
    factor = "time_band" if difference.factor == "time_band" else difference.factor
    return context.t(
        "headline_finding",
        factor=context.t(factor).capitalize(),
        group=group,
        reference=reference,
        points=texts.points(context.lang, difference.points, difference.low, difference.high),
        n=texts.count(context.lang, difference.group_n),
        reference_n=texts.count(context.lang, difference.reference_n),
    )


def follow_ups_sentence(context: Context) -> str:
    """The follow-ups still open and those past their due time (the figures of the report's
    follow-ups section, `analysis.follow_ups`)."""
    if not context.data.follow_ups:
        return context.t("summary_follow_ups_none")
    overall = figures_of(context.data.follow_ups).overall
    return context.t(
        "summary_follow_ups",
        open=texts.count(context.lang, overall.open),
        overdue=texts.count(context.lang, overall.overdue),
        total=texts.count(context.lang, overall.total),
    )


def summary_section(context: Context) -> Section:
    """The first page: key figures, three findings by rule, what to look at first."""
    if context.analysis.answers == 0:
        return Section("summary", context.t("summary"), (context.t("no_answers"),))
    chosen = headline_findings(candidates(context), context.family_or_empty())
    findings = [headline_sentence(context, d) for d in chosen]
    if not findings:
        findings.append(context.t("no_headline"))
    findings.append(follow_ups_sentence(context))
    worst = min(chosen, key=lambda d: d.points, default=None)
    if worst is not None and worst.points < 0:
        findings.append(context.t("look_at", group=context.level(worst.group, worst.factor)))
    else:
        findings.append(context.t("look_at_nothing"))
    return Section(
        "summary",
        context.t("summary"),
        tuple(findings),
        (key_figures_table(context),),
        notes=(context.t("summary_note"),),
    )
