"""What goes with dissatisfaction (resolved, effort) and satisfaction by handling office."""

from __future__ import annotations

from analysis import suppression
from analysis.charts import funnel_chart
from analysis.dissatisfaction import SatisfactionDriver, satisfaction_drivers
from analysis.funnel import Funnel, office_funnel
from analysis.report import texts
from analysis.report.charts import relabel
from analysis.report.structure import Context, Section, Table


def drivers_section(context: Context) -> Section:
    """CSAT by resolved and by effort, and the share of dissatisfaction each level explains."""
    if context.analysis.answers == 0:
        return Section("drivers", context.t("drivers"), (context.t("no_answers"),))
    drivers = satisfaction_drivers(context.data.columns)
    findings = tuple(driver_finding(context, driver) for driver in drivers)
    tables = tuple(_driver_table(context, driver) for driver in drivers)
    return Section(
        "drivers", context.t("drivers"), findings, tables, notes=(context.t("drivers_note"),)
    )


def driver_finding(context: Context, driver: SatisfactionDriver) -> str:
    """The level of at least 30 answers that explains the most dissatisfaction, in words."""
    name = context.t(f"driver_{driver.name}")
    reference = next(level for level in driver.levels if level.level == driver.reference)
    largest = driver.largest()
    if largest is None or reference.n < suppression.DEFAULT_THRESHOLD:
        return context.t(
            "finding_driver_none",
            driver=name,
            reference=context.level(driver.reference, driver.name),
        )
    return context.t(
        "finding_driver",
        driver=name,
        level=context.level(largest.level, driver.name),
        n=texts.count(context.lang, largest.n),
        csat=context.percent(largest.csat.estimate),
        reference=context.level(driver.reference, driver.name),
        reference_csat=context.percent(reference.csat.estimate),
        explained=context.percent(largest.explained),
    )


def _driver_table(context: Context, driver: SatisfactionDriver) -> Table:
    k = suppression.DEFAULT_THRESHOLD
    shown = [level for level in driver.levels if level.n >= k]
    rows = tuple(
        (
            context.level(level.level, driver.name) + (" *" if level.small_group else ""),
            texts.count(context.lang, level.n),
            texts.share(context.lang, level.csat),
            texts.count(context.lang, level.dissatisfied),
            context.t("reference") if level.explained is None else context.percent(level.explained),
        )
        for level in shown
    )
    hidden = sum(1 for level in driver.levels if 0 < level.n < k)
    notes = []
    if any(level.small_group for level in shown):
        notes.append(context.t("small_flag"))
    if hidden:
        notes.append(texts.counted(context.lang, "hidden_groups", hidden, k=k))
    header = (
        context.t(f"driver_{driver.name}"),
        context.t("answers"),
        context.t("csat"),
        context.t("dissatisfied_answers"),
        context.t("explained"),
    )
    few = tuple(index for index, level in enumerate(shown) if level.small_group)
    return Table(header, rows, notes=tuple(notes), few_rows=few)


def funnel_finding(context: Context, funnel: Funnel) -> str:
    """Which offices fall outside the 99.8 % limits, or that none does."""
    if funnel.centre is None:
        return context.t("finding_funnel_missing", k=suppression.DEFAULT_THRESHOLD)
    outside = [office for office in funnel.offices if office.outside_998]
    centre = context.percent(funnel.centre)
    if not outside:
        return context.t(
            "finding_funnel_none",
            offices=len(funnel.offices),
            k=suppression.DEFAULT_THRESHOLD,
            centre=centre,
        )
    names = "; ".join(
        context.t(
            "funnel_office",
            office=context.level(office.office, "office"),
            csat=context.percent(office.csat),
            n=texts.count(context.lang, office.n),
        )
        for office in outside
    )
    return context.t("finding_funnel", centre=centre, offices=names)


def offices_section(context: Context) -> Section:
    """Each handling office's CSAT in a funnel plot; offices under the threshold left out."""
    if context.analysis.answers == 0:
        return Section("offices", context.t("offices"), (context.t("no_answers"),))
    funnel = office_funnel(context.data.columns)
    finding = funnel_finding(context, funnel)
    rows = tuple(
        (
            context.level(office.office, "office"),
            texts.count(context.lang, office.n),
            context.percent(office.csat),
            context.t(
                "outside_998"
                if office.outside_998
                else "outside_95"
                if office.outside_95
                else "within_limits"
            ),
        )
        for office in funnel.offices
    )
    notes = [context.t("funnel_note")]
    if funnel.hidden:
        notes.append(
            texts.counted(
                context.lang, "hidden_groups", funnel.hidden, k=suppression.DEFAULT_THRESHOLD
            )
        )
    header = (
        context.t("col_office"),
        context.t("answers"),
        context.t("csat"),
        context.t("funnel_position"),
    )
    table = Table(header, rows, notes=tuple(notes))
    if not funnel.offices:
        return Section("offices", context.t("offices"), (finding,), (table,))
    names = {office.office: context.level(office.office, "office") for office in funnel.offices}
    chart = relabel(
        funnel_chart(funnel, names),
        title=finding,
        xlabel=context.t("chart_funnel_axis"),
        ylabel=context.t("chart_csat_axis"),
        description=context.t("chart_alt_funnel"),
        legend=tuple(
            context.t(key)
            for key in ("chart_limits_95", "chart_limits_998", "chart_average", "chart_offices")
        ),
    )
    return Section("offices", context.t("offices"), (finding,), (table,), (chart,))
