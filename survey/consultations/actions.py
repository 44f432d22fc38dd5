"""Actions management decides after a wave closes, followed through: their state changes as
the work goes on, and the next wave's questionnaire asks referents whether they saw each one
carried out (`questionnaires.follow_through`); its tallied answers are shown beside the action.
"""

from __future__ import annotations

from case_bridge.storage import clock, writing
from case_bridge.storage.errors import Invalid, NotFound
from case_bridge.tables import Office
from questionnaires import Registry
from questionnaires.follow_through import action_item_code
from survey.consultations.errors import WrongState
from survey.consultations.results import consultation_results
from survey.consultations.schemas import ActionIn, ActionOut, ActionState, SeenCount
from survey.consultations.services import get_consultation
from survey.consultations.tables import Consultation, ConsultationAction
from survey.questionnaire_versions.services import questionnaire_for


class ActionNotFound(NotFound):
    def __init__(self, action_id: int) -> None:
        super().__init__(f"no action {action_id} of this consultation")


async def record_action(
    *, consultation_id: int, data: ActionIn, registry: Registry, lang: str = "it"
) -> ActionOut:
    """An action on one of a closed wave's scales, owned by an office."""
    consultation = await get_consultation(consultation_id=consultation_id)
    if consultation.state != "closed":
        raise WrongState("actions are recorded once the wave is closed and tallied")
    questionnaire = await questionnaire_for(
        registry, consultation.questionnaire, consultation.questionnaire_version
    )
    if data.scale not in {scale.name for scale in questionnaire.scales}:
        raise Invalid("scale", f"no scale {data.scale!r} in this wave's questionnaire")
    office = await Office.select(Office.id).where(Office.code == data.owner_office).first().run()
    if office is None:
        raise Invalid("owner_office", f"no office with code {data.owner_office!r}")
    async with writing():
        rows = (
            await ConsultationAction.insert(
                ConsultationAction(
                    consultation=consultation_id,
                    what=data.what.strip(),
                    scale=data.scale,
                    owner_office=office["id"],
                    due_on=data.due_on,
                    state=data.state,
                    created_at=clock.now(),
                )
            )
            .returning(ConsultationAction.id)
            .run()
        )
    return await _action(consultation_id, rows[0]["id"], registry, lang)


async def change_state(
    *,
    consultation_id: int,
    action_id: int,
    state: ActionState,
    registry: Registry,
    lang: str = "it",
) -> ActionOut:
    """Move an action to `state` (any state to any: work reopens, plans are dropped)."""
    async with writing():
        updated = (
            await ConsultationAction.update({ConsultationAction.state: state})
            .where(
                (ConsultationAction.id == action_id)
                & (ConsultationAction.consultation == consultation_id)
            )
            .returning(ConsultationAction.id)
            .run()
        )
    if not updated:
        raise ActionNotFound(action_id)
    return await _action(consultation_id, action_id, registry, lang)


async def _action(consultation_id: int, action_id: int, registry: Registry, lang: str) -> ActionOut:
    for action in await list_actions(consultation_id=consultation_id, registry=registry, lang=lang):
        if action.id == action_id:
            return action
    raise ActionNotFound(action_id)


async def list_actions(
    *, consultation_id: int, registry: Registry, lang: str = "it"
) -> list[ActionOut]:
    """A wave's actions, each with the next wave's answers about it once tallied."""
    consultation = await get_consultation(consultation_id=consultation_id)
    questionnaire = await questionnaire_for(
        registry, consultation.questionnaire, consultation.questionnaire_version
    )
    titles = {scale.name: scale.title.get(lang) for scale in questionnaire.scales}
    rows = (
        await ConsultationAction.select(
            *ConsultationAction.all_columns(),
            ConsultationAction.owner_office.code.as_alias("office_code"),
            ConsultationAction.owner_office.name.as_alias("office_name"),
            ConsultationAction.owner_office.name_en.as_alias("office_name_en"),
        )
        .where(ConsultationAction.consultation == consultation_id)
        .order_by(ConsultationAction.id)
        .run()
    )
    later, asked, seen = await _next_wave(consultation_id, registry, lang)
    return [
        ActionOut(
            id=row["id"],
            consultation=consultation_id,
            what=row["what"],
            scale=row["scale"],
            scale_title=titles.get(row["scale"], row["scale"]),
            owner_office=row["office_code"],
            owner_office_name=row["office_name_en"]
            if lang == "en" and row["office_name_en"]
            else row["office_name"],
            due_on=row["due_on"],
            state=row["state"],
            asked_in=later if action_item_code(row["id"]) in asked else None,
            item=action_item_code(row["id"]),
            seen=seen.get(action_item_code(row["id"])),
        )
        for row in rows
    ]


async def _next_wave(
    consultation_id: int, registry: Registry, lang: str
) -> tuple[int | None, set[str], dict[str, list[SeenCount]]]:
    """The wave that follows this one (if any), the items its questionnaire has, and, once it
    is tallied and shown, its answers to each action item."""
    row = (
        await Consultation.select(Consultation.id)
        .where(Consultation.follows == consultation_id)
        .order_by(Consultation.id)
        .first()
        .run()
    )
    if row is None:
        return None, set(), {}
    consultation = await get_consultation(consultation_id=row["id"])
    questionnaire = await questionnaire_for(
        registry, consultation.questionnaire, consultation.questionnaire_version
    )
    items = {item.code for item in questionnaire.items()}
    if consultation.state != "closed":
        return row["id"], items, {}
    results = await consultation_results(consultation_id=row["id"], registry=registry, lang=lang)
    seen = {
        item.code: [
            SeenCount(value=choice.value, label=choice.label, count=choice.count)
            for choice in item.distribution
        ]
        for item in results.items
        if item.code in items and results.shown
    }
    return row["id"], items, seen
