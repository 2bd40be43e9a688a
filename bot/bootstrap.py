"""The one place that builds everything: engine, migrations, store and the command processor."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.settings import Settings
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.database import make_engine
from storage.migrate import upgrade
from storage.store import Store


@dataclass
class App:
    """The built application: what adapters, the scheduler and the CLI share."""

    settings: Settings
    engine: Engine
    store: Store
    processor: CommandProcessor


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Migration chatter is noise on every start; problems still surface as warnings.
    logging.getLogger("alembic").setLevel(logging.WARNING)


def build_app(settings: Settings, migrate: bool = True) -> App:
    """Build the application; the database is migrated to the latest schema unless told not to."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    store = Store(engine, settings.default_timezone, settings.default_currency)
    store.secret_key = settings.secret_key
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS)
    return App(settings=settings, engine=engine, store=store, processor=processor)
