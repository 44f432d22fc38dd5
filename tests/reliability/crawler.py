"""A crawler that uses the app's pages as people do: it follows every link it is shown and sends
every form it meets, once as the form stands and once with every optional field left blank.

What a person must never meet: a server error, a page that answers raw JSON or plain text, a
page in another language than the one they chose, a link that leads nowhere, or a search form
that refuses its own defaults. A form that needs input may refuse it (4xx), with a page of ours
in the person's language that says what is wrong.

One instance of each route template is visited per person and language: a route's second
instance runs the same code with other rows, which the route's own tests are for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from litestar import Litestar

# Answers a link may give that are not pages: files people download (exports, charts).
DOWNLOADS = ("text/csv", "application/vnd.openxmlformats", "application/pdf", "image/svg")
# Buttons and fields a browser sends: every <input> type but these carries its value.
_NOT_SENT = {"submit", "button", "reset", "image", "file"}
_BLANKABLE = {"text", "email", "number", "date", "search", "tel", "url", "password", "textarea"}


@dataclass
class Field:
    name: str
    kind: str  # the input's type, or "select" / "textarea"
    value: str = ""
    checked: bool = False  # checkboxes and radios
    required: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # select: (value, selected)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str  # absolute URL
    fields: list[Field] = field(default_factory=list)
    submit: tuple[str, str] | None = None  # the first submit button's name and value

    def values(self, *, blank_optional: bool) -> list[tuple[str, str]]:
        """What a browser sends: the form as shown, or with every optional field blank."""
        sent: list[tuple[str, str]] = []
        for one in self.fields:
            blank = blank_optional and not one.required and one.kind != "hidden"
            if one.kind in ("checkbox", "radio"):
                if one.checked and not blank:
                    sent.append((one.name, one.value or "on"))
            elif one.kind == "select":
                sent.extend((one.name, value) for value in _selected(one, blank=blank))
            else:
                sent.append((one.name, "" if blank and one.kind in _BLANKABLE else one.value))
        if self.submit is not None:
            sent.append(self.submit)
        return sent


def _selected(select: Field, *, blank: bool) -> list[str]:
    """The values a select sends: those selected, else (one-choice) the first option, as a
    browser does; blank, its empty option if it has one (a person cannot send another)."""
    chosen = [value for value, selected in select.options if selected]
    if select.multiple:
        return [] if blank else chosen
    if blank and any(value == "" for value, _ in select.options):
        return [""]
    return chosen[:1] or [value for value, _ in select.options[:1]]


class PageReader(HTMLParser):
    """The links, forms and language of an HTML page."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.lang: str | None = None
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = given.get("lang")
        elif tag == "a" and "href" in given:
            self.links.append(urljoin(self.url, given["href"]))
        elif tag == "form":
            method = given.get("method", "get").upper()
            self._form = Form(method, urljoin(self.url, given.get("action") or self.url))
            self.forms.append(self._form)
        elif self._form is not None:
            self._form_part(tag, given)

    def _form_part(self, tag: str, given: dict[str, str]) -> None:
        assert self._form is not None
        name, required = given.get("name"), "required" in given
        if tag == "input":
            kind = given.get("type", "text").lower()
            if kind == "submit":
                self._button(name, given.get("value", ""))
            elif name and kind not in _NOT_SENT:
                self._form.fields.append(
                    Field(name, kind, given.get("value", ""), "checked" in given, required)
                )
        elif tag == "button" and given.get("type", "submit").lower() == "submit":
            self._button(name, given.get("value", ""))
        elif tag == "select" and name:
            self._select = Field(name, "select", required=required, multiple="multiple" in given)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option, self._option_text = (given.get("value"), "selected" in given), ""
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea", required=required)
            self._form.fields.append(self._textarea)

    def _button(self, name: str | None, value: str) -> None:
        assert self._form is not None
        if self._form.submit is None:
            self._form.submit = (name, value) if name else ("", "")

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None and self._select is not None:
            value, selected = self._option
            text = self._option_text.strip()
            self._select.options.append((text if value is None else value, selected))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            if self._form is not None and self._form.submit == ("", ""):
                self._form.submit = None  # a nameless button adds nothing to what is sent
            self._form = None


def route_templates(app: Litestar) -> list[tuple[str, re.Pattern[str]]]:
    """Each route's path template and a pattern matching its URLs (static routes first), with
    a named group for each of the template's parameters."""
    found = []
    for route in app.routes:
        pattern = re.escape(route.path)
        pattern = re.sub(r"\\\{(\w+):path\\\}", r"(?P<\1>.*)", pattern)
        pattern = re.sub(r"\\\{(\w+):\w+\\\}", r"(?P<\1>[^/]+)", pattern)
        found.append((route.path, re.compile(f"^{pattern}/?$")))
    return sorted(found, key=lambda pair: (pair[0].count("{"), -len(pair[0])))


# A path parameter this short is a word that picks a page (`/manage/dashboard/{page}`), kept
# apart; a longer one is a token or a key, and every value of it shows the same page.
WORD = 20


@dataclass
class Finding:
    where: str  # the page or form that showed the link or form
    what: str  # the request
    problem: str


@dataclass
class Tally:
    pages: int = 0
    forms: int = 0  # submissions: each form counts twice (as shown, with optional fields blank)
    form_answers: Counter[int] = field(default_factory=Counter)  # their final statuses
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Person:
    """Someone using the pages: a name for the report, a browser (cookies), where they start,
    and the links they must not follow (signing out, which the crawl does once, at the end)."""

    name: str
    http: httpx.AsyncClient
    start: list[str]
    lang: str
    sign_in: Callable[[], Awaitable[object]] | None = None  # signs them in again after signing out


@dataclass
class _Visit:
    """One person's crawl: what is left to open, and what was opened and sent already."""

    person: Person
    queue: list[tuple[str, str]] = field(default_factory=list)  # (url, the page linking it)
    pages: set[str] = field(default_factory=set)
    forms: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)
    deferred: list[tuple[Form, str]] = field(default_factory=list)  # signing out: sent last


class Crawler:
    """Visits one instance of each route template a person reaches, and sends its forms."""

    def __init__(self, app: Litestar, base_url: str, tally: Tally) -> None:
        self.templates = route_templates(app)
        self.base = base_url
        self.tally = tally

    def template_of(self, url: str) -> str | None:
        """The route template `url` reaches, with the words among its parameters filled in."""
        path = urlsplit(url).path
        for name, pattern in self.templates:
            if matched := pattern.match(path):
                words = [
                    f"{key}={value}"
                    for key, value in matched.groupdict().items()
                    if len(value) < WORD and not value.isdigit()
                ]
                return " ".join([name, *words])
        return None

    def _ours(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and url.startswith(self.base)

    async def crawl(self, person: Person) -> None:
        """Every page and form `person` reaches from where they start, in their language."""
        visit = _Visit(person)
        for url in person.start:
            # Where a person starts is visited even if a route of its template was seen.
            visit.queue.append((url, "start"))
        while visit.queue:
            url, where = visit.queue.pop(0)
            template = self.template_of(url)
            if template is None:
                self._found(where, f"GET {url}", "no route answers this link")
                continue
            if template.startswith("/static") or (template in visit.pages and where != "start"):
                continue
            visit.pages.add(template)
            answer = await self._get(person, url, where)
            if answer is not None:
                await self._read(visit, answer)
        for form, where in visit.deferred:
            await self._send_both(visit, form, where)

    async def _read(self, visit: _Visit, answer: httpx.Response) -> None:
        """Queue a page's links, and send its forms not sent before."""
        url = str(answer.url)
        page = PageReader(url)
        page.feed(answer.text)
        visit.queue.extend((link, url) for link in page.links if self._ours(link))
        for form in page.forms:
            key = (form.method, self.template_of(form.action) or form.action, _names(form))
            if key in visit.forms:
                continue
            visit.forms.add(key)
            if urlsplit(form.action).path == "/manage/logout":
                visit.deferred.append((form, url))
            else:
                await self._send_both(visit, form, url)

    async def _get(self, person: Person, url: str, where: str) -> httpx.Response | None:
        self.tally.pages += 1
        answer = await person.http.get(url, follow_redirects=True)
        what = f"GET {url} ({person.name}, {person.lang})"
        if answer.status_code >= 400:
            self._found(where, what, f"a link answered {answer.status_code}: {_excerpt(answer)}")
            return None
        if urlsplit(url).path.startswith("/api/"):
            # A download the page offers (the data as JSON, CSV, XLSX, a syntax file).
            return None
        if _is_download(answer):
            return None
        if not self._is_page(answer, person, where, what):
            return None
        return answer

    def _is_page(self, answer: httpx.Response, person: Person, where: str, what: str) -> bool:
        kind = answer.headers.get("content-type", "")
        if not kind.startswith("text/html"):
            self._found(where, what, f"answered {kind or 'no content type'}, not a page")
            return False
        lang = PageReader(str(answer.url))
        lang.feed(answer.text[:2000])
        if lang.lang != person.lang:
            self._found(where, what, f"a page in {lang.lang!r}, not in {person.lang!r}")
        return True

    async def _send_both(self, visit: _Visit, form: Form, where: str) -> None:
        """The form as shown, then with its optional fields blank; the answers read on."""
        person = visit.person
        for blank in (False, True):
            answer = await self._send(person, form, where, blank_optional=blank)
            if answer is not None and answer.status_code < 400:
                await self._read(visit, answer)
        if urlsplit(form.action).path == "/manage/logout" and person.sign_in is not None:
            await person.sign_in()

    async def _send(
        self, person: Person, form: Form, where: str, *, blank_optional: bool
    ) -> httpx.Response | None:
        self.tally.forms += 1
        values = form.values(blank_optional=blank_optional)
        how = "optional fields blank" if blank_optional else "as shown"
        what = f"{form.method} {form.action} {how} ({person.name}, {person.lang})"
        headers = {"Referer": where}
        if form.method == "GET":
            parts = urlsplit(form.action)
            url = parts._replace(query=urlencode(values), fragment="").geturl()
            answer = await person.http.get(url, headers=headers, follow_redirects=True)
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            answer = await person.http.post(
                form.action, content=urlencode(values), headers=headers, follow_redirects=True
            )
        status = answer.status_code
        self.tally.form_answers[status] += 1
        if status >= 500:
            self._found(where, what, f"server error {status}: {_excerpt(answer)}")
            return None
        if _is_download(answer) or not self._is_page(answer, person, where, what):
            return None
        if status >= 400:
            if form.method == "GET" and not blank_optional:
                self._found(where, what, f"a search refused its own defaults ({status})")
            elif status in (400, 422) and not _shows_problems(answer.text):
                self._found(where, what, f"{status} with a page that names no problem")
        return answer

    def _found(self, where: str, what: str, problem: str) -> None:
        self.tally.findings.append(Finding(where, what, problem))


def _names(form: Form) -> tuple[str, ...]:
    return tuple(sorted({one.name for one in form.fields}))


def _is_download(answer: httpx.Response) -> bool:
    kind = answer.headers.get("content-type", "")
    attachment = "attachment" in answer.headers.get("content-disposition", "")
    return attachment or kind.startswith(DOWNLOADS)


# How our pages show what is wrong: a form's error summary or its fields' problems, the login
# form's error, or the error page's heading and advice (text in the page's language).
_PROBLEM_MARKS = ('role="alert"', 'class="error', 'class="field-problem"', 'class="problems"')


def _shows_problems(page: str) -> bool:
    return any(mark in page for mark in _PROBLEM_MARKS)


def _excerpt(answer: httpx.Response) -> str:
    return re.sub(r"\s+", " ", answer.text[:300])


def report(findings: Iterable[Finding]) -> str:
    """The findings, one per line, grouped by problem."""
    return "\n".join(f"- {f.what}: {f.problem}\n    (from {f.where})" for f in findings)
