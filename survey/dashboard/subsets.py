"""The cases the filters select, with the report's analyses of them, read through the cache.

The period's cases come from the report's loader (`survey.report.loader`), once per period
and data version; channel, type, path and region then only select rows of those columns, so
changing a filter costs no query. The analyses are the report's: `analyse_feedback`,
`compare_respondents` and `post_stratify`, wrapped in the report's `Context` so that the
report's section builders describe them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import anyio
import numpy as np

from analysis import analyse_feedback, compare_respondents, post_stratify, suppression
from analysis.feedback import FeedbackAnalysis
from analysis.report.data import ReportData
from analysis.report.structure import Context
from analysis.weighting import NonResponse, Reweighted
from case_bridge.storage.engines import AscoltoEngine
from survey.dashboard.cache import FigureCache
from survey.dashboard.filters import Filters
from survey.dashboard.freshness import DataState
from survey.report.loader import load_report_data

# matplotlib's rc_context (used by every chart) changes process-wide settings for a moment:
# two threads drawing at once could swap each other's fonts. Figures are built one at a time.
DRAWING = threading.Lock()


@dataclass(frozen=True)
class Subset:
    """The filtered cases of a period and the analyses of their answers."""

    filters: Filters
    data: ReportData
    analysis: FeedbackAnalysis | None  # None when no case passes the filters
    non_response: NonResponse | None
    reweighted: Reweighted | None

    @property
    def cases(self) -> int:
        return len(self.data.columns)

    @property
    def answers(self) -> int:
        return 0 if self.analysis is None else self.analysis.answers

    @property
    def shown(self) -> bool:
        """Whether satisfaction may be shown: at least k answers (anonymity threshold)."""
        return self.answers >= suppression.DEFAULT_THRESHOLD

    def context(self, lang: str) -> Context:
        """The report's context for the section builders, in `lang`."""
        assert self.analysis is not None and self.non_response and self.reweighted
        return Context(lang, self.data, self.analysis, self.non_response, self.reweighted)


def _filtered(data: ReportData, filters: Filters) -> ReportData:
    if not filters.narrowed:
        return data
    keep = filters.mask(data.columns)
    columns = data.columns.take(keep)
    kept = set(columns.case_id.tolist())
    comments = tuple(comment for comment in data.comments if comment.case_id in kept)
    follow_ups = tuple(record for record in data.follow_ups if record.case_id in kept)
    return replace(data, columns=columns, comments=comments, follow_ups=follow_ups)


def analyse(data: ReportData, filters: Filters) -> Subset:
    """Select the filtered rows and run the report's analyses on them (CPU only)."""
    chosen = _filtered(data, filters)
    columns = chosen.columns
    if len(columns) == 0:
        return Subset(filters, chosen, None, None, None)
    with np.errstate(all="ignore"):
        return Subset(
            filters,
            chosen,
            analyse_feedback(columns),
            compare_respondents(columns),
            post_stratify(columns),
        )


async def subset(
    *, engine: AscoltoEngine, cache: FigureCache, state: DataState, filters: Filters
) -> Subset:
    """The analysed subset for resolved `filters` at the data's current version."""

    async def load() -> ReportData:
        return await load_report_data(engine=engine, period=filters.period)

    async def compute() -> Subset:
        period_key = ("period", filters.start, filters.end, state.version)
        data = await cache.get(period_key, load)
        return await anyio.to_thread.run_sync(analyse, data, filters)

    return await cache.get(("subset", filters, state.version), compute)
