"""Who answered, the family of tests under Benjamini-Hochberg, and the citizens' comments."""

from __future__ import annotations

from analysis import sample_size, suppression
from analysis.report import texts
from analysis.report.charts import response_chart
from analysis.report.group_tables import test_sentence
from analysis.report.structure import Context, Section, Table
from analysis.report.verdicts import non_response_test
from analysis.weighting import ShareComparison

MARGINS = (0.05, 0.03)
SHOWN_COMMENTS = 30
FALSE_DISCOVERY_RATE = 0.05


def respondents_section(context: Context) -> Section:
    """Response by channel, respondents against non-respondents, weighting, sample size."""
    response = context.analysis.response_by_channel
    title = context.t("chart_response_bias" if response.bias_warning else "chart_response_even")
    findings = [test_sentence(context, response.test, "response_by_channel")]
    if response.bias_warning:
        findings.append(context.t("finding_bias"))
    findings += [
        test_sentence(
            context,
            context.non_response.days_to_close,
            non_response_test("days_to_close"),
            template="sentence_non_response_days",
        ),
        _weighted_finding(context),
        _sample_size_finding(context),
    ]
    tables = [_rates_table(context), _weighted_table(context)]
    tables += [_shares_table(context, comparison) for comparison in context.non_response.by_factor]
    charts = (response_chart(response, context, title=title),) if response.rates else ()
    return Section("respondents", context.t("respondents"), tuple(findings), tuple(tables), charts)


def _rates_table(context: Context) -> Table:
    # A response rate is shown only for channels with at least k invited cases.
    rows = tuple(
        (
            context.level(code, "channel"),
            texts.count(context.lang, rate.n),
            texts.share(context.lang, rate)
            if suppression.response_rate_visibility(rate.n).shown
            else context.t("hidden_invited", k=suppression.INVITED_THRESHOLD),
        )
        for code, rate in context.analysis.response_by_channel.rates
    )
    header = (context.t("channel"), context.t("closed"), context.t("response_rate"))
    return Table(header, rows, caption=context.t("rates_caption"))


def _shares_table(context: Context, comparison: ShareComparison) -> Table:
    rows = tuple(
        (context.level(level, comparison.factor), context.percent(yes), context.percent(no))
        for level, yes, no in zip(
            comparison.levels,
            comparison.respondent_shares,
            comparison.nonrespondent_shares,
            strict=True,
        )
        if yes > 0 or no > 0
    )
    header = (
        context.t(comparison.factor),
        context.t("respondents_share"),
        context.t("nonrespondents_share"),
    )
    notes = (test_sentence(context, comparison.test, non_response_test(comparison.factor)),)
    caption = context.t("shares_caption", factor=context.t(comparison.factor))
    return Table(header, rows, caption=caption, notes=notes)


def _weighted_finding(context: Context) -> str:
    weighted = context.reweighted
    return context.t(
        "finding_weighted",
        weighted=texts.share(context.lang, weighted.csat),
        raw=context.percent(context.analysis.overview.csat.estimate),
        effective=context.number(weighted.effective_n, 0),
        uncovered=context.percent(weighted.uncovered_population_share),
    )


def _weighted_table(context: Context) -> Table:
    overview, weighted = context.analysis.overview, context.reweighted
    rows = (
        (
            context.t("csat"),
            texts.share(context.lang, overview.csat),
            texts.share(context.lang, weighted.csat),
        ),
        (
            context.t("mean"),
            texts.estimate(context.lang, overview.mean_satisfaction, digits=2),
            texts.estimate(context.lang, weighted.mean, digits=2),
        ),
        (
            context.t("effective_n"),
            texts.count(context.lang, overview.csat.n),
            context.number(weighted.effective_n, 0),
        ),
    )
    header = (context.t("metric"), context.t("raw"), context.t("weighted"))
    return Table(header, rows, caption=context.t("weighted_caption"))


def _sample_size_finding(context: Context) -> str:
    # Cochran's n with the finite-population correction, at p = 0.5 (the most demanding).
    population = context.analysis.overview.response_rate.n
    needed = [sample_size(margin, population) if population else 0 for margin in MARGINS]
    return context.t(
        "finding_sample_size",
        five=texts.count(context.lang, needed[0]),
        three=texts.count(context.lang, needed[1]),
        population=texts.count(context.lang, population),
        answers=texts.count(context.lang, context.analysis.answers),
        # The precision the weighted estimate has is the effective n, not the raw count.
        effective=context.number(context.reweighted.effective_n, 0),
    )


def family_section(context: Context) -> Section:
    """Every test of the report with its Benjamini-Hochberg q-value."""
    family = context.analysis.family
    rows = tuple(
        (
            context.t(f"family_{member.name}"),
            texts.p_value(context.lang, member.p_value),
            texts.p_value(context.lang, member.q_value),
            context.t("yes" if member.q_value < FALSE_DISCOVERY_RATE else "no"),
        )
        for member in family
    )
    kept = sum(member.q_value < FALSE_DISCOVERY_RATE for member in family)
    finding = context.t("finding_family", kept=kept, tests=len(family))
    header = (context.t("test"), context.t("p"), context.t("q"), context.t("significant"))
    return Section("family", context.t("family"), (finding,), (Table(header, rows),))


def comments_section(context: Context) -> Section:
    """The latest comments, only when the period has enough answers to hide who wrote them."""
    visibility = suppression.comments_visibility(context.analysis.answers)
    if not visibility.shown:
        finding = context.t("comments_hidden", k=visibility.minimum)
        return Section("comments", context.t("comments"), (finding,))
    comments = sorted(context.data.comments, key=lambda c: c.case_id, reverse=True)
    if not comments:
        return Section("comments", context.t("comments"), (context.t("no_comments"),))
    rows = tuple(
        (
            context.number(comment.satisfaction, 0),
            context.level(comment.resolution_path),
            comment.text,
        )
        for comment in comments[:SHOWN_COMMENTS]
    )
    finding = context.t(
        "finding_comments", count=len(comments), shown=min(len(comments), SHOWN_COMMENTS)
    )
    header = (context.t("score"), context.t("resolution_path"), context.t("comment"))
    return Section("comments", context.t("comments"), (finding,), (Table(header, rows),))
