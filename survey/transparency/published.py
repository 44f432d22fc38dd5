"""The figures as they are published in HTML, JSON and CSV: one shape, labels in `lang`."""

from __future__ import annotations

from analysis.results import Estimate
from case_bridge.vocabulary import label
from survey.transparency.figures import SATISFACTION_MINIMUM, Counts, K, TransparencyFigures
from survey.transparency.schemas import CountsOut, MonthOut, ShareOut, TransparencyOut
from survey.web.exports import Table

CSV_COLUMNS = (
    "table",
    "group",
    "received",
    "closed",
    "open",
    "answers",
    "csat",
    "csat_low",
    "csat_high",
)


def _share(estimate: Estimate | None) -> ShareOut:
    if estimate is None:
        return ShareOut(share=None, low=None, high=None)
    return ShareOut(share=estimate.estimate, low=estimate.low, high=estimate.high)


def _counts(rows: tuple[Counts, ...], lang: str, labelled: bool) -> list[CountsOut]:
    return [
        CountsOut(
            group=label(row.group, lang) if labelled else row.group,
            received=row.received,
            closed=row.closed,
            open=row.open,
        )
        for row in rows
    ]


def published(figures: TransparencyFigures, lang: str) -> TransparencyOut:
    """What anyone may read: hidden counts are null, codes turned into labels."""
    return TransparencyOut(
        as_of=figures.as_of,
        first_day=figures.first_day,
        threshold=K,
        satisfaction_minimum=SATISFACTION_MINIMUM,
        received=figures.received if figures.received >= K else None,
        closed_front_office=_share(figures.closed_front_office),
        closed_back_office=_share(figures.closed_back_office),
        still_open=_share(figures.still_open),
        median_hours_to_close=figures.median_hours_to_close,
        median_days_back_office=figures.median_days_back_office,
        weeks=_counts(figures.weeks, lang, labelled=False),
        channels=_counts(figures.channels, lang, labelled=True),
        request_types=_counts(figures.request_types, lang, labelled=True),
        satisfaction=[
            MonthOut(
                month=month.month,
                answers=month.answers,
                csat=month.csat.estimate or 0.0,
                low=month.csat.low or 0.0,
                high=month.csat.high or 0.0,
            )
            for month in figures.satisfaction
        ],
    )


def csv_table(out: TransparencyOut) -> Table:
    """One tidy table: the counts of each breakdown, then the months' satisfaction."""
    rows: list[tuple[object, ...]] = []
    for table, counts in (
        ("week", out.weeks),
        ("channel", out.channels),
        ("request_type", out.request_types),
    ):
        rows += [
            (table, c.group, c.received, c.closed, c.open, None, None, None, None) for c in counts
        ]
    rows += [
        ("satisfaction", m.month, None, None, None, m.answers, m.csat, m.low, m.high)
        for m in out.satisfaction
    ]
    return Table(CSV_COLUMNS, rows, title="transparency")
