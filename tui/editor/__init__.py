"""The Textual editor of a report, which ``tui edit`` opens.

The command line (``tui/cli.py``, ``tui/commands/``) sits beside it in ``tui/``
and imports it only when a report is opened for editing.
"""

TITLE = "法治政府建设情况报告"
"""The editor's title bar (the repair screen shares it)."""
