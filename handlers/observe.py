"""The observer port: what the command processor and the scheduler report for operators (metrics)."""
from __future__ import annotations

from typing import Protocol, Sequence

# A command ends in one of these: answered, refused as a user mistake (a value), or failed on our side.
OK, REFUSED, FAILED = "ok", "refused", "error"
# The label for input that named no command: free text must never become a label value.
UNKNOWN_COMMAND = "unknown"


class Observer(Protocol):
    """Told about every command and scheduler tick; it must be cheap and must never raise."""

    def command_finished(self, command: str, platform: str, seconds: float, outcome: str) -> None: ...

    def tick_finished(self, sent: Sequence[str], skipped: Sequence[str], failed: Sequence[str]) -> None:
        """The delivery keys one scheduler tick sent, skipped and gave up on."""

    def leadership_changed(self, holder: str, leading: bool) -> None: ...


class NoObserver:
    """Observes nothing: where no one collects metrics (tests, benchmarks)."""

    def command_finished(self, command: str, platform: str, seconds: float, outcome: str) -> None:
        pass

    def tick_finished(self, sent: Sequence[str], skipped: Sequence[str], failed: Sequence[str]) -> None:
        pass

    def leadership_changed(self, holder: str, leading: bool) -> None:
        pass
