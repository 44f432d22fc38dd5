"""The report's plain structure: sections of formatted findings, tables and charts."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.charts import Chart
from analysis.feedback import FeedbackAnalysis
from analysis.headlines import FamilyMember, TestingFamily
from analysis.report import texts
from analysis.report.data import ReportData
from analysis.report.verdicts import report_family
from analysis.weighting import NonResponse, Reweighted


@dataclass(frozen=True)
class Table:
    """A table of already formatted cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    notes: tuple[str, ...] = ()
    few_rows: tuple[int, ...] = ()  # rows of groups with few answers, set apart in style


@dataclass(frozen=True)
class Section:
    """One part of the report: findings in words, then tables and charts."""

    key: str
    title: str
    findings: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = ()
    parts: tuple[Section, ...] = ()  # subsections, one level deep

    def all_charts(self) -> tuple[Chart, ...]:
        """The charts of the section and of its parts."""
        return self.charts + tuple(chart for part in self.parts for chart in part.charts)


@dataclass(frozen=True)
class Report:
    """The whole report, ready to render."""

    lang: str
    title: str
    subtitle: str
    generated: str
    sections: tuple[Section, ...]
    empty: bool = False


@dataclass(frozen=True)
class Context:
    """What every section builder reads: the data, the analyses, the language."""

    lang: str
    data: ReportData
    analysis: FeedbackAnalysis
    non_response: NonResponse
    reweighted: Reweighted
    # One Benjamini-Hochberg family for everything the document states a verdict on; built
    # from the analyses when not given, so every page built from a Context reads the same.
    family: TestingFamily | None = None

    def __post_init__(self) -> None:
        if self.family is None:
            object.__setattr__(self, "family", report_family(self.analysis, self.non_response))

    def t(self, key: str, **values: object) -> str:
        return texts.text(self.lang, key, **values)

    def member(self, test: str) -> FamilyMember | None:
        """A test of the report's family with its adjusted p-value (q)."""
        return None if self.family is None else self.family.member(test)

    def family_or_empty(self) -> TestingFamily:
        """The report's family (empty only before it is built)."""
        return self.family or TestingFamily(())

    def significant(self, test: str) -> bool:
        """The verdict of a test of the report's family: q < 0.05 after Benjamini-Hochberg."""
        return self.family is not None and self.family.significant(test)

    def level(self, code: str, factor: str = "") -> str:
        if factor == "office" and code in self.data.office_names:
            return self.data.office_names[code]
        return texts.level(self.lang, code, factor=factor)

    def number(self, value: float | None, digits: int = 1) -> str:
        return texts.number(self.lang, value, digits)

    def percent(self, value: float | None, digits: int = 1) -> str:
        return texts.percent(self.lang, value, digits)
