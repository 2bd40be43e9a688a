"""Prometheus metrics: the observer the processor and scheduler report to, and the /metrics exposition."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info
from prometheus_client.exposition import choose_encoder

from handlers.observe import FAILED

# Chat commands take milliseconds to a few seconds; Slack gives up after 3 s, so resolve that range finely.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)


def package_version() -> str:
    try:
        return version("salesbot")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


class Metrics:
    """One registry per built application (never a module global), so tests and processes stay apart.

    Every label value comes from a closed set: a platform name, a registered command name (or
    `unknown`), an outcome, a delivery kind, an HTTP route template and status. Free text never does.
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        labels = {"registry": self.registry}
        Info("salesbot", "The running salesbot", **labels).info({"version": package_version()})
        self.commands = Counter("salesbot_commands", "Commands run, by platform, command and outcome "
                                "(ok, refused = a user mistake answered, error = failed on our side)",
                                ["platform", "command", "outcome"], **labels)
        self.errors = Counter("salesbot_command_errors", "Commands that failed on our side (the person was "
                              "told something went wrong)", ["platform", "command"], **labels)
        self.latency = Histogram("salesbot_command_duration_seconds", "Time to run a command, parse to reply",
                                 ["platform", "command"], buckets=LATENCY_BUCKETS, **labels)
        self.http = Counter("salesbot_http_responses", "HTTP responses by route template and status",
                            ["route", "status"], **labels)
        self.deliveries = Counter("salesbot_scheduler_deliveries", "Scheduled deliveries by kind (digest, "
                                  "meeting, feedback, nudge, ...) and outcome (sent, skipped, failed)",
                                  ["kind", "outcome"], **labels)
        self.leader = Gauge("salesbot_scheduler_leader", "1 while the scheduler in this process holds the "
                            "leader lease, 0 while it stands by; `holder` names it", ["holder"], **labels)
        # Zoho CRM sync state (last successful sync, records waiting, errors) belongs here once the sync
        # exists; nothing is exported for it until then.

    def command_finished(self, command: str, platform: str, seconds: float, outcome: str) -> None:
        self.commands.labels(platform, command, outcome).inc()
        self.latency.labels(platform, command).observe(seconds)
        if outcome == FAILED:
            self.errors.labels(platform, command).inc()

    def tick_finished(self, sent: Sequence[str], skipped: Sequence[str], failed: Sequence[str]) -> None:
        for outcome, keys in (("sent", sent), ("skipped", skipped), ("failed", failed)):
            for key in keys:
                self.deliveries.labels(delivery_kind(key), outcome).inc()

    def leadership_changed(self, holder: str, leading: bool) -> None:
        self.leader.labels(holder).set(1 if leading else 0)

    def response_sent(self, route: str, status: int) -> None:
        self.http.labels(route, str(status)).inc()

    def exposition(self, accept: str = "") -> tuple[bytes, str]:
        """The body and its content type in the format the scraper asks for (Prometheus text by default)."""
        encode, content_type = choose_encoder(accept)
        return encode(self.registry), content_type


def delivery_kind(key: str) -> str:
    """`digest:3:7:2026-11-02` -> `digest`: the kind is the key's first field, one of a fixed few."""
    return key.partition(":")[0]
