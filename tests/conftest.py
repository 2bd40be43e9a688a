"""Shared fixtures: a real migrated database (SQLite, and PostgreSQL when configured) and the chat driver."""
from __future__ import annotations

import pytest

from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.store import Store
from tests.support.chat import Chat
from tests.support.databases import (fresh_sqlite, migrated_postgres, migrated_sqlite_template, postgres_url,
                                     reset_postgres)

BACKENDS = ["sqlite"] + (["postgresql"] if postgres_url() else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    return migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_engine():
    url = postgres_url()
    if not url:
        pytest.skip("DATABASE_URL does not name a PostgreSQL database")
    engine = migrated_postgres(url)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request, sqlite_template, tmp_path):
    """A clean, migrated database for one test, on every configured backend."""
    if request.param == "postgresql":
        engine = request.getfixturevalue("postgres_engine")
        reset_postgres(engine)
        yield engine
        return
    engine = fresh_sqlite(sqlite_template, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine) -> Store:
    return Store(engine)


@pytest.fixture
def processor(store) -> CommandProcessor:
    return CommandProcessor(store, build_registry(), FORM_HANDLERS)


@pytest.fixture
def chat(processor, store) -> Chat:
    """Ana, the first person in workspace acme-sales (so its admin), typing commands."""
    return Chat(processor, store)
