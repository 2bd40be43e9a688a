"""The one place that builds everything: engine, migrations, store, the command processor and each platform."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.metrics import Metrics
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
    metrics: Metrics = field(default_factory=Metrics)

    @property
    def messengers(self) -> dict[str, Messenger]:
        """Each platform's one Messenger: the web endpoints and the scheduler post through the same object."""
        return {name: p.messenger for name, p in self.platforms.items() if p.messenger is not None}

    @property
    def mounts(self) -> list[Mount]:
        return [p.mount for p in self.platforms.values() if p.mount is not None]


def build_app(settings: Settings, migrate: bool = True) -> App:
    """Build the application; the database is migrated to the latest schema unless told not to."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    store = Store(engine, settings.default_timezone, settings.default_currency)
    store.secret_key = settings.secret_key
    metrics = Metrics()
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS, observer=metrics,
                                 public_url=settings.public_url)
    return assemble(settings, store, processor, metrics)


def assemble(settings: Settings, store: Store, processor: CommandProcessor, metrics: Metrics | None = None) -> App:
    """The application around a ready store and processor; a bad platform setting raises SettingsError here."""
    platforms = build_platforms(Parts(settings, store, processor))
    return App(settings=settings, engine=store.engine, store=store, processor=processor, platforms=platforms,
               metrics=metrics or Metrics())
