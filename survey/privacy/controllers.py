"""The rights of the person through the API, for administrators only: export and erase one
person's data, and read the record of privacy actions."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.types import ControllerRouterHandler

from case_bridge.storage.error_answers import error_answers
from questionnaires import Registry
from survey.accounts.guards import CurrentUser, admin_guard
from survey.privacy.audit import RecordedAction, recorded_actions
from survey.privacy.rights import Erasure, Subject, erase, export
from survey.settings import Settings

_ERRORS = error_answers(401, 403, 404, 422)


class PrivacyApi(Controller):
    path = "/api/manage/privacy"
    tags = ["privacy"]
    guards = [admin_guard]

    @post("/export", status_code=200, responses=_ERRORS)
    async def export_person(
        self,
        data: JSONBody[Subject],
        current_user: CurrentUser,
        settings: NamedDependency[Settings],
    ) -> dict[str, Any]:
        """Everything held about one person (by case code or email address: exactly one of
        `case` and `email`, 422 otherwise), as JSON
        (GDPR Art. 15). Recorded under the code, or a keyed hash of the address."""
        return await export(subject=data, actor=current_user.name, secret_key=settings.secret_key)

    @post("/erase", status_code=200, responses=_ERRORS)
    async def erase_person(
        self,
        data: JSONBody[Subject],
        current_user: CurrentUser,
        settings: NamedDependency[Settings],
        registry: NamedDependency[Registry],
    ) -> Erasure:
        """Erase one person's (exactly one of `case` and `email`, 422 otherwise) contact
        details, comments, notes, links and emails; ratings stay,
        tied to no contact datum held here (GDPR Art. 17). Recorded."""
        return await erase(
            subject=data, actor=current_user.name, secret_key=settings.secret_key, registry=registry
        )

    @get("/actions", responses=error_answers(401, 403))
    async def actions(self) -> list[RecordedAction]:
        """The record of exports, erasures and purges, newest first (the latest 100)."""
        return await recorded_actions()


ROUTES: list[ControllerRouterHandler] = [PrivacyApi]
