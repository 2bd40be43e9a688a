"""The `salesbot` command line: one subcommand table, each row documented in --help."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from typing import Callable

from bot import dataio, zoho
from bot.settings import Settings, SettingsError

Runner = Callable[[argparse.Namespace, Settings], int]


def _console(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console.session import ConsoleSession
    from bot.bootstrap import build_app

    app = build_app(settings)
    with _console_scheduler(app, args):
        ConsoleSession(app.processor, args.user, args.workspace, settings.chart_dir).run()
    return 0


@contextmanager
def _console_scheduler(app, args: argparse.Namespace):
    """The console runs the scheduler too, printing what it posts (unless --no-scheduler)."""
    if getattr(args, "no_scheduler", False):
        yield
        return
    from bot.scheduler.runner import BackgroundScheduler

    scheduler = BackgroundScheduler(app)
    scheduler.start()
    try:
        yield
    finally:
        scheduler.stop()


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console.session import ConsoleSession
    from bot.bootstrap import build_app
    from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, demo_person, seed_demo

    app = build_app(settings)
    created = seed_demo(app.store)
    found = demo_person(app.store, args.user or DEMO_MANAGER)
    if found is None:
        print(f"salesbot: --as {args.user}: there is nobody of that name in the demo — try {DEMO_MANAGER}, "
              "olivia or james.carter", file=sys.stderr)
        return 2
    user_id, name, role = found
    print(("Seeded" if created else "Using") + f" the demo workspace '{DEMO_WORKSPACE}'. "
          f"You are {name}, {ROLE_WORDS.get(role, role)}. Type `help` to start.\n")
    with _console_scheduler(app, args):
        ConsoleSession(app.processor, user_id, DEMO_WORKSPACE, settings.chart_dir).run()
    return 0


ROLE_WORDS = {"rep": "a sales rep", "manager": "a sales manager", "admin": "the admin"}


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from storage.database import make_engine
    from storage.migrate import current_revision, upgrade

    engine = make_engine(settings.database_url)
    if args.action == "backup":
        return _backup(engine, args.file)
    if args.file:
        raise SettingsError(f"db {args.action} takes no file (only db backup does)")
    if args.action == "upgrade":
        upgrade(engine)
    print(f"database at revision {current_revision(engine)}")
    return 0


def _backup(engine, file: str | None) -> int:
    from pathlib import Path

    from storage.backup import BackupError, backup_sqlite

    if not file:
        raise SettingsError("db backup needs the file to write: salesbot db backup FILE")
    try:
        pages = backup_sqlite(engine, Path(file))
    except BackupError as error:
        print(f"salesbot: {error}", file=sys.stderr)
        return 1
    print(f"backed up {engine.url.database} to {file} ({pages} pages)")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from aiohttp import web

    from bot.bootstrap import build_app
    from bot.runtime import tune_for_serving
    from bot.web import build_web_app

    app = build_app(settings)
    web_app = build_web_app(app)
    if not args.no_scheduler:
        from bot.scheduler.runner import attach_to_web

        attach_to_web(web_app, app)
    tune_for_serving()
    web.run_app(web_app, host=args.host, port=args.port or settings.port, print=None)
    return 0


def _clock(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bootstrap import build_app

    app = build_app(settings)
    if args.port is None:
        from bot.scheduler.runner import run_clock

        run_clock(app)
        return 0
    from aiohttp import web

    from bot.scheduler.runner import attach_to_web
    from bot.web import build_web_app

    # The same server without platform endpoints: only /healthz and /metrics, beside the scheduler.
    web_app = build_web_app(app, mounts=[])
    attach_to_web(web_app, app)
    web.run_app(web_app, host=args.host, port=args.port, print=None)
    return 0


def _add_scheduler_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-scheduler", action="store_true",
                        help="do not run the scheduler here (a `salesbot clock` process runs it)")


def _add_clock(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=None, help="serve /healthz and /metrics on this port "
                        "(default: no HTTP at all)")
    parser.add_argument("--host", default="0.0.0.0", help="address to bind with --port (default: 0.0.0.0)")


def _teams_package(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from adapters.teams.package import write_package

    languages = tuple(tag.strip() for tag in (args.languages or "").split(",") if tag.strip())
    path = write_package(settings, Path(args.out), languages)
    print(f"wrote {path} — upload it in the Teams admin center (Manage apps > Upload) or in Teams (Apps > "
          "Manage your apps > Upload an app)")
    return 0


def _add_teams_package(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="salesbot-teams.zip", help="zip file to write "
                        "(default: salesbot-teams.zip)")
    parser.add_argument("--languages", default="", help="the app's name, description and command descriptions "
                        "in these languages too, for Teams clients set to them (e.g. zh-CN)")


def _add_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=None, help="port to listen on (default: $PORT or 3000)")
    parser.add_argument("--host", default="0.0.0.0", help="address to bind (default: 0.0.0.0)")
    _add_scheduler_flag(parser)


def _add_console(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="user", default="me", help="who you are in the console (default: me)")
    parser.add_argument("--workspace", default="console", help="console workspace name (default: console)")
    _add_scheduler_flag(parser)


def _add_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="user", default=None, help="act as this demo person (default: the manager)")
    _add_scheduler_flag(parser)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("upgrade", "current", "backup"), help="upgrade: migrate to the "
                        "latest schema; current: print the schema revision; backup FILE: copy a live SQLite "
                        "database to FILE (PostgreSQL: use pg_dump)")
    parser.add_argument("file", nargs="?", help="the file db backup writes (it must not exist yet)")


# name, help line, argument builder, runner — later areas append their rows (serve, clock, teams-package).
SUBCOMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Runner]] = [
    ("console", "type commands locally (piped lines run as a script)", _add_console, _console),
    ("demo", "seed a demo sales org once and open the console as its manager", _add_demo, _demo),
    ("db", "database schema migrations and SQLite backups", _add_db, _db),
    ("serve", "run the web server for Slack and Teams", _add_serve, _serve),
    ("clock", "run the scheduler alone (digests, reminders, prompts, nudges); extra ones stand by", _add_clock,
     _clock),
    ("teams-package", "write the Teams app package (manifest and icons) for upload", _add_teams_package,
     _teams_package),
    ("import", "import deals, accounts, contacts or activities from a CSV or XLSX file (all rows or none)",
     dataio.add_import, dataio.run_import),
    ("export", "export deals, accounts, contacts, activities, tasks, stage history or feedback as CSV or XLSX",
     dataio.add_export, dataio.run_export),
    ("zoho", "Zoho CRM: check the connection, or run one two-way sync", zoho.add_zoho, zoho.run_zoho),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="salesbot", description="Chat-ops bot for sales teams on Slack, "
                                     "Microsoft Teams and the console.")
    from bot.metrics import package_version

    parser.add_argument("--version", action="version", version=f"salesbot {package_version()}")
    sub = parser.add_subparsers(dest="subcommand", required=True, metavar="<subcommand>")
    for name, help_text, add_arguments, runner in SUBCOMMANDS:
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(sub_parser)
        sub_parser.set_defaults(run=runner)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"salesbot: {error}", file=sys.stderr)
        return 2
    from bot.logs import configure_logging

    configure_logging(settings)
    try:
        return args.run(args, settings)
    except SettingsError as error:
        print(f"salesbot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
