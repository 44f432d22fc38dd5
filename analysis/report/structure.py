"""The report's plain structure: sections of formatted findings, tables and charts."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.charts import Chart
from analysis.feedback import FeedbackAnalysis
from analysis.report import texts
from analysis.report.data import ReportData
from analysis.weighting import NonResponse, Reweighted


@dataclass(frozen=True)
class Table:
    """A table of already formatted cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    notes: tuple[str, ...] = ()


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

    def t(self, key: str, **values: object) -> str:
        return texts.text(self.lang, key, **values)

    def level(self, code: str, factor: str = "") -> str:
        if factor == "office" and code in self.data.office_names:
            return self.data.office_names[code]
        return texts.level(self.lang, code, factor=factor)

    def number(self, value: float | None, digits: int = 1) -> str:
        return texts.number(self.lang, value, digits)

    def percent(self, value: float | None, digits: int = 1) -> str:
        return texts.percent(self.lang, value, digits)
