"""SPSS syntax and an R script that load the answers' CSV, as downloaded, with their labels.

Both are written from the codebook (`exports.codebook_table`), itself read from the
questionnaire definitions and the case vocabularies, so a new item or option reaches an
analyst's SPSS or R without anyone editing a script. They read the CSV of
`/api/manage/exports/answers.csv` unchanged: codes (not labels), commas, a byte-order mark,
a header line, dates as YYYY-MM-DD and an empty cell for a missing value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from survey.web.exports import Table

CSV_NAME = "answers.csv"
# Codebook types read as numbers; the rest are text (codes), except dates.
NUMERIC = {"rating", "likert", "nps", "number", "integer", "0/1"}
# SPSS allows 256 bytes in a variable label and 120 in a value label; Italian letters take two.
SPSS_VARIABLE_LABEL, SPSS_VALUE_LABEL = 120, 60
# Widths of text columns in SPSS: codes are short, free text is not.
CODE_WIDTH, TEXT_WIDTH = 64, 4000


@dataclass
class Variable:
    """One column of the answers' CSV as the codebook describes it."""

    name: str
    label: str
    kind: str
    values: list[tuple[str, str]] = field(default_factory=list)

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    @property
    def date(self) -> bool:
        return self.kind == "date"

    @property
    def categorical(self) -> bool:
        # A multiple choice cell holds several codes joined by "|": no single level fits it.
        return not self.numeric and bool(self.values) and "|" not in self.kind

    @property
    def labelled_values(self) -> list[tuple[str, str]]:
        """The values whose label says more than the value itself."""
        return [(value, label) for value, label in self.values if label and label != value]


def variables(codebook: Table, header: Sequence[str]) -> list[Variable]:
    """The CSV's columns, in its order, with their labels, types and value labels."""
    found: dict[str, Variable] = {}
    for name, description, kind, value, label, _scale in codebook.rows:
        variable = found.setdefault(name, Variable(name, description, kind))
        if value != "":
            variable.values.append((value, label))
    return [found.get(name) or Variable(name, name, "text") for name in header]


def _spss_text(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + text.replace("'", "''") + "'"


def _spss_format(variable: Variable) -> str:
    if variable.numeric:
        return "F8.0" if variable.kind != "number" else "F12.2"
    if variable.date:
        return "SDATE10"
    return f"A{TEXT_WIDTH if not variable.values else CODE_WIDTH}"


def spss_syntax(columns: Sequence[Variable]) -> str:
    """SPSS (and PSPP) syntax: GET DATA of the CSV, VARIABLE LABELS and VALUE LABELS."""
    lines = [
        "* Encoding: UTF-8.",
        "* Ascolto: the citizens' answers with their labels, written from the questionnaire"
        " definitions.",
        f"* Put this file beside {CSV_NAME} as downloaded (unchanged) and run it.",
        "GET DATA",
        "  /TYPE=TXT",
        f"  /FILE='{CSV_NAME}'",
        "  /ENCODING='UTF8'",
        "  /ARRANGEMENT=DELIMITED",
        "  /DELCASE=LINE",
        "  /FIRSTCASE=2",
        "  /DELIMITERS=','",
        "  /QUALIFIER='\"'",
        "  /VARIABLES=",
    ]
    lines += [f"    {v.name} {_spss_format(v)}" for v in columns]
    lines[-1] += "."
    lines.append("VARIABLE LABELS")
    labelled = [f"{v.name} {_spss_text(v.label, SPSS_VARIABLE_LABEL)}" for v in columns]
    lines += [("  " if n == 0 else "  /") + text for n, text in enumerate(labelled)]
    lines[-1] += "."
    with_values = [v for v in columns if v.labelled_values and not v.date]
    if with_values:
        lines.append("VALUE LABELS")
        for n, variable in enumerate(with_values):
            lines.append(("  " if n == 0 else "  /") + variable.name)
            for value, label in variable.labelled_values:
                written = value if variable.numeric else _spss_text(value, CODE_WIDTH)
                lines.append(f"    {written} {_spss_text(label, SPSS_VALUE_LABEL)}")
        lines[-1] += "."
    lines.append("EXECUTE.")
    return "\n".join(lines) + "\n"


def _r_string(text: str) -> str:
    # ASCII only, with \u escapes: R reads the script right whatever the system's encoding.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _r_vector(items: Sequence[str]) -> str:
    return "c(" + ", ".join(_r_string(item) for item in items) + ")"


def r_script(columns: Sequence[Variable]) -> str:
    """An R script: read.csv of the CSV, factors with labels, labels as attributes."""
    classes = [
        f"    {v.name} = {_r_string('numeric' if v.numeric else 'character')}" for v in columns
    ]
    lines = [
        "# Ascolto: the citizens' answers with their labels, written from the questionnaire",
        "# definitions. Run it with answers.csv as downloaded (unchanged) in the working",
        "# directory; it leaves the data frame `answers`.",
        "answers <- read.csv(",
        f"  {_r_string(CSV_NAME)},",
        '  fileEncoding = "UTF-8-BOM",',
        '  na.strings = "",',
        "  check.names = FALSE,",
        "  colClasses = c(",
        ",\n".join(classes),
        "  )",
        ")",
        "# A code the codebook does not list yet (a topic added since) stays, as its own label,",
        "# rather than becoming NA.",
        "as_labelled_factor <- function(x, levels, labels) {",
        "  extra <- sort(setdiff(unique(x[!is.na(x)]), levels))",
        "  factor(x, levels = c(levels, extra), labels = c(labels, extra))",
        "}",
    ]
    for variable in columns:
        target = f"answers${variable.name}"
        if variable.date:
            lines.append(f"{target} <- as.Date({target})")
        elif variable.categorical:
            levels = [value for value, _ in variable.values]
            labels = [label or value for value, label in variable.values]
            lines.append(
                f"{target} <- as_labelled_factor({target}, levels = {_r_vector(levels)}, "
                f"labels = {_r_vector(labels)})"
            )
        elif variable.numeric and variable.labelled_values:
            names = [label for _, label in variable.labelled_values]
            values = ", ".join(value for value, _ in variable.labelled_values)
            lines.append(f'attr({target}, "labels") <- setNames(c({values}), {_r_vector(names)})')
        lines.append(f'attr({target}, "label") <- {_r_string(variable.label)}')
    return "\n".join(lines) + "\n"
