"""The scheduler reports each tick to the metrics: deliveries sent, skipped and failed, and who leads."""
from __future__ import annotations

from datetime import timedelta

from bot.metrics import Metrics
from bot.scheduler.service import SchedulerService
from tests.ops.support import sample
from tests.schedules.support import RecordingMessenger, utc
from prometheus_client.parser import text_string_to_metric_families


def samples(metrics: Metrics) -> dict:
    body, _ = metrics.exposition()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(body.decode()) for s in family.samples}


def service(store, messengers, metrics, holder, at):
    return SchedulerService(store, messengers, holder=holder, clock=lambda: utc(at), use_apscheduler=False,
                            observer=metrics)


async def test_a_scheduled_digest_moves_the_delivery_counters(chat, store):
    await chat.as_("ana", timezone="UTC").say("digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))
    metrics, messenger = Metrics(), RecordingMessenger()
    leader = service(store, {"console": messenger}, metrics, "clock-a", "2026-11-02 08:00")
    assert await leader.step()
    await leader.tick_now()
    await leader.tick_now()  # delivered once: the second tick has nothing to send
    after = samples(metrics)
    assert len(messenger.to("C-general")) == 1
    assert sample(after, "salesbot_scheduler_deliveries_total", kind="digest", outcome="sent") == 1
    assert sample(after, "salesbot_scheduler_leader", holder="clock-a") == 1
    await leader.stop()
    assert sample(samples(metrics), "salesbot_scheduler_leader", holder="clock-a") == 0


async def test_undeliverable_and_missed_digests_are_counted_as_failed_and_skipped(chat, store):
    await chat.as_("ana", timezone="UTC").say("digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))
    metrics = Metrics()
    nowhere = service(store, {}, metrics, "clock-b", "2026-11-02 08:00")  # no messenger for the console
    assert await nowhere.step()
    await nowhere.tick_now()
    await nowhere.stop()
    late = service(store, {"console": RecordingMessenger()}, metrics, "clock-c", "2026-11-03 13:00")
    late.ticker.grace = timedelta(hours=2)  # 08:00 on the 3rd is five hours late: recorded as skipped
    assert await late.step()
    await late.tick_now()
    await late.stop()
    after = samples(metrics)
    assert sample(after, "salesbot_scheduler_deliveries_total", kind="digest", outcome="failed") == 1
    assert sample(after, "salesbot_scheduler_deliveries_total", kind="digest", outcome="skipped") == 1
    assert sample(after, "salesbot_scheduler_deliveries_total", kind="digest", outcome="sent") == 0
