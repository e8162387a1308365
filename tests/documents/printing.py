"""Rendering a .docx to PDF with LibreOffice, as an officer or a registrar would open it."""

from __future__ import annotations

import io
import shutil
import subprocess

from pypdf import PdfReader

from tests.conftest import require


def pdf_pages(docx: bytes, tmp_path) -> list[str]:
    """The text of each page of the document as LibreOffice lays it out."""
    soffice = shutil.which("soffice")
    require(soffice is not None, "LibreOffice (soffice)")
    source = tmp_path / "document.docx"
    source.write_bytes(docx)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = PdfReader(io.BytesIO((tmp_path / "document.pdf").read_bytes()))
    return [page.extract_text() or "" for page in reader.pages]


def squeezed(text: str) -> str:
    """Text without white space, so a line break in the PDF does not hide a match."""
    return "".join(text.split())


def page_of(pages: list[str], text: str) -> int:
    """The first page (0-based) holding `text`; its start is enough to place it."""
    needle = squeezed(text)[:60]
    for number, page in enumerate(pages):
        if needle in squeezed(page):
            return number
    raise AssertionError(f"not found in the PDF: {text[:60]!r}")
