"""Reading spreadsheet files as rows: CSV in any of the usual encodings and delimiters, and XLSX (read-only)."""
from __future__ import annotations

import codecs
import csv
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

# Tried in order over the whole file: UTF-8 (a BOM is dropped), then GB18030 (a superset of GBK, what
# Chinese spreadsheet exports use), then Latin-1, which decodes any bytes and so is the last resort.
ENCODINGS = ("utf-8-sig", "gb18030", "latin-1")
DELIMITERS = ",;\t|"
_CHUNK = 1 << 16


class FileError(ValueError):
    """A file that cannot be read as a table at all (missing, empty, not CSV/XLSX)."""


@dataclass
class Table:
    """A header row and the data rows after it, as (line number, cells) pairs read lazily."""

    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str = ""
    delimiter: str = ""


def detect_encoding(path: Path) -> str:
    """The first of ENCODINGS that decodes the whole file (read in chunks: memory stays flat)."""
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def sniff_delimiter(sample: str) -> str:
    """Comma, semicolon, tab or pipe: what the first lines are split by."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


@contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """The file as a Table; `.xlsx` through openpyxl's read-only mode, anything else as CSV."""
    if not path.is_file():
        raise FileError(f"no file {path}")
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        with _xlsx_table(path) as table:
            yield table
        return
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = sniff_delimiter(handle.read(_CHUNK))
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        headers = next(reader, None)
        if not headers:
            raise FileError(f"{path.name} is empty")
        yield Table([h.strip() for h in headers], _csv_rows(reader), encoding, delimiter)


def _csv_rows(reader) -> Iterator[tuple[int, list[str]]]:
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield reader.line_num, cells


@contextmanager
def _xlsx_table(path: Path) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not a workbook
        raise FileError(f"{path.name} is not an .xlsx workbook ({error.__class__.__name__})") from None
    try:
        rows = book.active.iter_rows(values_only=True)
        headers = next(rows, None)
        if not headers:
            raise FileError(f"{path.name} has an empty first sheet")
        yield Table([cell_text(h).strip() for h in headers], _xlsx_rows(rows), "xlsx", "")
    finally:
        book.close()


def _xlsx_rows(rows) -> Iterator[tuple[int, list[str]]]:
    for line, values in enumerate(rows, start=2):
        cells = [cell_text(value) for value in values]
        if any(cell.strip() for cell in cells):
            yield line, cells


def cell_text(value) -> str:
    """A spreadsheet cell as the text an import reads (dates as ISO, whole floats without `.0`)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
