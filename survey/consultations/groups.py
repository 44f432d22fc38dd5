"""The groups a tally recodes answers to, by name: an office of the questionnaire's office
question, an area of offices merged together, the whole department, or those who did not say."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.recoding import DEPARTMENT
from questionnaires import Questionnaire
from survey.consultations.tally import OFFICE_ITEM
from survey.web.forms import choices
from survey.web.i18n import N_, translate

NO_GROUP = ""  # those who left the office question blank, kept apart when at least k did
NO_GROUP_SHOWN = "—"  # the same, as the results' office breakdown writes it


def group_labels(groups: Sequence[str], questionnaire: Questionnaire, lang: str) -> dict[str, str]:
    """Each group's name in `lang`: never its code."""
    item = questionnaire.item(OFFICE_ITEM)
    offices = dict(choices(item, lang)) if item is not None else {}
    labels = {}
    for group in groups:
        if group in offices:
            labels[group] = offices[group]
        elif group == DEPARTMENT:
            labels[group] = translate(lang, N_("group_department"))
        elif group in (NO_GROUP, NO_GROUP_SHOWN):
            labels[group] = translate(lang, N_("group_not_given"))
        else:
            area = group.replace("_", " ").capitalize()
            labels[group] = translate(lang, N_("group_area"), area=area)
    return labels
