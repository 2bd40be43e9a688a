"""Engine construction: SQLite (WAL, foreign keys, write lock at BEGIN) by default, PostgreSQL by URL."""
from __future__ import annotations

import threading
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import ContextManager, Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InvalidatePoolError
from sqlmodel import create_engine

from storage.deal_rows import prepare_sqlite
from storage.writer_turn import WriterTurn

DEFAULT_DATABASE_URL = "sqlite:///salesbot.db"


def normalise_url(url: str) -> str:
    """Accept the `postgres://` and `postgresql://` spellings hosts hand out; we drive psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def database_url_problem(url: str) -> str | None:
    """What is wrong with a DATABASE_URL, in words (None: it names SQLite or PostgreSQL and can be tried)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(normalise_url(url.strip()))
    except ArgumentError:
        return f"is not a database URL: {url!r} — try sqlite:///salesbot.db or postgresql+psycopg://user@host/db"
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        return f"names {parsed.get_backend_name()!r}: salesbot runs on SQLite or PostgreSQL only"
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        return f"uses the driver {parsed.get_driver_name()!r}: use postgresql+psycopg://"
    return None


def sqlite_path_problem(url: str) -> str | None:
    """A SQLite file database must be creatable where the process runs: its folder exists and is writable."""
    import os
    from sqlalchemy.engine import make_url

    parsed = make_url(normalise_url(url.strip()))
    if parsed.get_backend_name() != "sqlite":
        return None
    path = parsed.database

    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if os.path.exists(path):
        return None if os.access(path, os.W_OK) else f"points at {path}, which is not writable"
    if not os.path.isdir(folder):
        return f"points at {path}, but the folder {folder} does not exist"
    return None if os.access(folder, os.W_OK) else f"points at {path}, but the folder {folder} is not writable"


# Execution option asking SQLite to take the write lock when the transaction begins (see _begin_sqlite).
WRITE_LOCK = "salesbot_write_lock"
# Execution option for a transaction that only reads: the database refuses its writes (see storage/transactions.py).
READ_ONLY = "salesbot_read_only"
# Execution option for a transaction that must never sleep in SQLite's busy handler (it runs on the event loop).
NO_WAIT = "salesbot_no_wait"
BUSY_TIMEOUT = 30  # seconds a connection otherwise queues for a lock another process holds
AUTO_CHECKPOINT = 1000  # SQLite's default: pages in the log after which a commit checkpoints it
CHECKPOINT_PAGES = "salesbot_checkpoint_pages"  # a connection's current setting, in its pool record

_WRITERS: dict[str, WriterTurn] = {}  # by database file: every engine on one file shares its turn


def make_engine(url: str = DEFAULT_DATABASE_URL, echo: bool = False) -> Engine:
    """Build an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT})
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return _postgresql_engine(url, echo)


def _postgresql_engine(url, echo: bool, isolation_level: str | None = None, **settings) -> Engine:
    # No JIT: the analytics statements' estimates (correlated subplans) cross its threshold, and compiling
    # them took 1.6 s of the workspace history's 2.2 s at 1,000,000 activities, for queries that run in 0.5 s.
    options = " ".join(f"-c {name}={value}" for name, value in {"jit": "off", **settings}.items())
    engine = create_engine(url, echo=echo, pool_size=10, max_overflow=10, connect_args={"options": options},
                           **({"isolation_level": isolation_level} if isolation_level else {}))
    event.listen(engine, "checkout", _pinger(engine.dialect))
    return engine


# Set while a unit of work runs that is run again whole when its connection turns out to be dead
# (storage/transactions.py): it needs no ping at checkout, a round trip per unit. Everything else
# (plain sessions, migrations, the scheduler's lease) keeps the ping, as pool_pre_ping would.
_RERUN_ON_DISCONNECT: ContextVar[bool] = ContextVar("salesbot_rerun_on_disconnect", default=False)


@contextmanager
def rerun_on_disconnect() -> Iterator[None]:
    """Inside this block connections are handed out without the checkout ping (the unit runs again instead)."""
    token = _RERUN_ON_DISCONNECT.set(True)
    try:
        yield
    finally:
        _RERUN_ON_DISCONNECT.reset(token)


def _pinger(dialect):
    def ping_unless_rerun(dbapi_connection, _record, _proxy) -> None:
        if _RERUN_ON_DISCONNECT.get():
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                # As pool_pre_ping does: a server that dropped one connection (a restart) dropped them all.
                raise InvalidatePoolError(str(error)) from error
            raise
    return ping_unless_rerun


READER = "_salesbot_reader"  # the engine's attribute holding its reader (it goes with the engine)


# Whoever watches an engine's statements (a statement count, a test) sees its reader's as well.
OBSERVED = ("before_cursor_execute", "after_cursor_execute")


def reader_engine(engine: Engine) -> Engine:
    """PostgreSQL's engine for read-only units of work: a pool of its own whose connections refuse writes
    (`default_transaction_read_only`) and run each statement on its own, without BEGIN and COMMIT — two
    round trips fewer per unit. Under READ COMMITTED a transaction's statements each see what was committed
    when they began, so a read-only unit sees the same either way; the cache version it reads last still
    vouches for every cached row it used (the counter only grows)."""
    with _lock:
        reader = getattr(engine, READER, None)
        if reader is None:
            reader = _postgresql_engine(engine.url, engine.echo, "AUTOCOMMIT", default_transaction_read_only="on")
            event.listen(engine, "engine_disposed", lambda _engine: reader.dispose())
            for name in OBSERVED:
                event.listen(reader, name, _forwarded(engine, name))
            setattr(engine, READER, reader)
        return reader


def _forwarded(engine: Engine, name: str):
    def forward(*args) -> None:
        listeners = getattr(engine.dispatch, name)
        if listeners:
            listeners(*args)
    return forward


def writer_turn(engine: Engine) -> ContextManager:
    """SQLite has one writer at a time: this process's writers queue here for it, in order, instead of
    spinning in SQLite's busy handler (which sleeps and retries). PostgreSQL takes row locks as it goes."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    return sqlite_writer_turn(engine)


def sqlite_writer_turn(engine: Engine) -> WriterTurn:
    with _lock:
        return _WRITERS.setdefault(str(engine.url.database), WriterTurn())


_lock = threading.Lock()


def _tune_sqlite(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT (a released savepoint commits);
    # take control of BEGIN ourselves, as SQLAlchemy's SQLite documentation recommends.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the web server read while the scheduler writes; NORMAL sync is safe under WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    prepare_sqlite(dbapi_connection)  # the one-statement side rows of a new deal (storage/deal_rows.py)


def _begin_sqlite(connection) -> None:
    # A unit of work that reads and then writes (a deal number, a first-seen person) cannot upgrade its
    # read under WAL once another writer committed: it fails at once with "database is locked". Units of
    # work therefore take the write lock at BEGIN and queue (busy timeout); plain reads stay deferred.
    options = connection.get_execution_options()
    # A read-only unit of work must never take the write lock: query_only makes SQLite refuse its writes.
    # Straight to the driver: these run on every unit of work, and SQLAlchemy's statement machinery
    # (events, result set-up) cost more than the statements themselves.
    read_only, record = bool(options.get(READ_ONLY)), connection.connection.info
    driver = connection.connection.dbapi_connection
    if record.get(READ_ONLY, False) != read_only:
        driver.execute(f"PRAGMA query_only={int(read_only)}")
        record[READ_ONLY] = read_only
    # A WAL reader does not wait for writers, but a unit on the event loop must not sleep even in the rare
    # case that it would (a checkpoint resetting the log): without a busy timeout SQLite fails at once.
    busy_ms = 0 if options.get(NO_WAIT) else BUSY_TIMEOUT * 1000
    if record.get(NO_WAIT, BUSY_TIMEOUT * 1000) != busy_ms:
        driver.execute(f"PRAGMA busy_timeout={busy_ms}")
        record[NO_WAIT] = busy_ms
    # A commit on the event loop must not write the database file back either (storage/checkpoints.py).
    pages = 0 if options.get(NO_WAIT) else AUTO_CHECKPOINT
    if record.get(CHECKPOINT_PAGES, AUTO_CHECKPOINT) != pages:
        driver.execute(f"PRAGMA wal_autocheckpoint={pages}")
        record[CHECKPOINT_PAGES] = pages
    driver.execute("BEGIN IMMEDIATE" if options.get(WRITE_LOCK) else "BEGIN")
