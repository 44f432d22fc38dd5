"""Statistics of Ascolto: pure functions from columns to results.

Charts live in `analysis.charts` (imported on its own so computing never loads matplotlib).
"""

from analysis.adjusted import AdjustedModel, adjusted_satisfaction_model
from analysis.columns import Factor, FeedbackColumns, ReferentColumns
from analysis.comparisons import GroupComparison, GroupSatisfaction, ResponseByChannel
from analysis.contingency import chi_square_independence
from analysis.feedback import (
    FamilyMember,
    FeedbackAnalysis,
    Overview,
    TimeToClose,
    analyse_feedback,
)
from analysis.intervals import mean_t, nps_adjusted_wald, wilson
from analysis.metrics import (
    csat_top2,
    customer_effort,
    mean_score,
    net_promoter,
    resolution_rate,
    response_rate,
)
from analysis.multiple_testing import benjamini_hochberg, holm
from analysis.offices import OfficeSideBySide, offices_side_by_side
from analysis.ordinal import OddsRatio, OrdinalFit, fit_proportional_odds
from analysis.rank_tests import (
    DunnComparison,
    KruskalWallis,
    kruskal_wallis,
    mann_whitney,
    rank_values,
    spearman,
)
from analysis.referents import ScaleScore, cronbach_alpha, scale_scores
from analysis.results import NOT_ENOUGH_DATA, Estimate, HypothesisTest
from analysis.simulation import simulate_feedback
from analysis.suppression import (
    Cell,
    SuppressedBreakdown,
    SuppressedCrossTab,
    Visibility,
    comments_visibility,
    response_rate_visibility,
    suppress_breakdown,
    suppress_crosstab,
)
from analysis.trend import MonthlyTrend, monthly_trend
from analysis.weighting import (
    NonResponse,
    Reweighted,
    compare_respondents,
    kish_effective_n,
    post_stratify,
    sample_size,
)

__all__ = [
    "NOT_ENOUGH_DATA",
    "AdjustedModel",
    "Cell",
    "DunnComparison",
    "Estimate",
    "Factor",
    "FamilyMember",
    "FeedbackAnalysis",
    "FeedbackColumns",
    "GroupComparison",
    "GroupSatisfaction",
    "HypothesisTest",
    "KruskalWallis",
    "MonthlyTrend",
    "NonResponse",
    "OddsRatio",
    "OfficeSideBySide",
    "OrdinalFit",
    "Overview",
    "ReferentColumns",
    "ResponseByChannel",
    "Reweighted",
    "ScaleScore",
    "SuppressedBreakdown",
    "SuppressedCrossTab",
    "TimeToClose",
    "Visibility",
    "adjusted_satisfaction_model",
    "analyse_feedback",
    "benjamini_hochberg",
    "chi_square_independence",
    "comments_visibility",
    "compare_respondents",
    "cronbach_alpha",
    "csat_top2",
    "customer_effort",
    "fit_proportional_odds",
    "holm",
    "kish_effective_n",
    "kruskal_wallis",
    "mann_whitney",
    "mean_score",
    "mean_t",
    "monthly_trend",
    "net_promoter",
    "nps_adjusted_wald",
    "offices_side_by_side",
    "post_stratify",
    "rank_values",
    "resolution_rate",
    "response_rate",
    "response_rate_visibility",
    "sample_size",
    "scale_scores",
    "simulate_feedback",
    "spearman",
    "suppress_breakdown",
    "suppress_crosstab",
    "wilson",
]
