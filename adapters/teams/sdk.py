"""The seam between the shared Teams adapter and one Bot Framework SDK: what each SDK folder must provide."""
from __future__ import annotations

from typing import Awaitable, Callable, Protocol


class ConnectorFailure(Exception):
    """A Bot Connector call that got an HTTP answer other than success, in the same shape for every SDK."""

    def __init__(self, status: int, retry_after: float | None = None, detail: str = "") -> None:
        super().__init__(detail or f"HTTP {status}")
        self.status, self.retry_after = status, retry_after


class Turn(Protocol):
    """One incoming activity being answered; `activity` is its JSON exactly as the Bot Connector sent it."""

    activity: dict

    async def send(self, message: dict) -> str | None:
        """Post a message activity (JSON) into this activity's conversation, as a reply to it."""

    async def answer_invoke(self, status: int, body: dict | None) -> None:
        """The HTTP answer of an invoke activity."""

    async def member(self, account_id: str) -> dict | None:
        """The conversation member with this Teams account id (JSON), asked of the Bot Connector."""


OnTurn = Callable[[Turn], Awaitable[None]]


class TeamsSdk(Protocol):
    """What the shared endpoint and Messenger need from an SDK; everything else is shared."""

    name: str

    def parse(self, body: dict) -> object:
        """The SDK's activity object for a shape-checked body; raises Refused when the SDK cannot read it."""

    async def authenticate(self, activity: object, authorization: str) -> object:
        """The caller's verified identity; raises for a missing, malformed, unsigned or expired token."""

    async def process(self, identity: object, activity: object, body: dict,
                      on_turn: OnTurn) -> tuple[int, object] | None:
        """Run one turn; the invoke's (status, body) when the activity was an invoke."""

    async def post(self, reference: dict, message: dict) -> str | None:
        """Post a new message to a stored conversation reference; ConnectorFailure for an HTTP error answer."""

    async def close(self) -> None:
        """Release the connections kept for posting (at shutdown); safe to call twice."""
