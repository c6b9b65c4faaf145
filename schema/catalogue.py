"""The catalogue of well-known metrics, and matching a report's own metrics against it.

Departments name the same figure differently: one writes ``penalty_cases``,
another ``administrative_penalties``, a third only labels it “行政处罚案件”.
The catalogue (``tuiWellKnownMetrics`` in ``folder.schema.json``) gives each
well-known figure one key, a Chinese label and a unit, and lists the other
keys and labels it goes by, so that a district's reports line up in columns.
Money is brought to the catalogue's unit (万元); a figure whose unit cannot be
brought to it stays the report's own metric rather than being added wrongly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from records import Metric
from schema.compare import MONEY_UNITS
from schema.loading import load_schema

Number = int | Decimal


@dataclass(frozen=True)
class WellKnown:
    """One metric of the catalogue: its key, Chinese label and unit, and its other names."""

    key: str
    label: str
    unit: str
    same_units: tuple[str, ...]
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    summed: bool
    """Whether the departments' figures add up to the district's (a rate does not)."""

    @property
    def heading(self) -> str:
        """The column heading: the label with the unit, “办理行政处罚案件（件）”."""
        return f"{self.label}（{self.unit}）"

    @property
    def money(self) -> bool:
        return self.unit in MONEY_UNITS

    def convert(self, value: Number | None, unit: str) -> tuple[bool, Number | None]:
        """Whether a value in ``unit`` is this metric's, and the value in the catalogue's unit."""
        unit = unit.strip()
        if unit == self.unit or unit in self.same_units:
            return True, value
        if self.money and unit in MONEY_UNITS:
            if value is None:
                return True, None
            converted = Decimal(value) * MONEY_UNITS[unit] / MONEY_UNITS[self.unit]
            return True, _plain(converted)
        return False, None


def _plain(value: Decimal) -> Decimal:
    """Without trailing zeros, never in exponent form: 100, not 1E+2 (as a cell would show)."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


@cache
def catalogue() -> tuple[WellKnown, ...]:
    """The well-known metrics, in the order the summary's columns show them."""
    entries = load_schema("folder")["tuiWellKnownMetrics"]["metrics"]
    return tuple(
        WellKnown(
            key=e["key"],
            label=e["label"],
            unit=e["unit"],
            same_units=tuple(e.get("sameUnits", ())),
            keys=tuple(e.get("keys", ())),
            labels=tuple(e.get("labels", ())),
            summed=e.get("total", True),
        )
        for e in entries
    )


@cache
def _indexes() -> tuple[dict[str, WellKnown], ...]:
    """The catalogue looked up by key, by another key, and by label (one tier each)."""
    by_key = {e.key: e for e in catalogue()}
    by_other_key = {k: e for e in reversed(catalogue()) for k in e.keys}
    by_label = {label: e for e in reversed(catalogue()) for label in (e.label, *e.labels)}
    return by_key, by_other_key, by_label


def match(metrics: Mapping[str, Metric]) -> tuple[dict[str, Metric], list[Metric]]:
    """The report's metrics that the catalogue knows (by catalogue key) and the others.

    A metric is matched by its key first, then by another key the catalogue
    lists, then by its label; each catalogue entry takes one metric, and each
    metric goes to one entry. A metric whose unit cannot be brought to the
    catalogue's (“次” for a count of cases in “件”) is not matched.
    """
    known: dict[str, Metric] = {}
    used: set[str] = set()
    for tier, index in enumerate(_indexes()):
        for metric in metrics.values():
            if metric.key in used:
                continue
            entry = index.get(" ".join(metric.label.split()) if tier == 2 else metric.key)
            if entry is None or entry.key in known:
                continue
            if entry.convert(metric.value, metric.unit)[0]:
                known[entry.key] = metric
                used.add(metric.key)
    order = {e.key: i for i, e in enumerate(catalogue())}
    known = dict(sorted(known.items(), key=lambda kv: order[kv[0]]))
    return known, [m for k, m in metrics.items() if k not in used]
