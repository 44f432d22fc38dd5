"""Result structures shared by the statistics modules: frozen msgspec Structs, no NaN inside."""

from __future__ import annotations

import math

import msgspec

OK = "ok"
NOT_ENOUGH_DATA = "not_enough_data"

# Groups of citizens smaller than this are flagged: with n < 30 a share's interval is wide
# and the normal approximations used by the rank tests are rough.
SMALL_GROUP = 30


class Estimate(msgspec.Struct, frozen=True, kw_only=True):
    """A point estimate with a 95 % interval; estimate/low/high are None when n is too small."""

    estimate: float | None
    low: float | None
    high: float | None
    n: int
    method: str
    status: str = OK
    small_group: bool = False

    @property
    def ok(self) -> bool:
        return self.status == OK


class HypothesisTest(msgspec.Struct, frozen=True, kw_only=True):
    """A hypothesis test: statistic, p-value, effect size with its interval when defined."""

    test: str
    statistic: float | None
    p_value: float | None
    n: int
    df: float | None = None
    effect_name: str = ""
    effect: Estimate | None = None
    status: str = OK
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK


def not_enough(method: str, n: int) -> Estimate:
    """An Estimate that says there is not enough data to compute `method`."""
    return Estimate(estimate=None, low=None, high=None, n=n, method=method, status=NOT_ENOUGH_DATA)


def untestable(test: str, n: int, note: str) -> HypothesisTest:
    """A HypothesisTest that says the test could not be run and why."""
    return HypothesisTest(
        test=test, statistic=None, p_value=None, n=n, status=NOT_ENOUGH_DATA, note=note
    )


def finite_or_none(value: float) -> float | None:
    """Map NaN and infinities to None so results never carry them."""
    value = float(value)
    return value if math.isfinite(value) else None


def estimate(value: float, low: float, high: float, n: int, method: str) -> Estimate:
    """Build an Estimate, flagging small groups and refusing non-finite point values."""
    point = finite_or_none(value)
    if point is None:
        return not_enough(method, n)
    return Estimate(
        estimate=point,
        low=finite_or_none(low),
        high=finite_or_none(high),
        n=int(n),
        method=method,
        small_group=n < SMALL_GROUP,
    )
