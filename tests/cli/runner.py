"""Running ``tui`` in-process the way a shell would, for the CLI tests."""

from __future__ import annotations

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of ``tui ARGV...``."""
    try:
        status = main(list(argv))
    except SystemExit as e:  # argparse exits on bad usage
        status = int(e.code or 0)
    out, err = capsys.readouterr()
    return status, out, err
