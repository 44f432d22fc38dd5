"""`/privacy`: the full privacy notice, in the reader's language, linked from every short one."""

from __future__ import annotations

from litestar import MediaType, Request, get
from litestar.response import Template

from survey.privacy.notice import NOTICE_PATH
from survey.web.i18n import remembered_language


@get(NOTICE_PATH, include_in_schema=False)
async def privacy_notice_page(request: Request) -> Template:
    """The full notice (survey/privacy/notice.yaml, or the deployment's own file)."""
    return Template(
        "privacy/notice.html", media_type=MediaType.HTML, cookies=remembered_language(request)
    )
