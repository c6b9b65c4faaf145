"""Rules on how the blocks of a section nest: a level skipped.

GB/T 9704-2012 7.3.3 numbers the body 一、 → （一） → 1. → （1）. A section may
hold ``[[items]]`` or ``[[subitems]]`` directly, and a part ``[[parts.subitems]]``,
so a report that skips a level can still be written as it stands; but the
document then reads “一、…… （1）……” with a level missing, which is more
often a block put under the wrong header than a choice, so it is a warning
(M006) at the key. Which keys skip a level at which level is declared in
section.schema.json (``tuiSkippedLevels``); the grammar is records.body's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from records.body import KEY_OF_LEVEL, LEVEL_KEYS, LEVEL_NAMES
from schema.findings import RuleError

_NUMBER = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
"""How the first block of each level is numbered, for the messages."""


def _header(level: int) -> str:
    """The header a block of ``level`` is written under when no level is skipped."""
    return "[[" + ".".join(KEY_OF_LEVEL[n] for n in range(2, level + 1)) + "]]"


def _written(level: int, key: str) -> str:
    """The header the clerk wrote: ``[[items]]`` in a section, ``[[parts.subitems]]`` in a part."""
    return "[[" + ".".join([*(KEY_OF_LEVEL[n] for n in range(2, level + 1)), key]) + "]]"


def skipped_levels(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiSkippedLevels``: blocks written more than one level below their parent (a warning)."""
    if not isinstance(instance, dict):
        return
    level = spec["level"]
    for key in spec["keys"]:
        if not isinstance(instance.get(key), list) or key not in LEVEL_KEYS:
            continue  # not blocks at all (S002), as records.body reads them
        below = LEVEL_KEYS[key]
        missing = range(level + 1, below)
        skipped = "和".join(f"“{_NUMBER[n]}”{LEVEL_NAMES[n]}" for n in missing)
        count = "一级" if len(missing) == 1 else "两级"
        yield RuleError(
            "M006",
            f"{LEVEL_NAMES[below]}（{_written(level, key)}，编号“{_NUMBER[below]}”）"
            f"直接写在“{_NUMBER[level]}”{LEVEL_NAMES[level]}之下，跳过了{skipped}{count}："
            f"GB/T 9704-2012 的层次是 一、→（一）→ 1. →（1）。"
            f"请把它们写在 {_header(below)} 中；确实不分这一级的，可在 [[waivers]] 中豁免",
            (key,),
            severity="warning",
            at_key=True,
        )
