"""The numbers of each dashboard page, taken from the report's analyses of the filtered cases.

Nothing here computes a statistic: every estimate and test is the one `analyse_feedback`,
`compare_respondents` and `post_stratify` returned (the same objects the report's section
builders format), only selected and with the anonymity threshold applied the report's way.
"""

from __future__ import annotations

import numpy as np

from analysis import Factor, monthly_trend, sample_size, suppression
from analysis.comparisons import GroupComparison
from analysis.report.answers import estimable
from analysis.report.sample import MARGINS
from case_bridge.storage import clock
from survey.dashboard import schemas
from survey.dashboard.subsets import Subset

K = suppression.DEFAULT_THRESHOLD
FACTOR_OF_PAGE = {"channel": "channel", "request-type": "request_type"}


def basis(subset: Subset) -> schemas.Basis:
    filters = subset.filters
    assert filters.start is not None and filters.end is not None
    return schemas.Basis(
        filters=schemas.AppliedFilters(
            from_=filters.start,
            to=filters.end,
            channel=filters.channel,
            type=filters.request_type,
            path=filters.resolution_path,
            region=filters.region,
            requester=filters.requester_kind,
            bodies=filters.other_bodies,
        ),
        cases=subset.cases,
        answers=subset.answers,
        threshold=K,
        shown=subset.shown,
    )


def volumes(factor: Factor) -> list[schemas.Volume]:
    """Cases per level, largest first (as the report's volume tables)."""
    counts = np.bincount(factor.codes.astype(np.int64), minlength=len(factor.levels))
    total = max(1, len(factor))
    order = np.argsort(-counts, kind="stable")
    return [
        schemas.Volume(level=factor.levels[i], cases=int(counts[i]), share=counts[i] / total)
        for i in order
        if counts[i] > 0
    ]


def comparison(found: GroupComparison) -> schemas.Comparison:
    """A comparison without the groups under k answers, which are only counted."""
    shown = [group for group in found.groups if group.n >= K]
    names = {group.group for group in shown}
    return schemas.Comparison(
        factor=found.factor,
        groups=[
            schemas.Group(
                group=g.group, answers=g.n, csat=g.csat, mean=g.mean, small_group=g.small_group
            )
            for g in shown
        ],
        hidden_groups=sum(1 for group in found.groups if 0 < group.n < K),
        test=found.test,
        pairs=[
            schemas.Pair(group_a=p.group_a, group_b=p.group_b, z=p.z, p_holm=p.p_holm)
            for p in found.dunn
            if p.group_a in names and p.group_b in names
        ],
    )


def overview(subset: Subset, open_follow_ups: int) -> schemas.Overview:
    columns = subset.data.columns
    analysis = subset.analysis
    satisfaction, hidden = None, 0
    months: list[schemas.Month] = []
    if analysis is not None and subset.shown:
        found = analysis.overview
        satisfaction = schemas.Satisfaction(
            csat=found.csat,
            mean=found.mean_satisfaction,
            nps=found.nps,
            effort=found.effort,
            resolution_rate=found.resolution_rate,
        )
        months, hidden = monthly(subset)
    return schemas.Overview(
        basis=basis(subset),
        by_channel=volumes(columns.channel),
        by_request_type=volumes(columns.request_type),
        by_resolution_path=volumes(columns.resolution_path),
        response_rate=None if analysis is None else analysis.overview.response_rate,
        satisfaction=satisfaction,
        monthly=months,
        hidden_months=hidden,
        open_follow_ups=open_follow_ups,
    )


def monthly(subset: Subset) -> tuple[list[schemas.Month], int]:
    """The p-chart's months with at least k answers, and how many months were left out."""
    trend = monthly_trend(subset.data.columns)
    rows = zip(
        trend.months, trend.answers, trend.share, trend.lower_limit, trend.upper_limit, strict=True
    )
    months = [
        schemas.Month(month=m, answers=n, csat=share, lower_limit=low, upper_limit=high)
        for m, n, share, low, high in rows
        if n >= K
    ]
    return months, len(trend.months) - len(months)


def path(subset: Subset) -> schemas.Breakdown:
    if subset.analysis is None or not subset.shown:
        return schemas.Breakdown(basis=basis(subset), comparison=None)
    terms = [
        schemas.Term(
            term=t.term, odds_ratio=t.odds_ratio, low=t.low, high=t.high, p_value=t.p_value
        )
        for t in subset.analysis.model.fit.terms
        if estimable(t)
    ]
    return schemas.Breakdown(
        basis=basis(subset), comparison=comparison(subset.analysis.by_path), model=terms
    )


def factor(subset: Subset, page: str) -> schemas.Breakdown:
    if subset.analysis is None or not subset.shown:
        return schemas.Breakdown(basis=basis(subset), comparison=None)
    name = FACTOR_OF_PAGE[page]
    found = next(c for c in subset.analysis.by_factor if c.factor == name)
    return schemas.Breakdown(basis=basis(subset), comparison=comparison(found))


def time_to_close(subset: Subset) -> schemas.TimeToClose:
    if subset.analysis is None or not subset.shown:
        return schemas.TimeToClose(basis=basis(subset), correlation=None, bands=None)
    found = subset.analysis.time_to_close
    bands = GroupComparison("time_band", found.bands, found.correlation)
    return schemas.TimeToClose(
        basis=basis(subset), correlation=found.correlation, bands=comparison(bands)
    )


def emergencies(subset: Subset) -> schemas.Emergencies:
    opened = subset.data.columns.opened_at
    periods = []
    for emergency in subset.data.emergencies:
        start, end = np.datetime64(emergency.starts_at, "s"), np.datetime64(emergency.ends_at, "s")
        cases = int(np.count_nonzero((opened >= start) & (opened < end)))
        periods.append(
            schemas.EmergencyCases(
                name=emergency.name,
                # The loader's times are the department's wall clock: answered with their zone.
                starts_at=clock.as_utc(emergency.starts_at),
                ends_at=clock.as_utc(emergency.ends_at),
                cases=cases,
            )
        )
    shown = subset.analysis is not None and subset.shown
    return schemas.Emergencies(
        basis=basis(subset),
        comparison=comparison(subset.analysis.emergency) if shown else None,  # type: ignore[union-attr]
        periods=periods,
    )


def non_response(subset: Subset) -> schemas.NonResponse:
    analysis = subset.analysis
    if analysis is None or subset.non_response is None or subset.reweighted is None:
        return schemas.NonResponse(
            basis=basis(subset),
            response_rate=None,
            by_channel=[],
            channel_test=None,
            bias_warning=False,
            shares=[],
            weighted_csat=None,
            effective_n=None,
            needed_for_5_points=0,
            needed_for_3_points=0,
        )
    response = analysis.response_by_channel
    population = analysis.overview.response_rate.n
    five, three = (sample_size(m, population) if population else 0 for m in MARGINS)
    shown = subset.shown
    return schemas.NonResponse(
        basis=basis(subset),
        response_rate=analysis.overview.response_rate,
        by_channel=[
            schemas.ChannelRate(
                channel=channel,
                invited=rate.n,
                rate=rate if suppression.response_rate_visibility(rate.n).shown else None,
            )
            for channel, rate in response.rates
        ],
        channel_test=response.test,
        bias_warning=response.bias_warning,
        shares=[
            schemas.Shares(
                factor=c.factor,
                levels=list(c.levels),
                respondents=list(c.respondent_shares),
                nonrespondents=list(c.nonrespondent_shares),
                test=c.test,
            )
            for c in subset.non_response.by_factor
        ]
        if shown
        else [],
        weighted_csat=subset.reweighted.csat if shown else None,
        effective_n=subset.reweighted.effective_n if shown else None,
        needed_for_5_points=int(five),
        needed_for_3_points=int(three),
    )
