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
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from case_bridge import clock, services
from case_bridge.errors import DomainError
from case_bridge.lifecycle import check_closing_time, path_of_record
from case_bridge.schemas import CaseRecord, ImportReport
from case_bridge.tables import Case, CaseEvent, Office, Referent
from case_bridge.vocabulary import CaseStatus

CHUNK = 5_000
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
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8", newline="") as handle:
        if suffix == ".csv":
            reader = csv.DictReader(handle)
            for row in reader:
                yield reader.line_num, {k: (v if v != "" else None) for k, v in row.items()}
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
    rows: Iterable[tuple[int, dict[str, Any]]], offices: dict[str, int], referents: dict[str, int]
) -> tuple[list[_Checked], list[RowError], int]:
    """Check every row on its own and against the others; return the good ones and the errors."""
    good: list[_Checked] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    count = 0
    for line, raw in rows:
        count += 1
        error = _row_error(line, raw, offices, referents, seen)
        if isinstance(error, RowError):
            errors.append(error)
        else:
            good.append(error)
    return good, errors, count


def _row_error(line, raw, offices, referents, seen) -> RowError | _Checked:
    if "__error__" in raw:
        return RowError(line, "row", raw["__error__"])
    try:
        record = msgspec.convert(raw, CaseRecord, strict=False)
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


async def _known(column, values: Sequence[str]) -> set[str]:
    known: set[str] = set()
    table = column._meta.table
    for start in range(0, len(values), 500):
        rows = (
            await table.select(column).where(column.is_in(list(values[start : start + 500]))).run()
        )
        known.update(row[column._meta.name] for row in rows)
    return known


async def import_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    *,
    source: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate all rows, then write the new cases, their history and close listeners at once."""
    offices = {r["code"]: r["id"] for r in await Office.select(Office.id, Office.code).run()}
    referents = {
        r["email"]: r["id"] for r in await Referent.select(Referent.id, Referent.email).run()
    }
    good, errors, count = validate_rows(rows, offices, referents)
    if errors and not skip_invalid:
        raise InvalidRows(errors, count)
    async with services.writing():
        known = await _known(Case.code, [checked.record.code for checked in good])
        new = [checked for checked in good if checked.record.code not in known]
        for start in range(0, len(new), CHUNK):
            await _write_chunk(new[start : start + CHUNK], offices, referents, source)
            if progress:
                progress(len(new[start : start + CHUNK]))
    return ImportReport(
        rows=count,
        imported=len(new),
        unchanged=len(good) - len(new),
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
_EVENT_COLUMNS = ("case", "at", "from_status", "to_status", "actor", "note")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


async def _write_chunk(chunk: list[_Checked], offices, referents, source: str) -> None:
    engine = Case._meta.db
    now = clock.now()
    rows = [
        (
            c.record.code,
            c.opened_at,
            c.record.channel,
            c.record.request_type,
            c.record.topic,
            c.record.region,
            c.record.contact_email,
            c.record.contact_phone,
            c.record.status,
            c.path,
            offices.get(c.record.office),
            referents.get(c.record.referent),
            c.closed_at,
            now,
        )
        for c in chunk
    ]
    await engine.executemany(
        _insert_sql(Case._meta.tablename, _CASE_COLUMNS) + ' ON CONFLICT ("code") DO NOTHING', rows
    )
    ids = await _ids_by_code([c.record.code for c in chunk])
    actor = f"import:{source}"
    events = [event for c in chunk for event in _history(ids[c.record.code], c, actor)]
    await engine.executemany(_insert_sql(CaseEvent._meta.tablename, _EVENT_COLUMNS), events)
    closed = [
        services.ClosedCase(
            ids[c.record.code],
            c.record.code,
            c.closed_at,
            c.path,
            c.record.contact_email,
            offices.get(c.record.office),
        )
        for c in chunk
        if c.closed_at is not None
    ]
    if closed:
        await services.notify_closed(closed)


async def _ids_by_code(codes: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for start in range(0, len(codes), 500):
        rows = (
            await Case.select(Case.id, Case.code)
            .where(Case.code.is_in(codes[start : start + 500]))
            .run()
        )
        ids.update((row["code"], row["id"]) for row in rows)
    return ids


def _history(case_id: int, c: _Checked, actor: str) -> list[tuple]:
    """The transitions an imported case lived, as far as the export tells them."""
    events = [(case_id, c.opened_at, None, "open", actor, "")]
    status = "open"
    if c.record.office is not None:
        # The export does not say when a case was escalated: the opening time stands for it.
        events.append((case_id, c.opened_at, "open", "back_office", actor, ""))
        status = "back_office"
    if c.closed_at is not None:
        events.append((case_id, c.closed_at, status, "closed", actor, ""))
    return events


async def import_file(
    path: Path, *, skip_invalid: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import a CSV or JSON Lines file of cases."""
    return await import_rows(
        read_rows(path), source=path.name, skip_invalid=skip_invalid, progress=progress
    )
