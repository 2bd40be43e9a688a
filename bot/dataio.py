"""`salesbot import` and `salesbot export`: files in and out of one workspace, run from the command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings

IMPORT_KINDS = ("deals", "accounts", "contacts", "activities")


class _RollBack(Exception):
    """Leaves the import's transaction without committing (a refused import, or a dry run)."""


def open_store(settings: Settings):
    from storage.database import make_engine
    from storage.migrate import upgrade
    from storage.store import Store

    engine = make_engine(settings.database_url)
    upgrade(engine)
    store = Store(engine, settings.default_timezone, settings.default_currency)
    return store


def workspace_of(store, wanted: str) -> tuple[str, str]:
    from storage.io.workspace_pick import workspace_key
    from storage.transactions import session_scope

    with session_scope(store.engine) as session:
        return workspace_key(session, wanted)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.dataio.options import ImportRefused
    from handlers.dataio.wording import report_text
    from storage.io.files import FileError

    try:
        options = _import_options(args)
        report = import_into(open_store(settings), args.workspace, Path(args.file), options)
    except (ImportRefused, FileError) as error:
        print(f"salesbot: {error}", file=sys.stderr)
        return 2
    print(report_text(report))
    return 0 if report.ok else 1


def import_into(store, workspace: str, path: Path, options, now=None):
    """Import `path` into `workspace` in one transaction, committed only when every row is good."""
    from handlers.clock import utc_now
    from handlers.dataio.importer import import_file
    from storage.io.files import open_table
    from storage.io.imports import ImportRepo

    platform, external_id = workspace_of(store, workspace)
    report = None
    try:
        with store.workspace(platform, external_id, workspace) as ws:
            port = ImportRepo(ws.session, ws.workspace.id)
            report = import_file(ws, port, options, lambda: open_table(path), now or utc_now())
            if not report.applied:
                raise _RollBack
    except _RollBack:
        pass
    return report


def _import_options(args: argparse.Namespace):
    from handlers.dataio.options import ImportOptions, date_format, decimal_mark, pairs

    return ImportOptions(kind=args.kind, dry_run=args.dry_run, create_people=args.create_people,
                         column_map=pairs(args.map, "--map"), stage_map=pairs(args.stage_map, "--stage-map"),
                         decimal=decimal_mark(args.decimal), date_format=date_format(args.date_format))


def add_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=IMPORT_KINDS, help="what the file holds")
    parser.add_argument("file", help="a .csv (any delimiter; UTF-8, GB18030/GBK or Latin-1) or .xlsx file")
    parser.add_argument("--workspace", default="console", help="workspace id or name (default: console)")
    parser.add_argument("--dry-run", action="store_true", help="check every row and report; write nothing")
    parser.add_argument("--map", action="append", metavar="COLUMN=field", help="read COLUMN as field "
                        "(deals: name, account, amount, currency, stage, close_date, owner, created_at, "
                        "lost_reason, external_id; contacts: name, first_name, last_name, account, title, "
                        "email, phone, owner)")
    parser.add_argument("--stage-map", action="append", metavar="NAME=stage",
                        help="read the file's stage NAME as the workspace's stage")
    parser.add_argument("--create-people", action="store_true", help="create owners the workspace lacks")
    parser.add_argument("--decimal", default=None, help="the file's decimal mark: . or , (default: guessed)")
    parser.add_argument("--date-format", default=None, help="DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD, … "
                        "(default: ISO, or learned from the file)")


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    from zoneinfo import ZoneInfo

    from handlers.analytics.periods import parse_period
    from handlers.clock import utc_now
    from handlers.dataio.exports import export_table
    from handlers.errors import UserError
    from storage.io.exports import ExportRepo
    from handlers.dataio.writers import write_csv, write_xlsx

    store = open_store(settings)
    platform, external_id = workspace_of(store, args.workspace)
    with store.workspace(platform, external_id, args.workspace) as ws:
        zone = ZoneInfo(ws.workspace.timezone)
        try:
            period = parse_period(args.period, utc_now().astimezone(zone).date(), zone) if args.period else None
        except UserError as error:
            print(f"salesbot: {error.message}", file=sys.stderr)
            return 2
        headers, rows = export_table(ExportRepo(ws.session, ws.workspace.id), args.kind, None,
                                     period.start if period else None, period.end if period else None)
        count = _write(args, headers, rows, write_csv, write_xlsx)
    print(f"exported {count} {args.kind} rows" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def _write(args, headers, rows, write_csv, write_xlsx) -> int:
    if args.format == "xlsx":
        if args.out:
            with open(args.out, "wb") as out:
                return write_xlsx(out, headers, rows, args.kind)
        return write_xlsx(sys.stdout.buffer, headers, rows, args.kind)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as out:
            return write_csv(out, headers, rows)
    return write_csv(sys.stdout, headers, rows)


def add_export(parser: argparse.ArgumentParser) -> None:
    from handlers.dataio.exports import EXPORT_KINDS

    parser.add_argument("kind", choices=EXPORT_KINDS, help="what to export (columns: docs/data.md)")
    parser.add_argument("--workspace", default="console", help="workspace id or name (default: console)")
    parser.add_argument("--period", default=None, help="30d, month, quarter, 2026-11, 2026-Q4 (default: all)")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="default: csv")
    parser.add_argument("--out", default=None, help="file to write (default: standard output)")
