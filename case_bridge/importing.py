"""Import of cases exported by the main case platform (CSV or JSON Lines).

Every row is validated before anything is written; a file with bad rows imports nothing unless
the caller skips them. Rows whose case code is already known are left as they are, so importing
the same file twice changes nothing. Rows are written with one `executemany` per table inside
one transaction: the ORM's per-row objects would cost more than the database does.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec

from case_bridge import clock, services
from case_bridge.errors import DomainError
from case_bridge.lifecycle import check_closing_time, path_of_record
from case_bridge.schemas import CaseRecord, ImportReport
from case_bridge.tables import Case, Office, Referent
from case_bridge.vocabulary import CaseStatus

CHUNK = 5_000
RECENT_CLOSURE = timedelta(days=60)
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
    """Some rows are bad; nothing was imported."""

    def __init__(self, errors: list[RowError], rows: int) -> None:
        super().__init__(f"{len(errors)} of {rows} rows are invalid; nothing was imported")
        self.errors = errors


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, raw row) for each row of a CSV or JSON Lines file."""
    try:
        yield from _read_rows(path)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the export as UTF-8"
        ) from None


def _read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8", newline="") as handle:
        if suffix == ".csv":
            reader = csv.reader(handle)
            header = next(reader, [])
            for row in reader:
                # Empty cells are absent values: the record's defaults (None) stand for them.
                yield (
                    reader.line_num,
                    {key: value for key, value in zip(header, row, strict=False) if value},
                )
        elif suffix in {".jsonl", ".ndjson", ".json"}:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        yield number, json.loads(line)
                    except json.JSONDecodeError as error:
                        yield number, {"__error__": f"not valid JSON ({error.msg})"}
        else:
            raise ImportFileError(f"{path.name}: use a .csv or .jsonl file")


def _field_of(error: msgspec.ValidationError) -> tuple[str, str]:
    message = str(error)
    if " - at `$." in message:
        text, location = message.rsplit(" - at `$.", 1)
        return location.rstrip("`").split("[")[0], text
    if "missing required field" in message:
        return message.split("`")[1], "missing required field"
    return "row", message


class _Checked(msgspec.Struct):
    line: int
    record: CaseRecord
    opened_at: datetime
    closed_at: datetime | None
    path: str | None


def validate_rows(
    numbered: list[tuple[int, dict[str, Any]]],
    offices: dict[str, int],
    referents: dict[str, int],
    seen: dict[str, int],
) -> tuple[list[_Checked], list[RowError]]:
    """Check rows on their own and against the ones `seen` before (code → line)."""
    records = _convert_all(numbered)
    good: list[_Checked] = []
    errors: list[RowError] = []
    for (line, raw), record in zip(numbered, records, strict=True):
        checked = _check_row(line, raw if record is None else record, offices, referents, seen)
        (errors if isinstance(checked, RowError) else good).append(checked)
    return good, errors


def _convert_all(numbered: list[tuple[int, dict[str, Any]]]) -> list[CaseRecord | None]:
    """All rows converted at once (fast); if any is bad, None so each is checked on its own."""
    try:
        return msgspec.convert([raw for _, raw in numbered], list[CaseRecord], strict=False)
    except msgspec.ValidationError:
        return [None] * len(numbered)


def _check_row(line, row, offices, referents, seen) -> RowError | _Checked:
    if isinstance(row, CaseRecord):
        record = row
    elif "__error__" in row:
        return RowError(line, "row", row["__error__"])
    else:
        try:
            record = msgspec.convert(row, CaseRecord, strict=False)
        except msgspec.ValidationError as error:
            return RowError(line, *_field_of(error))
    if record.code in seen:
        return RowError(line, "code", f"{record.code} already appears on line {seen[record.code]}")
    seen[record.code] = line
    if record.office is not None and record.office not in offices:
        return RowError(line, "office", f"no office with code {record.office!r}")
    if record.referent is not None and record.referent not in referents:
        return RowError(line, "referent", f"no referent with email {record.referent!r}")
    opened_at = clock.as_utc(record.opened_at)
    closed_at = clock.as_utc(record.closed_at) if record.closed_at else None
    try:
        path = path_of_record(record.status, record.resolution_path, record.office is not None)
        if (record.status == CaseStatus.CLOSED) != (closed_at is not None):
            return RowError(line, "closed_at", "closed_at is given exactly for closed cases")
        if closed_at is not None:
            check_closing_time(opened_at, closed_at)
    except DomainError as error:
        field, _, message = error.message.partition(": ")
        return RowError(line, field, message)
    return _Checked(line, record, opened_at, closed_at, path)


_COUNT_NEW = 'SELECT COUNT(*) AS "new" FROM "cases" WHERE "id" > ?'


def _chunks(rows: Iterable[tuple[int, dict[str, Any]]]) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def import_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    *,
    source: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import rows in one transaction, chunk by chunk; a bad row (unless skipped) rolls all of
    it back, so nothing of a file with bad rows is kept. Checking stays on this thread: writing
    beside it on the database thread would make the two fight for the GIL on every row."""
    offices = {r["code"]: r["id"] for r in await Office.select(Office.id, Office.code).run()}
    referents = {
        r["email"]: r["id"] for r in await Referent.select(Referent.id, Referent.email).run()
    }
    engine = Case._meta.db
    seen: dict[str, int] = {}
    errors: list[RowError] = []
    count = imported = unchanged = 0
    async with services.writing():
        if engine.engine_type == "postgres":
            # New cases are told apart from old ones by id (`_write_history`, the count of
            # imported rows): that needs no other writer of cases until commit, as SQLite's
            # BEGIN IMMEDIATE gives. This mode conflicts with itself and with writes.
            await engine.run_sql('LOCK TABLE "cases" IN SHARE ROW EXCLUSIVE MODE')
        last_id = (await engine.run_sql('SELECT COALESCE(MAX("id"), 0) AS "last" FROM "cases"'))[0]
        valid = 0
        for chunk in _chunks(rows):
            count += len(chunk)
            good, chunk_errors = validate_rows(chunk, offices, referents, seen)
            errors.extend(chunk_errors)
            if errors and not skip_invalid:
                continue
            valid += len(good)
            # Known codes are skipped by the insert itself (ON CONFLICT DO NOTHING).
            await _insert_cases(engine, good, offices, referents)
            if progress:
                progress(len(chunk))
        if errors and not skip_invalid:
            raise InvalidRows(errors, count)
        imported = (await engine.run_sql(_COUNT_NEW, [last_id["last"]]))[0]["new"]
        unchanged = valid - imported
        await _write_history(engine, last_id["last"], f"import:{source}")
        await _notify_closed_since(engine, last_id["last"])
    return ImportReport(
        rows=count,
        imported=imported,
        unchanged=unchanged,
        invalid=len(errors),
        errors=[str(error) for error in errors],
    )


_CASE_COLUMNS = (
    "code",
    "opened_at",
    "channel",
    "request_type",
    "topic",
    "region",
    "contact_email",
    "contact_phone",
    "status",
    "resolution_path",
    "office",
    "referent",
    "closed_at",
    "updated_at",
)


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


async def _insert_cases(engine, chunk: list[_Checked], offices, referents) -> None:
    moment = engine.timestamp_parameter
    now = moment(clock.now())
    rows = [
        (
            c.record.code,
            moment(c.opened_at),
            c.record.channel.value,
            c.record.request_type.value,
            c.record.topic,
            c.record.region and c.record.region.value,
            c.record.contact_email,
            c.record.contact_phone,
            c.record.status.value,
            c.path,
            offices.get(c.record.office),
            referents.get(c.record.referent),
            c.closed_at and moment(c.closed_at),
            now,
        )
        for c in chunk
    ]
    sql = _insert_sql("cases", _CASE_COLUMNS) + ' ON CONFLICT ("code") DO NOTHING'
    await engine.executemany(sql, rows)


# The transitions an imported case lived, as far as the export tells them, written by the
# database from the rows just inserted. The export does not say when a case was escalated:
# its opening time stands for it.
_HISTORY_SQL = [
    """INSERT INTO "case_events" ("case", "at", "from_status", "to_status", "actor", "note")
       SELECT "id", "opened_at", NULL, 'open', ?, '' FROM "cases" WHERE "id" > ?""",
    """INSERT INTO "case_events" ("case", "at", "from_status", "to_status", "actor", "note")
       SELECT "id", "opened_at", 'open', 'back_office', ?, '' FROM "cases"
       WHERE "id" > ? AND "office" IS NOT NULL""",
    """INSERT INTO "case_events" ("case", "at", "from_status", "to_status", "actor", "note")
       SELECT "id", "closed_at", CASE WHEN "office" IS NULL THEN 'open' ELSE 'back_office' END,
              'closed', ?, '' FROM "cases" WHERE "id" > ? AND "closed_at" IS NOT NULL""",
]


async def _write_history(engine, after_id: int, actor: str) -> None:
    for sql in _HISTORY_SQL:
        await engine.run_sql(sql, [actor, after_id])


async def _notify_closed_since(engine, after_id: int) -> None:
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
        await services.notify_closed(closed)


async def import_file(
    path: Path, *, skip_invalid: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import a CSV or JSON Lines file of cases."""
    return await import_rows(
        read_rows(path), source=path.name, skip_invalid=skip_invalid, progress=progress
    )
