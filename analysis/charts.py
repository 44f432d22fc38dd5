"""Matplotlib charts (Agg, no pyplot state) that render computed results to SVG and PNG.

Every figure is a fresh `Figure` with its own Agg canvas, so nothing leaks between charts or
threads. Titles state the finding, computed from the results they draw.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from analysis.comparisons import GroupComparison, ResponseByChannel
from analysis.feedback import TimeToClose
from analysis.funnel import Z_95, Z_998, Funnel
from analysis.results import Estimate
from analysis.suppression import DEFAULT_THRESHOLD, check_threshold
from analysis.trend import MonthlyTrend, WeeklyEwma

# Okabe & Ito (2008), "Color Universal Design": distinguishable with common colour-vision
# deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
LIKERT_COLOURS = ("#D55E00", "#E69F00", "#BBBBBB", "#56B4E9", "#0072B2")
_STYLE: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "ascolto", "font.size": 9}


@dataclass(frozen=True)
class Chart:
    """A rendered-on-demand chart: its title, its figure and, for screen readers, what it
    shows in words (its title when not given)."""

    title: str
    figure: Figure
    description: str = ""

    @property
    def alt(self) -> str:
        """The chart's alternative text: what it draws, then the finding its title states."""
        return f"{self.description} {self.title}".strip()

    def svg(self) -> str:
        """The chart as SVG text (text kept as text, so titles are searchable)."""
        buffer = io.StringIO()
        with matplotlib.rc_context(_STYLE):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()

    def png(self, dpi: int = 100) -> bytes:
        """The chart as PNG bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()


def _figure(title: str, size: tuple[float, float] = (7.0, 4.0)):
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=size, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.set_title(title, loc="left", fontsize=10, fontweight="bold")
        axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f} %"


class LikertItem:
    """Counts of answers 1..5 for one item."""

    def __init__(self, label: str, counts: Sequence[int]) -> None:
        self.label, self.counts = label, np.asarray(counts, dtype=np.float64)


def likert_diverging(
    items: Sequence[LikertItem],
    threshold: int = DEFAULT_THRESHOLD,
    scale_labels: Sequence[str] = ("1", "2", "3", "4", "5"),
) -> Chart:
    """Diverging stacked bars centred on the neutral answer; items under k answers are hidden."""
    check_threshold(threshold)
    shown = [item for item in items if item.counts.sum() >= threshold]
    agree = [(item.counts[3:].sum() / item.counts.sum(), item.label) for item in shown]
    best = max(agree, default=(None, ""))
    title = (
        f"Most agreement: {best[1]} ({_percent(best[0])} answer 4 or 5)"
        if shown
        else "Not enough answers to show any item"
    )
    figure, axes = _figure(title, (7.0, 1.0 + 0.45 * max(3, len(items))))
    for row, item in enumerate(items):
        total = item.counts.sum()
        if total < threshold:
            axes.text(
                0, row, f"fewer than {threshold} answers", ha="center", va="center", color="#555555"
            )
            continue
        shares = 100 * item.counts / total
        left = -(shares[:2].sum() + shares[2] / 2)
        for level, share in enumerate(shares):
            axes.barh(
                row,
                share,
                left=left,
                color=LIKERT_COLOURS[level],
                label=scale_labels[level] if row == 0 else None,
                height=0.7,
            )
            left += share
    axes.set_yticks(range(len(items)), [item.label for item in items])
    axes.invert_yaxis()
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_xlabel("share of answers (%), negative to the left, positive to the right")
    axes.set_xlim(-100, 100)
    axes.legend(title="answer", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return Chart(title, figure)


def _estimate_bars(
    axes, labels: Sequence[str], values: Sequence[Estimate], scale: float, colour: str
) -> None:
    points = np.array([v.estimate if v.estimate is not None else np.nan for v in values]) * scale
    low = np.array([v.low if v.low is not None else np.nan for v in values]) * scale
    high = np.array([v.high if v.high is not None else np.nan for v in values]) * scale
    positions = np.arange(len(labels))
    # Groups under 30 answers are drawn pale and hatched: their estimate is rough and they
    # never make a headline, so they must not look like the others.
    few = np.array([v.small_group for v in values], dtype=bool)
    bars = axes.bar(positions, np.nan_to_num(points), color=colour, width=0.6)
    for bar, small in zip(bars, few, strict=True):
        if small:
            bar.set_alpha(0.35)
            bar.set_hatch("//")
    # At a share of 0 or 1 the Wilson bound equals the point only up to rounding (1 - 1e-16),
    # and matplotlib refuses a negative error bar: clip the lengths at zero.
    below = np.clip(points - low, 0.0, None)
    above = np.clip(high - points, 0.0, None)
    axes.errorbar(positions, points, yerr=[below, above], fmt="none", ecolor="black", capsize=3)
    axes.set_xticks(positions, labels, rotation=20, ha="right")


def share_bars(title: str, labels: Sequence[str], shares: Sequence[Estimate], axis: str) -> Chart:
    """Shares (0..1) with their 95 % intervals as bars, one per label (e.g. reasons)."""
    figure, axes = _figure(title)
    wrapped = ["\n".join(textwrap.wrap(label, 22)) for label in labels]
    _estimate_bars(axes, wrapped, shares, 100, OKABE_ITO["vermillion"])
    axes.set_xticks(range(len(wrapped)), wrapped, rotation=0, ha="center", fontsize=8)
    axes.set_ylabel(axis)
    axes.set_ylim(0, 100)
    return Chart(title, figure)


def _path_title(comparison: GroupComparison) -> str:
    means = {g.group: g.mean.estimate for g in comparison.groups}
    front, back = means.get("front_office"), means.get("back_office")
    if front is None or back is None:
        return "Satisfaction by resolution path: not enough answers to compare"
    gap = back - front
    direction = "lower" if gap < 0 else "higher"
    return f"Back Office cases score {abs(gap):.1f} points {direction} than Front Office"


def _spread_title(comparison: GroupComparison) -> str:
    known = [g for g in comparison.groups if g.csat.estimate is not None]
    if len(known) < 2:
        return f"CSAT by {comparison.factor}: not enough answers to compare"
    top = max(known, key=lambda g: g.csat.estimate or 0.0)
    bottom = min(known, key=lambda g: g.csat.estimate or 0.0)
    return (
        f"CSAT by {comparison.factor.replace('_', ' ')} ranges from "
        f"{_percent(bottom.csat.estimate)} ({bottom.group}) "
        f"to {_percent(top.csat.estimate)} ({top.group})"
    )


def satisfaction_by_group(comparison: GroupComparison) -> Chart:
    """CSAT with its 95 % interval per group; groups under 30 answers are marked with *."""
    title = (
        _path_title(comparison)
        if comparison.factor == "resolution_path"
        else _spread_title(comparison)
    )
    figure, axes = _figure(title)
    labels = [g.group + (" *" if g.small_group else "") for g in comparison.groups]
    _estimate_bars(axes, labels, [g.csat for g in comparison.groups], 100, OKABE_ITO["blue"])
    axes.set_ylabel("CSAT: answers scoring 4 or 5 (%)")
    axes.set_xlabel(comparison.factor.replace("_", " ") + " (* fewer than 30 answers)")
    axes.set_ylim(0, 100)
    return Chart(title, figure)


def monthly_trend_chart(trend: MonthlyTrend) -> Chart:
    """Monthly CSAT as a p-chart with 3-sigma limits and emergency periods shaded."""
    flagged = len(trend.out_of_control)
    title = (
        f"Monthly CSAT: {flagged} month(s) outside the 3-sigma limits"
        if trend.months
        else "Monthly CSAT: no answers yet"
    )
    figure, axes = _figure(title, (8.0, 4.0))
    dates = np.array(trend.months, dtype="datetime64[M]").astype("datetime64[D]") + 14
    for start, end in trend.emergency_spans:
        axes.axvspan(
            np.datetime64(start),
            np.datetime64(end),
            color=OKABE_ITO["orange"],
            alpha=0.25,
            linewidth=0,
        )
    if trend.months and trend.centre is not None:
        share = 100 * np.array(trend.share, dtype=float)
        axes.plot(dates, share, marker="o", color=OKABE_ITO["blue"], label="CSAT")
        axes.step(
            dates,
            100 * np.array(trend.upper_limit),
            where="mid",
            color=OKABE_ITO["grey"],
            linestyle="--",
            label="3-sigma limits",
        )
        axes.step(
            dates,
            100 * np.array(trend.lower_limit),
            where="mid",
            color=OKABE_ITO["grey"],
            linestyle="--",
        )
        axes.axhline(100 * trend.centre, color=OKABE_ITO["black"], linewidth=0.8, label="average")
    axes.fill_between([], [], color=OKABE_ITO["orange"], alpha=0.25, label="emergency")
    axes.set_ylabel("CSAT: answers scoring 4 or 5 (%)")
    axes.set_xlabel("month the case was closed")
    axes.legend(frameon=False, loc="lower left")
    return Chart(title, figure)


def response_rate_chart(response: ResponseByChannel, threshold: int = DEFAULT_THRESHOLD) -> Chart:
    """Response rate per channel; channels with fewer than k invited are not drawn."""
    shown = [(label, rate) for label, rate in response.rates if rate.n >= threshold]
    if response.bias_warning and response.max_min_ratio:
        ratio = response.max_min_ratio
        title = f"Response rates differ up to {ratio:.1f}x between channels: compare with care"
    else:
        title = "Response rates are similar across channels"
    figure, axes = _figure(title)
    _estimate_bars(
        axes, [label for label, _ in shown], [rate for _, rate in shown], 100, OKABE_ITO["green"]
    )
    hidden = [label for label, rate in response.rates if rate.n < threshold]
    if hidden:
        axes.text(
            0.99,
            0.95,
            f"{', '.join(hidden)}: fewer than {threshold} invited",
            transform=axes.transAxes,
            ha="right",
        )
    axes.set_ylabel("response rate (%)")
    axes.set_xlabel("channel")
    axes.set_ylim(0, 100)
    return Chart(title, figure)


def score_by_time_to_close(time_to_close: TimeToClose) -> Chart:
    """Mean score with its interval per time-to-close band."""
    bands = [band for band in time_to_close.bands if band.n > 0]
    rho = time_to_close.correlation.statistic
    if (
        len(bands) >= 2
        and bands[0].mean.estimate is not None
        and bands[-1].mean.estimate is not None
    ):
        gap = bands[-1].mean.estimate - bands[0].mean.estimate
        title = (
            f"Cases closed {bands[-1].group.replace('_', ' ')} score {abs(gap):.1f} points "
            f"{'lower' if gap < 0 else 'higher'} than {bands[0].group.replace('_', ' ')}"
        )
    else:
        title = "Score by time to close: not enough answers to compare"
    if rho is not None:
        title += f" (Spearman rho {rho:.2f})"
    figure, axes = _figure(title)
    positions = np.arange(len(bands))
    means = np.array([b.mean.estimate for b in bands], dtype=float)
    low = np.array([b.mean.low if b.mean.low is not None else np.nan for b in bands], dtype=float)
    high = np.array(
        [b.mean.high if b.mean.high is not None else np.nan for b in bands], dtype=float
    )
    axes.errorbar(
        positions,
        means,
        yerr=[means - low, high - means],
        marker="o",
        color=OKABE_ITO["vermillion"],
        capsize=3,
    )
    axes.set_xticks(positions, [b.group.replace("_", " ") for b in bands])
    axes.set_ylabel("mean satisfaction (1-5)")
    axes.set_xlabel("time to close")
    axes.set_ylim(1, 5)
    return Chart(title, figure)


def funnel_chart(funnel: Funnel, names: Mapping[str, str] | None = None) -> Chart:
    """Each office's CSAT against its answers, inside the funnel of 95 % and 99.8 % limits
    around the offices' average (Spiegelhalter 2005); offices outside 99.8 % are named."""
    outside = [office for office in funnel.offices if office.outside_998]
    title = (
        f"{len(outside)} office(s) outside the 99.8 % limits"
        if funnel.offices
        else "Not enough answers per office to compare"
    )
    figure, axes = _figure(title)
    if funnel.offices and funnel.centre is not None:
        largest = max(office.n for office in funnel.offices)
        n = np.linspace(1, largest * 1.15, 200)
        for z, style, label in ((Z_95, "--", "95 % limits"), (Z_998, ":", "99.8 % limits")):
            low, high = funnel.limits(n, z)
            axes.plot(n, 100 * low, style, color=OKABE_ITO["grey"], label=label)
            axes.plot(n, 100 * high, style, color=OKABE_ITO["grey"])
        axes.axhline(100 * funnel.centre, color=OKABE_ITO["black"], linewidth=0.8, label="average")
        colours = [
            OKABE_ITO["vermillion"] if office.outside_998 else OKABE_ITO["blue"]
            for office in funnel.offices
        ]
        axes.scatter(
            [office.n for office in funnel.offices],
            [100 * office.csat for office in funnel.offices],
            color=colours,
            zorder=3,
            label="offices",
        )
        for office in funnel.offices:
            label = (names or {}).get(office.office, office.office)
            axes.annotate(
                "\n".join(textwrap.wrap(label, 24)),
                (office.n, 100 * office.csat),
                textcoords="offset points",
                xytext=(5, 4),
                fontsize=7,
            )
        axes.set_xlim(0, largest * 1.15)
        axes.legend(frameon=False, loc="lower right")
    axes.set_ylim(0, 100)
    axes.set_xlabel("answers about the office's cases")
    axes.set_ylabel("CSAT: answers scoring 4 or 5 (%)")
    return Chart(title, figure)


def ewma_chart(ewma: WeeklyEwma) -> Chart:
    """Weekly CSAT (points), its EWMA (line) and the EWMA's limits; signals in vermillion."""
    title = (
        f"Weekly CSAT (EWMA, lambda {ewma.smoothing}): weeks outside the limits: "
        f"{len(ewma.signals)}"
    )
    figure, axes = _figure(title, (8.0, 4.0))
    if ewma.weeks and ewma.centre is not None:
        weeks = np.array(ewma.weeks, dtype="datetime64[D]")
        axes.plot(
            weeks, 100 * np.array(ewma.share), ".", color=OKABE_ITO["grey"], label="weekly CSAT"
        )
        axes.plot(weeks, 100 * np.array(ewma.ewma), color=OKABE_ITO["blue"], label="EWMA")
        axes.plot(
            weeks,
            100 * np.array(ewma.upper_limit),
            "--",
            color=OKABE_ITO["grey"],
            label="EWMA limits",
        )
        axes.plot(weeks, 100 * np.array(ewma.lower_limit), "--", color=OKABE_ITO["grey"])
        axes.axhline(100 * ewma.centre, color=OKABE_ITO["black"], linewidth=0.8, label="average")
        flagged = np.isin(weeks, np.array(ewma.signals, dtype="datetime64[D]"))
        axes.plot(
            weeks[flagged],
            100 * np.array(ewma.ewma)[flagged],
            "o",
            color=OKABE_ITO["vermillion"],
            label="signal",
        )
        # Below the axes: the weekly points spread over the whole height.
        axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=5)
    axes.set_ylabel("CSAT: answers scoring 4 or 5 (%)")
    axes.set_xlabel("week the case was closed")
    return Chart(title, figure)
