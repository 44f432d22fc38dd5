"""Prometheus metrics through Litestar's own plugin, plus the service's figures of work.

Requests are counted and timed by route *template* (`/f/{token}`), never by the path asked:
a path holds a citizen's or a referent's working link, and a label is kept, scraped and
stored by every Prometheus that reads us. Requests that reach no route (an unknown path) are
not counted by the plugin at all: Litestar runs its middleware only for routed requests.

The figures of work (answers stored, outbox queue, follow-ups open) are read from the database
when `/metrics` is scraped, so every worker (and every process behind a load balancer) reports
the same numbers, and none of them holds state of its own.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.plugins.prometheus import (
    PrometheusConfig,
    PrometheusController,
    PrometheusMiddleware,
)
from piccolo.query.functions.aggregate import Count
from prometheus_client import Gauge

from case_bridge.tables import FollowUp
from survey.feedback.tables import FeedbackResponse
from survey.follow_ups.states import State
from survey.outbox.services import outbox_counts

PREFIX = "ascolto"
METRICS_PATH = "/metrics"

# Module-level: Prometheus's registry takes each name once per process, however many apps
# the process builds (the tests build several).
ANSWERS_STORED = Gauge(
    f"{PREFIX}_feedback_answers_stored", "Citizens' answers held in the database (one per case)"
)
OUTBOX_MESSAGES = Gauge(
    f"{PREFIX}_outbox_messages", "Emails in the outbox by status (pending and sending: the queue)",
    ["status"],
)  # fmt: skip
FOLLOW_UPS = Gauge(f"{PREFIX}_follow_ups", "Follow-ups by state", ["state"])


class _TemplateMiddleware(PrometheusMiddleware):
    """Litestar's middleware builds each request's whole URL object for a label it then
    replaces with the route template: a sixth of a citizen's answer's time in the app
    (`bench/feedback_bench.py`). This one reads the template and the method only."""

    def _get_default_labels(self, request: Request[Any, Any, Any]) -> dict[str, str | int | float]:
        scope = request.scope
        return {
            "method": scope.get("method") or scope["type"],
            "path": scope["path_template"],
            "status_code": 200,
            "app_name": self._config.app_name,
        }


def prometheus_config() -> PrometheusConfig:
    """Requests by method, route template and status; their durations as a histogram."""
    return PrometheusConfig(
        app_name=PREFIX,
        prefix=PREFIX,
        middleware_class=_TemplateMiddleware,
        group_path=True,  # the route template, never the raw path (it holds tokens)
        exclude_unhandled_paths=True,
        exclude=[f"^{METRICS_PATH}$"],
    )


async def refresh_work_figures() -> None:
    """Read the figures of work from the database into their gauges."""
    answers = await FeedbackResponse.count().run()
    ANSWERS_STORED.set(answers)
    for status, count in (await outbox_counts()).items():
        OUTBOX_MESSAGES.labels(status=status.value).set(count)
    rows = await (
        FollowUp.select(FollowUp.status, Count(alias="count")).group_by(FollowUp.status).run()
    )
    by_state = {row["status"]: row["count"] for row in rows}
    for state in State:
        FOLLOW_UPS.labels(state=state.value).set(by_state.get(state.value, 0))


class MetricsController(PrometheusController):
    """`GET /metrics` in Prometheus's text format, the figures of work read first."""

    path = METRICS_PATH
    include_in_schema = False

    @get()
    async def get(self) -> Response:
        await refresh_work_figures()
        return await super().get.fn(self)
