"""Printable PDF reports: a registry of report types, a safe renderer, and the pipeline.

A reader asks for a report -> a ``Report`` row (queued) -> a Celery task renders it with
WeasyPrint -> the file is stored through Django's storage -> download. The same content is
never rendered twice: a report is keyed by type, object, language and a hash of its HTML.
"""
