"""One pass of jsonschema over a whole report, and its findings as diagnostics.

The report folder is validated as one JSON document — ``{"report": …,
"sections": […]}`` against folder.schema.json, which refers to the per-file
schemas — with tui's keywords added by ``jsonschema.validators.extend``.
Each finding's path then says which file and which key it is about, and
positions are looked up only for findings, so a clean report pays nothing
for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from records import Diagnostic, RecordError, RecordFile, Report
from records.diagnostic import relative_to_cwd
from schema import (
    blocks,
    characters,
    findings,
    numbering,
    numbers,
    prose,
    prose_units,
    relations,
    report_rules,
    years,
)
from schema.findings import RuleError
from schema.instance import to_instance
from schema.loading import for_validation
from schema.messages import (
    code_for,
    doc_number_offence,
    follows_from_unknown_key,
    message_for,
    missing_key,
    serial_missing,
    unknown_keys,
)
from schema.waivers import apply_waivers

KEYWORDS = {
    "tuiProse": prose.prose,
    "tuiControlCharacters": characters.control_characters,
    "tuiInvisibleCharacters": characters.invisible_characters,
    "tuiTypedNumbering": numbering.typed_numbering,
    "tuiStandardStyle": numbering.standard_style,
    "tuiSkippedLevels": blocks.skipped_levels,
    "tuiPartialYear": prose.partial_year,
    "tuiTomlType": prose.toml_type,
    "tuiUnits": numbers.units,
    "tuiIntegerLiteral": numbers.integer_literal,
    "tuiReportYears": years.report_years,
    "tuiSectionYears": years.section_years,
    "tuiRequiredKinds": report_rules.required_kinds,
    "tuiMetrics": report_rules.metrics,
    "tuiProseUnits": prose_units.prose_units,
    "tuiRelations": relations.relations,
    "tuiExpression": relations.expression,
}
"""tui's keywords: the name used in the schema files, and the function that checks it."""

TuiValidator = validators.extend(
    Draft202012Validator,
    KEYWORDS,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: numbers.is_integral(value)
    ),
)
"""Draft 2020-12 with tui's keywords: the standard keywords behave exactly as elsewhere.

TOML floats arrive as ``Decimal``, so ``integer`` is taught that an integral
``Decimal`` is an integer, as an integral float is to every JSON Schema
validator.
"""


_FOLLOW_FROM_ABSENCE = frozenset({"M001", "P001", "C003"})
"""Findings that an unreadable section file may cause (its part, its metrics missing)."""


_EMPTY_BLOCK = frozenset({"M003", "M004", "M005"})
"""A section or block that says nothing: unless it wrote ``lead`` where ``text`` was meant."""


@cache
def folder_validator() -> Any:
    """The validator for a whole report, built once per process."""
    return TuiValidator(for_validation("folder"))


@cache
def _incremental_validator() -> Any:
    """The folder validator that keeps the errors of unchanged values (see schema.incremental)."""
    from schema.incremental import validation

    return validation(TuiValidator)(for_validation("folder"))


def _pointer(keys: Sequence[str | int]) -> str:
    return "".join("/" + str(k).replace("~", "~0").replace("/", "~1") for k in keys)


def _locate(path: Sequence[Any], report: Report) -> tuple[RecordFile, tuple[str | int, ...]]:
    if (
        path[:1] == ["sections"]
        and len(path) > 1
        and isinstance(path[1], int)
        and path[1] < len(report.sections)
    ):
        return report.sections[path[1]].file, tuple(path[2:])
    return report.meta, tuple(path[1:]) if path[:1] == ["report"] else ()


def _diagnostic(
    file: RecordFile,
    keys: tuple[str | int, ...],
    code: str,
    severity: Any,
    message: str,
    index: int | None = None,
    at_key: bool = False,
) -> Diagnostic:
    if at_key:
        position = file.locator.key(keys)
        line, column = position.line, position.column
    else:
        where = file.where(keys, index)
        line, column = where.line, where.column
    return Diagnostic(
        relative_to_cwd(file.path), line, column, code, severity, message, _pointer(keys)
    )


def _metric_named(file: RecordFile, keys: tuple[str | int, ...]) -> str:
    """“指标 penalty_cases（办理行政处罚案件）” when ``keys`` lie inside a metric, else ``""``.

    A message such as “缺少数值” is no help in a file with thirty metrics.
    """
    if len(keys) < 2 or keys[0] != "metrics" or not isinstance(keys[1], str):
        return ""
    metrics = file.data.get("metrics")
    metric = metrics.get(keys[1]) if isinstance(metrics, dict) else None
    label = metric.get("label") if isinstance(metric, dict) else None
    if isinstance(label, str) and label.strip():
        return f"指标 {keys[1]}（{label.strip()}）"
    return f"指标 {keys[1]}"


def _see_also(error: RuleError, report: Report) -> str:
    """The message of a finding that names another place: the file and line of that place."""
    message = error.message
    if error.restyle is not None and report.numbering.item_style != "1.":
        message = error.restyle(report.numbering.item_style)  # the report's “1、”, not “1.”
    if error.see is None:
        return message
    file, keys = _locate(list(error.see), report)
    line = file.locator.key(keys).line
    return f"{message}{file.path.name} 第 {line} 行{error.after}"


def _diagnostics(error: ValidationError, report: Report) -> Iterator[Diagnostic]:
    file, keys = _locate(list(error.absolute_path), report)
    if isinstance(error, RuleError):
        message = _see_also(error, report)
        metric = _metric_named(file, keys)
        if metric and str(keys[1]) not in message:  # “应为整数” in a file of thirty metrics
            message = f"{metric}：{message}"
        yield _diagnostic(
            file, keys, error.code, error.severity, message, error.index, error.at_key
        )
        return
    code = code_for(error)
    if code in _EMPTY_BLOCK and follows_from_unknown_key(error):
        return  # the S003 or S002 on the misnamed or quoted key says it
    if error.validator == "pattern" and "propertyNames" in error.schema_path:
        yield _diagnostic(
            file, (*keys, str(error.instance)), code, "error", message_for(error, code), at_key=True
        )
        return
    metric = _metric_named(file, keys)
    if error.validator == "additionalProperties":
        for key, message in unknown_keys(error):
            message = f"{metric}：{message}" if metric else message
            yield _diagnostic(file, (*keys, key), code, "error", message, at_key=True)
        return
    unnumbered = serial_missing(error.instance) if code == "F001" else None
    if unnumbered is not None:  # “宝应急〔2025〕号” from tui new --from: at where the number goes
        yield _diagnostic(file, keys, "S005", "error", unnumbered, len(error.instance) - 1)
        return
    message = message_for(error, code)
    if error.validator == "required":
        keys = (*keys, missing_key(error))
        gap = "" if metric.endswith("）") or not metric else " "
        message = f"{metric}{gap}{message}"
    elif metric:
        message = f"{metric}：{message}"
    at = (
        doc_number_offence(error.instance)
        if code == "F001" and isinstance(error.instance, str)
        else None
    )
    yield _diagnostic(file, keys, code, "error", message, at)


def load_diagnostic(error: RecordError) -> Diagnostic:
    """The diagnostic for a file that could not be read at all."""
    path = relative_to_cwd(error.path) if error.path is not None else ""
    return Diagnostic(path, error.line or 1, error.column or 1, error.code, "error", error.message)


def validate_report(
    report: Report, load_errors: Sequence[RecordError] = (), *, again: bool = False
) -> list[Diagnostic]:
    """Every finding about a report (or an unsaved draft of one), sorted by file, line, column.

    ``load_errors`` are the files that could not be read; findings that only
    follow from their absence (report.toml's fields, a missing part) are not
    repeated. When report.toml names last year's report (``previous``), what
    ``tui compare`` finds against it is among the warnings (U001–U005).

    ``again``: the report is checked over and over as it is edited (the
    editor); the errors of tables and values that are the same objects as at
    the last such call are kept (:mod:`schema.incremental`). The findings are
    the same either way.
    """
    findings.turn()
    if again:
        from schema import incremental

        incremental.turn()
        make: Callable[[Any], Any] = incremental.instance_of
        validator = _incremental_validator()
    else:
        make, validator = to_instance, folder_validator()
    instance = {
        "report": make(report.meta.data),
        "sections": [make(s.file.data) for s in report.sections],
    }
    meta_failed = any(e.path == report.meta.path for e in load_errors)
    section_failed = any(e.path != report.meta.path for e in load_errors)
    found = [load_diagnostic(e) for e in load_errors]
    for error in validator.iter_errors(instance):
        for diagnostic in _diagnostics(error, report):
            if meta_failed and diagnostic.file == relative_to_cwd(report.meta.path):
                continue
            if section_failed and diagnostic.code in _FOLLOW_FROM_ABSENCE:
                continue
            found.append(diagnostic)
    if "previous" in report.meta.data:  # nothing more is imported or read without it
        from schema.compare import year_on_year

        found += year_on_year(report)
    return sorted(apply_waivers(found, report))
