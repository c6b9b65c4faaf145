"""How quickly the editor answers, on a copy of the example, at 80×24 (prints figures).

Two figures the issue sets targets for:

- start to first screen (target: within 1 s), and to the first diagnostics;
- a keystroke in a metric's value to the updated diagnostics pane (target:
  95th percentile within 100 ms), over a few hundred keystrokes that toggle
  ``penalty_cases`` between 142 and 1420 (the latter breaks
  ``legal_reviews >= penalty_cases``, so the pane really changes).

Run: ``.venv/bin/python tests/benchmarks/bench_editor.py [KEYSTROKES]``.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "records" / "examples" / "baoshan-emergency-2023"
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def wait_for(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the editor did not answer within 5 s")
        await asyncio.sleep(0.0005)


async def measure(folder: Path, recovery: Path, keystrokes: int) -> None:
    started = time.perf_counter()
    from tui.app import make_app

    app = make_app(folder, recovery_dir=recovery)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.editor.report_tree
        await wait_for(lambda: app.screen is app.editor and tree.cursor_node is not None)
        first_screen = time.perf_counter() - started
        await wait_for(lambda: app.editor.result is not None)
        first_check = time.perf_counter() - started
        await app.jump_to("1-measures.toml", ("metrics", "penalty_cases", "value"))
        await pilot.pause()
        await pilot.press("end")
        latencies: list[float] = []
        for i in range(keystrokes):
            before = app.editor.result
            # done when a check of this keystroke's state is on screen
            key = "0" if i % 2 == 0 else "backspace"
            t0 = time.perf_counter()
            # the key goes in without waiting for Pilot's idle check, which would
            # also wait for the check under measure; the pane is watched instead
            pressing = asyncio.create_task(pilot.press(key))
            await wait_for(
                lambda before=before: app.editor.result is not before and not app.editor.checking
            )
            latencies.append(time.perf_counter() - t0)
            await pressing
        await pilot.press("ctrl+q", "d")
    ms = [x * 1000 for x in latencies]
    print(f"start to first screen:      {first_screen * 1000:7.1f} ms  (target 1000 ms)")
    print(f"start to first diagnostics: {first_check * 1000:7.1f} ms")
    print(f"keystroke to diagnostics, {len(ms)} keystrokes:")
    print(
        f"  median {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"
        f"   max {max(ms):6.1f} ms"
    )
    print("  (target: p95 within 100 ms)")


def main() -> None:
    keystrokes = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / EXAMPLE.name
        shutil.copytree(EXAMPLE, folder)
        asyncio.run(measure(folder, Path(tmp) / "recovery", keystrokes))


if __name__ == "__main__":
    main()
