"""Reasons read on the dashboard: why citizens were dissatisfied, and what they liked.

The shares come from `analysis.reasons` on the filtered cases; here they get the options' labels
from the citizens' questionnaire and become the overview's "why dissatisfied" chart, the tables
of the reasons page, and their JSON.
"""

from __future__ import annotations

import functools

from analysis.charts import share_bars
from analysis.reasons import ReasonBreakdown, reasons_read
from analysis.report import texts
from analysis.report.structure import Context, Table
from questionnaires import Item, Registry
from survey.dashboard import schemas
from survey.dashboard.exports import item_columns
from survey.dashboard.figures import basis
from survey.dashboard.subsets import Subset
from survey.dashboard.svg import page_svg
from survey.web.forms import choices
from survey.web.i18n import N_, translate, translate_plural

# The message id of each breakdown's name (the overall one has none).
BREAKDOWN_NAMES = {
    "resolution_path": N_("dash_path"),
    "channel": N_("dash_channel"),
    "request_type": N_("dash_type"),
    "office": N_("dash_office"),
}

OVERALL_NAME = N_("reasons_group")


@functools.cache
def _questions() -> dict[str, Item]:
    # The shipped definitions: the same files the app loads, read once for their labels.
    return {item.code: item for item in item_columns(Registry.load())}


def option_label(item: str, option: str, lang: str) -> str:
    """An option's label as the citizen read it (the code for an option no version has)."""
    question = _questions().get(item)
    return dict(choices(question, lang)).get(option, option) if question else option


def question(item: str, lang: str) -> str:
    found = _questions().get(item)
    return found.text.get(lang) if found else item


def breakdowns(subset: Subset) -> tuple[ReasonBreakdown, ...]:
    """Every reason item overall and by path, channel, type and office, under the threshold."""
    columns = subset.data.columns
    factors = {
        "resolution_path": columns.resolution_path,
        "channel": columns.channel,
        "request_type": columns.request_type,
        "office": columns.office,
    }
    return reasons_read(columns.reasons, factors)


def _group_name(found: ReasonBreakdown, group: str, context: Context) -> str:
    if not found.factor:
        return translate(context.lang, "reasons_everyone")
    if found.factor == "office" and not group:
        return translate(context.lang, "dash_front_office")
    return context.level(group, found.factor)


def table(found: ReasonBreakdown, context: Context) -> Table:
    """Groups as rows, options as columns: share with interval, or hidden."""
    lang = context.lang
    options = [share.option for share in found.groups[0].shares] if found.groups else []
    header = (
        translate(lang, BREAKDOWN_NAMES.get(found.factor, OVERALL_NAME)),
        translate(lang, "dash_answers"),
        *(option_label(found.item, option, lang) for option in options),
    )
    rows = tuple(
        (
            _group_name(found, group.group, context),
            texts.count(lang, group.answered or 0),
            *(
                texts.share(lang, share.share)
                if share.shown
                else translate(lang, "fewer_than_k", k=found.threshold)
                for share in group.shares
            ),
        )
        for group in found.groups
    )
    notes: tuple[str, ...] = ()
    if found.hidden_groups:
        notes = (
            translate_plural(
                lang,
                "reasons_hidden_groups",
                "reasons_hidden_groups_plural",
                found.hidden_groups,
                k=found.threshold,
            ),
        )
    caption = question(found.item, lang)
    if found.factor:
        caption += " — " + translate(lang, "reasons_by", by=header[0].lower())
    return Table(header, rows, caption=caption, notes=notes)


def dissatisfied_chart(found: ReasonBreakdown, context: Context, prefix: str):
    """The overall difficulty shares as bars with intervals (None when hidden)."""
    if not found.groups or not found.groups[0].shown:
        return None
    shown = [share for share in found.groups[0].shares if share.shown and share.share]
    title = translate(context.lang, "reasons_why_dissatisfied")
    chart = share_bars(
        title,
        [option_label(found.item, share.option, context.lang) for share in shown],
        [share.share for share in shown],  # type: ignore[misc]
        translate(context.lang, "reasons_share_axis"),
    )
    return title, page_svg(chart, prefix=prefix)


def reasons_json(subset: Subset) -> schemas.Reasons:
    """The reasons' shares as the JSON API gives them (codes, not labels)."""
    return schemas.Reasons(
        basis=basis(subset),
        breakdowns=[
            schemas.ReasonTable(
                item=found.item,
                by=found.factor or None,
                threshold=found.threshold,
                hidden_groups=found.hidden_groups,
                groups=[
                    schemas.ReasonGroupShares(
                        group=group.group,
                        answered=group.answered or 0,
                        shares=[
                            schemas.ReasonOptionShare(
                                option=share.option, count=share.count, share=share.share
                            )
                            for share in group.shares
                        ],
                    )
                    for group in found.groups
                ],
            )
            for found in breakdowns(subset)
        ],
    )
