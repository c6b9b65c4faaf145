"""Exporters: a report in, a file out (plain text for the website, DOCX for submission).

Above ``records`` and ``schema``; only ``exporters.docx`` imports python-docx.
"""
