"""The one place that builds everything: engine, migrations, store and the command processor."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.metrics import Metrics
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
    metrics: Metrics = field(default_factory=Metrics)


def build_app(settings: Settings, migrate: bool = True) -> App:
    """Build the application; the database is migrated to the latest schema unless told not to."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    store = Store(engine, settings.default_timezone, settings.default_currency)
    store.secret_key = settings.secret_key
    metrics = Metrics()
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS, observer=metrics)
    return App(settings=settings, engine=engine, store=store, processor=processor, metrics=metrics)
