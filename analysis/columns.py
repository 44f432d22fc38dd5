"""Input columns: one row per case (citizens) or per respondent (referents)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from analysis.reasons import ReasonChoices

CHANNELS = ("phone", "web_form", "email", "pec", "fax", "letter")
REQUEST_TYPES = (
    "information",
    "report",
    "intervention",
    "complaint",
    "compliment",
    "offer",
    "other",
)
RESOLUTION_PATHS = ("front_office", "back_office", "open")
COLLECTION_CHANNELS = ("email_link", "web_link", "ivr", "operator")
RESOLVED = ("yes", "partly", "no")
# Who asked ("" where the main platform did not record it).
REQUESTER_KINDS = ("citizen", "civil_protection", "institution", "organisation", "business")


@dataclass(frozen=True)
class Factor:
    """A categorical column stored as small integer codes into a tuple of string levels."""

    codes: np.ndarray
    levels: tuple[str, ...]

    @classmethod
    def from_values(cls, values: Iterable[str], levels: Sequence[str] = ()) -> Factor:
        """Encode strings; known `levels` come first in the given order, others after, sorted."""
        array = np.asarray(list(values) if not isinstance(values, np.ndarray) else values)
        found, inverse = np.unique(array.astype(str), return_inverse=True)
        order = list(levels) + sorted(set(found.tolist()) - set(levels))
        position = {level: i for i, level in enumerate(order)}
        remap = np.array([position[level] for level in found.tolist()], dtype=np.int16)
        codes = remap[inverse.reshape(-1)] if len(found) else np.zeros(0, dtype=np.int16)
        return cls(codes=codes.astype(np.int16), levels=tuple(order))

    def __len__(self) -> int:
        return len(self.codes)

    def values(self) -> np.ndarray:
        """Decode back to an array of strings."""
        return np.asarray(self.levels, dtype=object)[self.codes]

    def code(self, level: str) -> int:
        """Code of a level, -1 when absent."""
        return self.levels.index(level) if level in self.levels else -1

    def take(self, mask: np.ndarray) -> Factor:
        """Rows selected by a boolean mask or index array, same levels."""
        return Factor(codes=self.codes[mask], levels=self.levels)


def calendar_days_between(opened: np.ndarray, closed: np.ndarray) -> np.ndarray:
    """Whole calendar days from opening to closing (0 = same day), NaN where still open."""
    days = closed.astype("datetime64[D]") - opened.astype("datetime64[D]")
    result = days.astype(np.float64)
    result[np.isnat(closed) | np.isnat(opened)] = np.nan
    return result


_FACTORS = {
    "channel": CHANNELS,
    "request_type": REQUEST_TYPES,
    "topic": (),
    "region": (),
    "resolution_path": RESOLUTION_PATHS,
    "office": (),
    "collection_channel": COLLECTION_CHANNELS,
    "resolved": RESOLVED,
    "requester_kind": REQUESTER_KINDS,
}
_FLOATS = ("satisfaction", "effort", "recommend")


@dataclass(frozen=True)
class FeedbackColumns:
    """Cases joined with their citizen answers, one row per case; equal-length columns."""

    case_id: np.ndarray
    channel: Factor
    request_type: Factor
    topic: Factor
    region: Factor
    resolution_path: Factor
    office: Factor
    opened_at: np.ndarray
    closed_at: np.ndarray
    in_emergency: np.ndarray
    answered: np.ndarray
    collection_channel: Factor
    satisfaction: np.ndarray
    resolved: Factor
    effort: np.ndarray
    recommend: np.ndarray
    days_to_close: np.ndarray = field(init=False, repr=False)
    # The reason items' answers by item code (analysis.reasons); empty when not read.
    reasons: Mapping[str, ReasonChoices] = field(default_factory=dict, repr=False)
    # Who asked ("" not recorded), and whether the Back Office coordinated with other bodies;
    # left out by a caller that has neither, they read as not recorded / none.
    requester_kind: Factor = field(default=None)  # type: ignore[assignment]
    other_bodies: np.ndarray = field(default=None)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        n = len(self.case_id)
        if self.requester_kind is None:
            object.__setattr__(self, "requester_kind", Factor.from_values([""] * n))
        if self.other_bodies is None:
            object.__setattr__(self, "other_bodies", np.zeros(n, dtype=bool))
        lengths = {name: len(getattr(self, name)) for name in _COLUMNS}
        lengths |= {f"reasons.{code}": len(found) for code, found in self.reasons.items()}
        for name, rows in lengths.items():
            if rows != n:
                raise ValueError(f"column {name!r} has {rows} rows, not {n}")
        object.__setattr__(
            self, "days_to_close", calendar_days_between(self.opened_at, self.closed_at)
        )

    def __len__(self) -> int:
        return len(self.case_id)

    @classmethod
    def from_arrays(cls, **columns: Any) -> FeedbackColumns:
        """Build from plain arrays or sequences (strings for categorical columns)."""
        values: dict[str, Any] = {}
        n = len(columns["case_id"])
        columns.setdefault("requester_kind", [""] * n)
        columns.setdefault("other_bodies", np.zeros(n, dtype=bool))
        for name, known in _FACTORS.items():
            column = columns[name]
            values[name] = (
                column if isinstance(column, Factor) else Factor.from_values(column, known)
            )
        values["case_id"] = np.asarray(columns["case_id"], dtype=np.int64)
        for name in ("opened_at", "closed_at"):
            values[name] = np.asarray(columns[name], dtype="datetime64[s]")
        for name in ("in_emergency", "answered", "other_bodies"):
            values[name] = np.asarray(columns[name], dtype=bool)
        for name in _FLOATS:
            values[name] = np.asarray(
                [np.nan if v is None else v for v in columns[name]], dtype=np.float64
            )
        values["reasons"] = columns.get("reasons", {})
        return cls(**values)

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, Any]]) -> FeedbackColumns:
        """Build from row dicts; missing optional fields default to empty / NaN / NaT."""
        defaults: dict[str, Any] = {
            "office": "",
            "closed_at": None,
            "in_emergency": False,
            "collection_channel": "",
            "satisfaction": None,
            "resolved": "",
            "effort": None,
            "recommend": None,
            "topic": "",
            "region": "",
            "requester_kind": "",
            "other_bodies": False,
        }
        names = [
            *_FACTORS,
            "case_id",
            "opened_at",
            "closed_at",
            "in_emergency",
            "other_bodies",
            *_FLOATS,
        ]
        columns = {
            name: [record.get(name, defaults.get(name)) for record in records] for name in names
        }
        columns["closed_at"] = [
            np.datetime64("NaT") if value is None else value for value in columns["closed_at"]
        ]
        columns["answered"] = [
            record.get("answered", record.get("satisfaction") is not None) for record in records
        ]
        return cls.from_arrays(**columns)

    def take(self, mask: np.ndarray) -> FeedbackColumns:
        """Rows selected by a boolean mask."""
        values: dict[str, Any] = {
            name: getattr(self, name)[mask]
            if not isinstance(getattr(self, name), Factor)
            else getattr(self, name).take(mask)
            for name in _COLUMNS
        }
        values["reasons"] = {code: found.take(mask) for code, found in self.reasons.items()}
        return FeedbackColumns(**values)


# The row-aligned columns (every field but the derived days and the reasons' mapping).
_COLUMNS = tuple(
    name
    for name in FeedbackColumns.__dataclass_fields__
    if name not in ("days_to_close", "reasons")
)


@dataclass(frozen=True)
class ReferentColumns:
    """A referent consultation: respondents x items answers (NaN = missing), item metadata."""

    answers: np.ndarray
    item_codes: tuple[str, ...]
    reverse: np.ndarray
    scale: tuple[str, ...]
    office: np.ndarray
    low: float = 1.0
    high: float = 5.0

    def __post_init__(self) -> None:
        respondents, items = self.answers.shape
        if not (len(self.item_codes) == len(self.reverse) == len(self.scale) == items):
            raise ValueError("item_codes, reverse and scale must have one entry per answer column")
        if len(self.office) != respondents:
            raise ValueError("office must have one entry per respondent")

    def scored(self) -> np.ndarray:
        """Answers with reverse-keyed items flipped onto the same direction (low + high - x)."""
        flipped = self.answers.copy()
        flipped[:, self.reverse] = self.low + self.high - flipped[:, self.reverse]
        return flipped

    def scale_items(self, scale: str) -> np.ndarray:
        """Column indices of the items belonging to a scale."""
        return np.flatnonzero(np.asarray(self.scale) == scale)

    def scales(self) -> tuple[str, ...]:
        """Scale codes in order of first appearance, skipping items outside any scale."""
        return tuple(dict.fromkeys(s for s in self.scale if s))
