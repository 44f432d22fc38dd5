"""Import of cases exported by the main case platform (CSV or JSON Lines).

Every row is validated before anything is written; a file with bad rows imports nothing unless
the caller skips them. Rows whose case code is already known are left as they are, so importing
the same file twice changes nothing. Rows are written in one transaction, a chunk at a time as one
statement that reads the chunk from a JSON parameter, and the status history by INSERT…SELECT:
the ORM's per-row objects would cost more than the database does.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import functools
import itertools
import json
from collections.abc import Callable, Coroutine, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec

from case_bridge import services, storage
from case_bridge.lifecycle import check_closing_time, check_other_bodies, path_of_record
from case_bridge.schemas import IMPORT_COLUMNS, LIST_COLUMNS, CaseRecord, ImportReport
from case_bridge.storage import clock
from case_bridge.storage.errors import DomainError
from case_bridge.storage.scripts import Statements
from case_bridge.storage.validation import field_problem
from case_bridge.tables import Case, Office, Referent
from case_bridge.topics import is_known_topic
from case_bridge.vocabulary import (
    CaseStatus,
    Channel,
    Region,
    RequesterKind,
    RequestType,
    ResolutionPath,
    stored_bodies,
)

CHUNK = 10_000
FIRST_CHUNK = 2_000
RECENT_CLOSURE = timedelta(days=60)
# A file of garbage has as many errors as lines: the first ones tell what is wrong, the rest
# are counted (a million lines of errors would only bury them).
REPORTED_ERRORS = 100
# The separators a CSV export comes with: the comma, Italian Excel's semicolon, and the tab.
DELIMITERS = (",", ";", "\t")
Progress = Callable[[int], None]


class ImportFileError(DomainError):
    """The file cannot be read as CSV or JSON Lines at all."""


class RowError(msgspec.Struct, frozen=True):
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class InvalidRows(DomainError):
    """Some rows are bad; nothing was imported. `errors` holds the first REPORTED_ERRORS."""

    def __init__(self, errors: list[RowError], rows: int, invalid: int) -> None:
        super().__init__(f"{invalid} of {rows} rows are invalid; nothing was imported")
        self.errors = errors
        self.invalid = invalid


def read_rows(path: Path, delimiter: str | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, raw row) for each row of a CSV or JSON Lines file; a CSV file's separator
    is `delimiter`, or else the one that splits its header into the most known columns."""
    try:
        yield from _read_rows(path, delimiter)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the export as UTF-8"
        ) from None


def _read_rows(path: Path, delimiter: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    suffix = path.suffix.lower()
    # utf-8-sig: a byte-order mark (Excel writes one) is dropped, not read into the first column.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if suffix == ".csv":
            if delimiter is None:
                delimiter = _header_delimiter(handle.readline())
                handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            header = next(reader, [])
            for row in reader:
                # Empty cells are absent values: the record's defaults (None) stand for them.
                cells = {key: value for key, value in zip(header, row, strict=False) if value}
                yield reader.line_num, _with_lists(cells)
        elif suffix in {".jsonl", ".ndjson", ".json"}:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        yield number, json.loads(line)
                    except json.JSONDecodeError as error:
                        yield number, {"__error__": f"not valid JSON ({error.msg})"}
        else:
            raise ImportFileError(f"{path.name}: use a .csv or .jsonl file")


def _with_lists(cells: dict[str, Any]) -> dict[str, Any]:
    """A CSV row with each list column's cell ("prefecture,fire_brigade") made a list."""
    for name in LIST_COLUMNS:
        if name in cells:
            cells[name] = [part.strip() for part in cells[name].split(",") if part.strip()]
    return cells


def _header_delimiter(header: str) -> str:
    """The separator that splits a header line into the most known columns (a comma if none
    does: the rows' errors then name the unknown columns)."""
    known = set(IMPORT_COLUMNS)

    def columns_found(delimiter: str) -> int:
        return len(known.intersection(name.strip('" ') for name in header.split(delimiter)))

    return max(DELIMITERS, key=columns_found)


class _CaseRow(msgspec.Struct, array_like=True, gc=False):
    """A checked row as it is written: fields named and ordered as the table's columns, times
    as UTC wall times (`clock.utc_wall_time`); like `CaseRecord`, out of the collector's way."""

    code: str
    opened_at: datetime
    channel: Channel
    request_type: RequestType
    topic: str
    region: Region | None
    requester_kind: RequesterKind | None
    contact_email: str | None
    contact_phone: str | None
    status: CaseStatus
    resolution_path: ResolutionPath | None
    office: int | None
    referent: int | None
    other_bodies: str  # as stored: `vocabulary.stored_bodies`
    closed_at: datetime | None
    updated_at: datetime


_CASE_COLUMNS = _CaseRow.__struct_fields__


def validate_rows(
    numbered: list[tuple[int, dict[str, Any]]],
    offices: dict[str, int],
    referents: dict[str, int],
    seen: dict[str, int],
) -> tuple[list[_CaseRow], list[RowError]]:
    """Check rows on their own and against the ones `seen` before (code → line)."""
    records = _convert_all(numbered)
    now = clock.utc_wall_time(clock.now())
    good: list[_CaseRow] = []
    errors: list[RowError] = []
    for (line, raw), record in zip(numbered, records, strict=True):
        row = raw if record is None else record
        checked = _check_row(line, row, offices, referents, seen, now)
        if isinstance(checked, RowError):
            errors.append(checked)
        else:
            good.append(checked)
    return good, errors


def _convert_all(numbered: list[tuple[int, dict[str, Any]]]) -> list[CaseRecord | None]:
    """All rows converted at once (fast); if any is bad, None so each is checked on its own."""
    try:
        return msgspec.convert([raw for _, raw in numbered], list[CaseRecord], strict=False)
    except msgspec.ValidationError:
        return [None] * len(numbered)


def _check_row(line, row, offices, referents, seen, now) -> RowError | _CaseRow:
    if isinstance(row, CaseRecord):
        record = row
    elif "__error__" in row:
        return RowError(line, "row", row["__error__"])
    else:
        try:
            record = msgspec.convert(row, CaseRecord, strict=False)
        except msgspec.ValidationError as error:
            problem = field_problem(error)
            return RowError(line, problem.field or "row", problem.message)
    if record.code in seen:
        return RowError(line, "code", f"{record.code} already appears on line {seen[record.code]}")
    seen[record.code] = line
    office = referent = None
    if record.office is not None and (office := offices.get(record.office)) is None:
        return RowError(line, "office", f"no office with code {record.office!r}")
    if record.referent is not None and (referent := referents.get(record.referent)) is None:
        return RowError(line, "referent", f"no referent with email {record.referent!r}")
    opened_at = clock.utc_wall_time(record.opened_at)
    closed_at = clock.utc_wall_time(record.closed_at) if record.closed_at else None
    try:
        path = path_of_record(record.status, record.resolution_path, office is not None)
        check_other_bodies(office is not None, record.other_bodies)
        if (record.status == CaseStatus.CLOSED) != (closed_at is not None):
            return RowError(line, "closed_at", "closed_at is given exactly for closed cases")
        if closed_at is not None:
            check_closing_time(opened_at, closed_at)
    except DomainError as error:
        field, _, message = error.message.partition(": ")
        return RowError(line, field, message)
    return _CaseRow(
        record.code,
        opened_at,
        record.channel,
        record.request_type,
        record.topic,
        record.region,
        record.requester_kind,
        record.contact_email,
        record.contact_phone,
        record.status,
        path,
        office,
        referent,
        stored_bodies(record.other_bodies),
        closed_at,
        now,
    )


_COUNT_NEW = 'SELECT COUNT(*) AS "new" FROM "cases" WHERE "id" > ?'
_LAST_ID = 'SELECT COALESCE(MAX("id"), 0) AS "last" FROM "cases"'


def _chunks(rows: Iterable[tuple[int, dict[str, Any]]]) -> Iterator[list]:
    """Rows in chunks of CHUNK; the first is smaller, so that the database starts early."""
    iterator = iter(rows)
    size = FIRST_CHUNK
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
        size = CHUNK


async def import_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    *,
    source: str,
    on_closed: services.CaseClosedListener,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import rows in one transaction, chunk by chunk; a bad row (unless skipped) rolls all of
    it back, so nothing of a file with bad rows is kept. Cases that closed recently are given
    to `on_closed` in the same transaction.

    While the database writes one chunk (on SQLite, in C on its own thread), this thread checks
    the next: the write of a chunk is one statement that does not hold the GIL."""
    offices = {r["code"]: r["id"] for r in await Office.select(Office.id, Office.code).run()}
    referents = {
        r["email"]: r["id"] for r in await Referent.select(Referent.id, Referent.email).run()
    }
    engine = storage.engine()
    insert = engine.json_insert_sql(Case, _CASE_COLUMNS) + ' ON CONFLICT ("code") DO NOTHING'
    actor = f"import:{source}"
    seen: dict[str, int] = {}
    errors: list[RowError] = []
    warnings: list[RowError] = []
    count = valid = invalid = 0
    async with storage.writing():
        if engine.engine_type == "postgres":
            # New cases are told apart from old ones by id (the history, the count of imported
            # rows): that needs no other writer of cases until commit, as SQLite's BEGIN
            # IMMEDIATE gives. This mode conflicts with itself and with writes.
            await engine.run_sql('LOCK TABLE "cases" IN SHARE ROW EXCLUSIVE MODE')
        first_id = last_id = (await engine.run_sql(_LAST_ID))[0]["last"]
        writing: asyncio.Task | None = None
        try:
            for chunk in _chunks(rows):
                count += len(chunk)
                good, chunk_errors = validate_rows(chunk, offices, referents, seen)
                invalid += len(chunk_errors)
                errors.extend(chunk_errors[: REPORTED_ERRORS - len(errors)])
                warnings.extend(unknown_topics(chunk)[: REPORTED_ERRORS - len(warnings)])
                if writing is not None:
                    last_id, writing = await writing, None
                if good and (skip_invalid or not invalid):
                    valid += len(good)
                    payload = msgspec.json.encode(good).decode()
                    script = functools.partial(
                        _write_chunk, insert=insert, payload=payload, after_id=last_id, actor=actor
                    )
                    writing = await _started(engine.run_script(script))
                if progress:
                    progress(len(chunk))
            if writing is not None:
                last_id, writing = await writing, None
        finally:
            if writing is not None:  # something failed here: the write ends before the rollback
                with contextlib.suppress(Exception):
                    await writing
        if invalid and not skip_invalid:
            raise InvalidRows(errors, count, invalid)
        imported = (await engine.run_sql(_COUNT_NEW, [first_id]))[0]["new"]
        await _notify_closed_since(first_id, on_closed)
    return ImportReport(
        rows=count,
        imported=imported,
        unchanged=valid - imported,
        invalid=invalid,
        errors=[str(error) for error in errors],
        warnings=[str(warning) for warning in warnings],
    )


def unknown_topics(rows: Iterable[tuple[int, dict[str, Any]]]) -> list[RowError]:
    """Rows whose topic is not in the vocabulary: imported all the same, and reported."""
    return [
        RowError(line, "topic", f"unknown topic {topic!r}: add it to case_bridge/topics.csv")
        for line, row in rows
        if isinstance(topic := row.get("topic"), str) and topic and not is_known_topic(topic)
    ]


async def _started(coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task:
    """A task that has begun: on SQLite, its statement is on the writer's thread."""
    task = asyncio.ensure_future(coroutine)
    await asyncio.sleep(0)
    return task


# The transitions an imported case lived, as far as the export tells them, written by the
# database from the rows just inserted. The export does not say when a case was escalated:
# its opening time stands for it.
_HISTORY_SQL = """
INSERT INTO "case_events" ("case", "at", "from_status", "to_status", "actor", "note")
SELECT "id", "at", "from_status", "to_status", ?, '' FROM (
    SELECT "id", "opened_at" AS "at", NULL AS "from_status", 'open' AS "to_status", 1 AS "step"
    FROM "cases" WHERE "id" > ?
    UNION ALL
    SELECT "id", "opened_at", 'open', 'back_office', 2
    FROM "cases" WHERE "id" > ? AND "office" IS NOT NULL
    UNION ALL
    SELECT "id", "closed_at", CASE WHEN "office" IS NULL THEN 'open' ELSE 'back_office' END,
           'closed', 3
    FROM "cases" WHERE "id" > ? AND "closed_at" IS NOT NULL
) AS "lived" ORDER BY "id", "step"
"""


async def _write_chunk(db: Statements, insert: str, payload: str, after_id: int, actor: str) -> int:
    """Insert a chunk's new cases and their history; the last case id after it."""
    await db.rows(insert, [payload])
    await db.rows(_HISTORY_SQL, [actor, after_id, after_id, after_id])
    return (await db.rows(_LAST_ID))[0]["last"]


async def _notify_closed_since(after_id: int, on_closed: services.CaseClosedListener) -> None:
    # An import of history does not wake listeners for cases that closed long ago.
    recent = clock.now() - RECENT_CLOSURE
    rows = (
        await Case.select(
            Case.id,
            Case.code,
            Case.closed_at,
            Case.resolution_path,
            Case.contact_email,
            Case.office,
        )
        .where((Case.id > after_id) & (Case.closed_at >= recent))
        .run()
    )
    closed = [
        services.ClosedCase(
            r["id"],
            r["code"],
            r["closed_at"],
            r["resolution_path"],
            r["contact_email"],
            r["office"],
        )
        for r in rows
    ]
    if closed:
        await on_closed(closed)


async def import_file(
    path: Path,
    *,
    on_closed: services.CaseClosedListener,
    delimiter: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a CSV or JSON Lines file of cases (a CSV file's separator found if not given)."""
    return await import_rows(
        read_rows(path, delimiter),
        source=path.name,
        on_closed=on_closed,
        skip_invalid=skip_invalid,
        progress=progress,
    )
