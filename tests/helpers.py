"""Helpers shared by the tests of several apps."""

import io

import pypdf


def pdf_text(report) -> str:
    """The text of a stored report's PDF, lines rejoined with single spaces."""
    with report.file.open("rb") as fh:
        pages = pypdf.PdfReader(io.BytesIO(fh.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())
