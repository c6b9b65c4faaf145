"""Widgets of the editor: the report tree, forms and fields, diagnostics, preview."""
