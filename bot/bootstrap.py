"""The one place that builds everything: engine, migrations, store, the command processor and each platform."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.platforms import Mount, Parts, Platform, build_platforms
from bot.settings import Settings
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.messaging import Messenger
from handlers.processor import CommandProcessor
from storage.database import make_engine
from storage.migrate import upgrade
from storage.store import Store


@dataclass
class App:
    """The built application: what the web server, the scheduler and the CLI share."""

    settings: Settings
    engine: Engine
    store: Store
    processor: CommandProcessor
    platforms: dict[str, Platform] = field(default_factory=dict)

    @property
    def messengers(self) -> dict[str, Messenger]:
        """Each platform's one Messenger: the web endpoints and the scheduler post through the same object."""
        return {name: p.messenger for name, p in self.platforms.items() if p.messenger is not None}

    @property
    def mounts(self) -> list[Mount]:
        return [p.mount for p in self.platforms.values() if p.mount is not None]


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
    return assemble(settings, store, processor)


def assemble(settings: Settings, store: Store, processor: CommandProcessor) -> App:
    """The application around a ready store and processor; a bad platform setting raises SettingsError here."""
    platforms = build_platforms(Parts(settings, store, processor))
    return App(settings=settings, engine=store.engine, store=store, processor=processor, platforms=platforms)
