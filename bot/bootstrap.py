"""The one place that builds everything: engine, migrations, store, the command processor and each platform."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.metrics import Metrics
from bot.platforms import Mount, Parts, Platform, build_platforms
from bot.settings import Settings, SettingsError
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.messaging import Messenger
from handlers.processor import CommandProcessor
from storage.database import make_engine, sqlite_path_problem
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
    problem = sqlite_path_problem(settings.database_url)
    if problem:
        raise SettingsError(f"DATABASE_URL {problem}")
    engine = make_engine(settings.database_url)
    if migrate:
        _upgrade(engine)
    store = Store(engine, settings.default_timezone, settings.default_currency)
    metrics = Metrics()
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS, observer=metrics,
                                 public_url=settings.public_url)
    return assemble(settings, store, processor, metrics)


def _upgrade(engine: Engine) -> None:
    """Migrate; a database that cannot be reached is a setting to fix, said in one line."""
    try:
        upgrade(engine)
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else "cannot connect"
        raise SettingsError(f"DATABASE_URL: cannot open the database ({reason})") from None


def assemble(settings: Settings, store: Store, processor: CommandProcessor, metrics: Metrics | None = None) -> App:
    """The application around a ready store and processor; a bad platform setting raises SettingsError here."""
    platforms = build_platforms(Parts(settings, store, processor))
    return App(settings=settings, engine=store.engine, store=store, processor=processor, platforms=platforms,
               metrics=metrics or Metrics())
