"""Writing exports: CSV (UTF-8, comma-separated) and XLSX (openpyxl's streaming write-only mode)."""
from __future__ import annotations

import codecs
import csv
import io
from typing import IO, Iterable

MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def write_csv(out: IO[str], headers: list[str], rows: Iterable[list[str]]) -> int:
    """Rows as CSV (UTF-8 text, comma-separated, quoted where needed); returns how many were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_xlsx(out: IO[bytes], headers: list[str], rows: Iterable[list[str]], title: str = "export") -> int:
    """Rows as one sheet of an .xlsx workbook, written in openpyxl's streaming (write-only) mode."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(headers)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    book.save(out)
    return count


def table_bytes(fmt: str, headers: list[str], rows: Iterable[list[str]], title: str = "export") -> bytes:
    """A whole export as bytes, for a chat upload (CSV with a BOM so spreadsheet programs read UTF-8)."""
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(buffer, headers, rows, title)
        return buffer.getvalue()
    text = io.StringIO()
    write_csv(text, headers, rows)
    return codecs.BOM_UTF8 + text.getvalue().encode("utf-8")
