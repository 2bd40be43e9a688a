"""Ways to run the scheduler: alone (`salesbot clock`), inside the web server, or beside the console."""
from __future__ import annotations

import asyncio
import logging
import threading
from datetime import timedelta

from aiohttp import web

from bot.bootstrap import App
from bot.scheduler.service import SchedulerService
from handlers.messaging import Messenger

log = logging.getLogger(__name__)
SERVICE_KEY = web.AppKey("scheduler", SchedulerService)


def scheduler_for(app: App, overrides: dict[str, Messenger] | None = None, **options) -> SchedulerService:
    """A scheduler over the app's store, posting through the same Messengers as the web endpoints."""
    from bot.zoho import periodic_jobs

    settings = app.settings
    timing = {"grace": timedelta(minutes=settings.schedule_grace_minutes),
              "tick": timedelta(seconds=settings.clock_tick_seconds),
              "poll": timedelta(seconds=settings.clock_poll_seconds)}
    options.setdefault("periodic", periodic_jobs(app))
    return SchedulerService(app.store, app.messengers | (overrides or {}), observer=app.metrics,
                            **(timing | options))


async def _run_forever(service: SchedulerService) -> None:
    await service.start()
    try:
        await asyncio.Event().wait()
    finally:
        await service.stop()


def run_clock(app: App) -> None:
    """`salesbot clock`: the scheduler alone; a second one waits as a standby."""
    log.info("clock started; leading when no other scheduler does")
    asyncio.run(_run_forever(scheduler_for(app)))


def attach_to_web(web_app: web.Application, app: App) -> None:
    """Run the scheduler inside `salesbot serve`, started and stopped with the web server."""
    async def start(web_app: web.Application) -> None:
        web_app[SERVICE_KEY] = scheduler_for(app)
        await web_app[SERVICE_KEY].start()

    async def stop(web_app: web.Application) -> None:
        await web_app[SERVICE_KEY].stop()

    web_app.on_startup.append(start)
    web_app.on_cleanup.append(stop)


class BackgroundScheduler:
    """The scheduler on its own thread and event loop, beside the blocking console."""

    def __init__(self, app: App, overrides: dict[str, Messenger] | None = None) -> None:
        self.app, self.overrides = app, overrides
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="salesbot-scheduler", daemon=True)
        self.service: SchedulerService | None = None

    def start(self) -> None:
        # Scheduler chatter would interleave with what the person types; problems still show.
        for name in ("apscheduler", "bot.scheduler"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self._thread.start()
        # Catch-up at start-up is not urgent: let the person's first command take the database first.
        self.service = scheduler_for(self.app, self.overrides, start_delay=timedelta(seconds=5))
        asyncio.run_coroutine_threadsafe(self.service.start(), self.loop).result()

    def stop(self) -> None:
        if self.service is not None:
            asyncio.run_coroutine_threadsafe(self.service.stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
