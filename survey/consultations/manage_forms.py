"""The management forms of consultations, read as a person fills them: every field checked,
every problem named on its field in the page's language, the values kept for the next try."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import msgspec

from case_bridge.storage.errors import Invalid
from questionnaires import Questionnaire
from survey.consultations.schemas import ActionIn, ActionState, ConsultationIn
from survey.consultations.sealing import MIN_PASSPHRASE
from survey.web.i18n import N_, translate

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD, MAX_THRESHOLD = 3, 50

# What each field's problem says, whatever the check that found it (the form's or a service's).
_MESSAGES = {
    "title": N_("consultation_form_error_title"),
    "questionnaire": N_("consultation_form_error_questionnaire"),
    "opens_on": N_("consultation_form_error_date"),
    "closes_on": N_("consultation_form_error_date"),
    "threshold": N_("consultation_form_error_threshold"),
    "guardians": N_("consultation_form_error_guardians"),
    "tally_passphrase": N_("consultation_form_error_passphrase_short"),
    "tally_passphrase_again": N_("consultation_form_error_passphrase_again"),
}


class FormProblems(Exception):
    """The form's problems, by field, in the page's language."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(", ".join(problems))
        self.problems = problems


def message(lang: str, field: str, msgid: str | None = None) -> str:
    msgid = msgid or _MESSAGES.get(field, N_("consultation_form_error_field"))
    return translate(lang, msgid, n=MIN_PASSPHRASE, low=MIN_THRESHOLD, high=MAX_THRESHOLD)


def service_problem(error: Invalid, lang: str) -> dict[str, str]:
    """A service's refusal as a problem of the form field it names."""
    if error.field == "closes_on":
        return {"closes_on": message(lang, "closes_on", N_("consultation_form_error_closes"))}
    return {error.field: message(lang, error.field)}


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def creation(
    form: Mapping[str, str], questionnaires: list[Questionnaire], lang: str
) -> ConsultationIn:
    """The consultation a creation form asks for; `FormProblems` naming every wrong field."""
    problems: dict[str, str] = {}
    title = form.get("title", "").strip()
    if not 3 <= len(title) <= 200:
        problems["title"] = message(lang, "title")
    chosen = {f"{q.id}@{q.version}": q for q in questionnaires}.get(form.get("questionnaire", ""))
    if chosen is None:
        problems["questionnaire"] = message(lang, "questionnaire")
    opens_on, closes_on = _date(form.get("opens_on", "")), _date(form.get("closes_on", ""))
    for field, day in (("opens_on", opens_on), ("closes_on", closes_on)):
        if day is None:
            problems[field] = message(lang, field)
    if opens_on and closes_on and closes_on < opens_on:
        problems["closes_on"] = message(lang, "closes_on", N_("consultation_form_error_closes"))
    raw_threshold = form.get("threshold", "").strip()  # empty means the usual threshold
    threshold = int(raw_threshold) if raw_threshold.isdigit() else None
    if raw_threshold == "":
        threshold = DEFAULT_THRESHOLD
    if threshold is None or not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        problems["threshold"] = message(lang, "threshold")
    guardians = [line.strip() for line in form.get("guardians", "").splitlines() if line.strip()]
    if not guardians or len("\n".join(guardians)) > 500:
        problems["guardians"] = message(lang, "guardians")
    passphrase = form.get("tally_passphrase", "")
    if len(passphrase) < MIN_PASSPHRASE:
        problems["tally_passphrase"] = message(lang, "tally_passphrase")
    elif form.get("tally_passphrase_again", "") != passphrase:
        problems["tally_passphrase_again"] = message(lang, "tally_passphrase_again")
    if problems:
        raise FormProblems(problems)
    assert chosen is not None and opens_on and closes_on and threshold  # checked above
    try:
        return ConsultationIn(
            title=title,
            questionnaire=chosen.id,
            questionnaire_version=chosen.version,
            opens_on=opens_on,
            closes_on=closes_on,
            threshold=threshold,
            guardians="\n".join(guardians),
            tally_passphrase=passphrase,
        )
    except msgspec.ValidationError:  # pragma: no cover - every constraint is checked above
        raise FormProblems({"title": message(lang, "title")}) from None


def kept_values(form: Mapping[str, str]) -> dict[str, str]:
    """What the form shows again after a problem: everything but the passphrases."""
    return {k: v for k, v in form.items() if not k.startswith("tally_passphrase")}


ACTION_STATES: tuple[ActionState, ...] = ("planned", "in_progress", "done", "dropped")
_ACTION_MESSAGES = {
    "what": N_("action_form_error_what"),
    "scale": N_("action_form_error_scale"),
    "owner_office": N_("action_form_error_office"),
    "due_on": N_("action_form_error_due_on"),
    "state": N_("action_form_error_state"),
}


def action_problem(error: Invalid, lang: str) -> dict[str, str]:
    """A service's refusal of an action as a problem of the field it names."""
    field = error.field if error.field in _ACTION_MESSAGES else "what"
    return {field: translate(lang, _ACTION_MESSAGES[field])}


def action(form: Mapping[str, str], scales: set[str], offices: set[str], lang: str) -> ActionIn:
    """The action a form records; `FormProblems` naming every wrong field."""
    problems: dict[str, str] = {}
    what = " ".join(form.get("what", "").split())
    if not 3 <= len(what) <= 300:
        problems["what"] = translate(lang, _ACTION_MESSAGES["what"])
    scale = form.get("scale", "")
    if scale not in scales:
        problems["scale"] = translate(lang, _ACTION_MESSAGES["scale"])
    office = form.get("owner_office", "")
    if office not in offices:
        problems["owner_office"] = translate(lang, _ACTION_MESSAGES["owner_office"])
    due_on = _date(form.get("due_on", ""))
    if due_on is None:
        problems["due_on"] = translate(lang, _ACTION_MESSAGES["due_on"])
    if problems:
        raise FormProblems(problems)
    assert due_on is not None  # checked above
    try:
        return ActionIn(what=what, scale=scale, owner_office=office, due_on=due_on)
    except msgspec.ValidationError:  # pragma: no cover - every constraint is checked above
        raise FormProblems({"what": translate(lang, _ACTION_MESSAGES["what"])}) from None


def action_state(form: Mapping[str, str], lang: str) -> ActionState:
    state = form.get("state", "")
    for known in ACTION_STATES:
        if state == known:
            return known
    raise FormProblems({"state": translate(lang, _ACTION_MESSAGES["state"])})
