"""Tables of satisfaction per group, hiding groups under the anonymity threshold."""

from __future__ import annotations

from analysis import suppression
from analysis.comparisons import GroupComparison
from analysis.report import texts
from analysis.report.structure import Context, Table
from analysis.results import HypothesisTest

# Column names for comparisons whose factor name is also a section's key.
HEADERS = {"emergency": "period_kind", "time_band": "time_band"}


def group_table(context: Context, comparison: GroupComparison, *, caption: str = "") -> Table:
    """Answers, CSAT and mean per group; groups under k answers hidden, under 30 starred."""
    k = suppression.DEFAULT_THRESHOLD
    shown = [group for group in comparison.groups if group.n >= k]
    hidden = [group for group in comparison.groups if 0 < group.n < k]
    rows = tuple(
        (
            context.level(group.group, comparison.factor) + (" *" if group.small_group else ""),
            texts.count(context.lang, group.n),
            texts.share(context.lang, group.csat),
            texts.estimate(context.lang, group.mean, digits=2),
        )
        for group in shown
    )
    notes = []
    if any(group.small_group for group in shown):
        notes.append(context.t("small_flag"))
    if hidden:
        notes.append(texts.counted(context.lang, "hidden_groups", len(hidden), k=k))
    header = (
        context.t(HEADERS.get(comparison.factor, comparison.factor)),
        context.t("answers"),
        context.t("csat"),
        context.t("mean"),
    )
    few = tuple(index for index, group in enumerate(shown) if group.small_group)
    return Table(header, rows, caption=caption, notes=tuple(notes), few_rows=few)


def test_sentence(
    context: Context,
    test: HypothesisTest,
    name: str,
    *,
    template: str = "",
    groups: tuple[str, str] = ("", ""),
) -> str:
    """A test's result in one sentence, its verdict read from the report's family (the
    adjusted p), or why it could not be run. `template` names a sentence that says what this
    particular test measures; `groups` are the two groups a Mann-Whitney r compares."""
    if not test.ok or test.p_value is None:
        return context.t(
            "test_not_run",
            test=context.t(f"test_{test.test}"),
            why=texts.note(context.lang, test.note),
        )
    effect = test.effect
    member = context.member(name)
    q = texts.p_clause(context.lang, member.q_value if member else None, "q")
    values = {
        "test": context.t(f"test_{test.test}"),
        # U runs into the millions: decimals there are noise.
        "statistic": context.number(test.statistic, 0 if abs(test.statistic or 0) >= 1000 else 2),
        "df": context.number(test.df, 0),
        "p": texts.p_clause(context.lang, test.p_value),
        "n": texts.count(context.lang, test.n),
        "effect": texts.estimate(context.lang, effect, digits=2),
        "first": groups[0],
        "second": groups[1],
        "verdict": context.t("verdict_yes" if context.significant(name) else "verdict_no", q=q),
    }
    return context.t(template or f"sentence_{test.test}", **values)
