"""Writing the summary of many reports (:mod:`schema.summary`) as text, CSV, XLSX or JSON.

:mod:`tui.summary.tables` lays the data out in tables once; :mod:`tui.summary.text`
fits them to a terminal, :mod:`tui.summary.files` writes them for Excel and WPS.
"""
