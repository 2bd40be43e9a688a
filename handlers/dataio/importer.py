"""`import deals|accounts|contacts|activities FILE`: match the headers, settle the dates, then check and write every
row in one transaction; any bad row and the caller rolls all of it back (so does --dry-run)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, ContextManager, Iterator, Protocol
from zoneinfo import ZoneInfo

from handlers.dataio.cells import CellError, DateReader
from handlers.dataio.columns import ACCOUNT_HEADERS, ACTIVITY_HEADERS, CONTACT_HEADERS, DEAL_HEADERS, match_headers
from handlers.dataio.contact_rows import apply_contact
from handlers.dataio.deal_rows import RowError, apply_deal, flush_deals
from handlers.dataio.kinds import Kind, apply_account, apply_activity
from handlers.dataio.options import ImportRefused, ImportOptions
from handlers.dataio.ports import ImportPort
from handlers.dataio.run import ImportRun
from handlers.ports import WorkspacePort

# A kind becomes importable by adding its row here (headers, required fields, apply); "a|b" needs either.
KINDS: dict[str, Kind] = {
    "deals": Kind(DEAL_HEADERS, ("name", "amount", "stage", "owner"), apply_deal, flush_deals),
    "accounts": Kind(ACCOUNT_HEADERS, ("name",), apply_account),
    "contacts": Kind(CONTACT_HEADERS, ("name|last_name", "account"), apply_contact),
    "activities": Kind(ACTIVITY_HEADERS, ("person",), apply_activity),
}
# as the audit trail names them
ENTITIES = {"deals": "deal", "accounts": "account", "contacts": "contact", "activities": "activity"}
DATE_FIELDS = ("close_date", "created_at", "occurred_at")
MAX_SHOWN_ERRORS = 10_000  # a report lists every bad row; past this many the file is not worth listing


class Rows(Protocol):
    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]


@dataclass
class ImportReport:
    """What an import did or would do, and every row it refused."""

    kind: str
    columns: dict[str, str]  # field -> the file's header
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    unknown_stages: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    problem: str | None = None  # a whole-file problem (ambiguous dates)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and self.problem is None

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run


def columns_for(options: ImportOptions, headers: list[str]) -> dict[str, int]:
    """field -> column index for the kind; a missing required field refuses the whole file."""
    kind = KINDS.get(options.kind)
    if kind is None:
        raise ImportRefused(f"'{options.kind}' is not something I import — try {', '.join(KINDS)}")
    unknown = sorted(set(options.column_map.values()) - set(kind.headers))
    if unknown:
        raise ImportRefused(f"--map names no field {', '.join(unknown)} — fields: {', '.join(kind.headers)}")
    found = match_headers(headers, kind.headers, options.column_map)
    missing = [need for need in kind.required if not any(name in found for name in need.split("|"))]
    if missing:
        missing = [need.replace("|", " (or ") + ")" if "|" in need else need for need in missing]
        raise ImportRefused(f"no column for {', '.join(missing)} among the headers {', '.join(headers)} — "
                           "name it with --map COLUMN=field")
    return found


def import_file(ws: WorkspacePort, port: ImportPort, options: ImportOptions,
                open_rows: Callable[[], ContextManager[Rows]], now: datetime) -> ImportReport:
    """Both readings of the file; the caller commits only when `report.applied`."""
    with open_rows() as table:
        columns = columns_for(options, table.headers)
        dates = DateReader(options.date_format, ZoneInfo(ws.workspace.timezone))
        _scan_dates(table.rows, columns, dates)
    report = ImportReport(options.kind, {f: table.headers[i] for f, i in columns.items()}, dry_run=options.dry_run)
    report.problem = dates.settle()
    if report.problem:
        return report
    run = ImportRun.start(ws, port, options, now, dates)
    _check_stage_targets(run)
    with open_rows() as table:
        for line, cells in table.rows:
            _one_row(run, line, _values(cells, columns))
    kind = KINDS[options.kind]
    if kind.finish:
        kind.finish(run)
    return _finish(report, run)


def _scan_dates(rows, columns: dict[str, int], dates: DateReader) -> None:
    """The first reading: only the date cells, so the file itself says whether it is day- or month-first."""
    wanted = [columns[name] for name in DATE_FIELDS if name in columns]
    for line, cells in rows:
        for index in wanted:
            if index < len(cells) and cells[index].strip():
                try:
                    dates.read(cells[index], line)
                except CellError:
                    pass  # reported with its row on the second reading


def _check_stage_targets(run: ImportRun) -> None:
    bad = run.stages.bad_targets()
    if bad:
        names = ", ".join(s.name for s in run.ws.stages.all())
        raise ImportRefused(f"--stage-map names no stage {', '.join(bad)} — the stages are {names}")


def _values(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {name: (cells[index] if index < len(cells) else "") for name, index in columns.items()}


def _one_row(run: ImportRun, line: int, values: dict[str, str]) -> None:
    try:
        outcome = KINDS[run.options.kind].apply(run, line, values)
    except (CellError, RowError) as error:
        if len(run.errors) < MAX_SHOWN_ERRORS:
            run.errors.append((line, str(error)))
        run.counts["bad"] += 1
        return
    if outcome:
        run.counts[outcome] += 1


def _finish(report: ImportReport, run: ImportRun) -> ImportReport:
    report.counts = dict(run.counts)
    report.errors = run.errors
    report.unknown_stages = sorted(run.stages.unknown)
    report.new_people = sorted(run.new_people)
    if report.applied:
        run.ws.audit.record(None, "import", ENTITIES[run.options.kind], None, run.now,
                            **{k: v for k, v in report.counts.items()})
    return report

