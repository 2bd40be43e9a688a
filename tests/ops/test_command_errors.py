"""A command that fails on our side (here: the database is gone) is counted as an error, by its name."""
from __future__ import annotations

from bot.metrics import Metrics
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.context import Origin, Request, Sender
from handlers.processor import INTERNAL_ERROR, CommandProcessor
from storage.database import make_engine
from storage.store import Store
from tests.ops.support import free_port, sample
from tests.ops.test_delivery_metrics import samples


def test_a_failed_command_counts_as_an_error_and_the_person_is_told_politely():
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/salesbot")
    metrics = Metrics()
    processor = CommandProcessor(Store(engine), build_registry(), FORM_HANDLERS, observer=metrics)
    origin = Origin("teams", "tenant-1", "Tenant", "19:channel")
    reply = processor.handle(Request("pipeline team", Sender("29:ana", "Ana"), origin))
    engine.dispose()
    assert reply.is_error and reply.text == INTERNAL_ERROR
    after = samples(metrics)
    assert sample(after, "salesbot_commands_total", platform="teams", command="pipeline", outcome="error") == 1
    assert sample(after, "salesbot_command_errors_total", platform="teams", command="pipeline") == 1
    assert sample(after, "salesbot_command_duration_seconds_count", platform="teams", command="pipeline") == 1
