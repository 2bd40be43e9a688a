"""500 signed `/sales deal add` at 50 in flight: every deal stored once with its own number, no error reply."""
from __future__ import annotations

import asyncio

from sqlalchemy import func
from sqlmodel import Session, select

from adapters.slack.deadline import WORKING
from storage.models import Account, Deal, Person
from tests.slack.signed import USER

REQUESTS = 500
IN_FLIGHT = 50


def newcomer(n: int) -> str:
    return f"UNEW{n:05d}"


def command_for(n: int) -> tuple[str, str]:
    """Half of the requests come from a first-seen person naming a new account, half from Ana (every
    tenth of hers naming one shared, new account, so first uses of a name race too)."""
    if n % 2:
        return f'deal add "Load deal {n}" {n + 1}k account="Load account {n}"', newcomer(n)
    shared = ' account="Shared account"' if n % 10 == 0 else ""
    return f'deal add "Load deal {n}" {n + 1}k stage=proposal{shared}', USER


async def send_all(bot) -> list[dict]:
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def one(n: int) -> dict:
        text, user = command_for(n)
        async with gate:
            return await bot.slack.command(text, user=user)
    return await asyncio.gather(*(one(n) for n in range(REQUESTS)))


async def test_500_concurrent_deal_adds_are_all_stored_with_distinct_numbers(bot, fake_slack, engine):
    for n in range(1, REQUESTS, 2):
        fake_slack.add_user(newcomer(n), f"Newcomer {n}")
    acks = await send_all(bot)
    # Late answers are still being delivered on a busy machine: wait for them as long as the run needs.
    await bot.adapter.tasks.settle(timeout=180)
    # An answer not ready within Slack's budget is acknowledged "Working on it" and follows via response_url.
    late = [call.args.get("text", "") for call in fake_slack.called("response_url")]
    answers = [ack.get("text", "") for ack in acks if ack.get("text") != WORKING] + late
    errors = [text for text in answers if "added" not in text]
    assert errors == [] and len(answers) == REQUESTS
    with Session(engine) as session:
        numbers = session.exec(select(Deal.number)).all()
        names = set(session.exec(select(Deal.name)).all())
        people = session.exec(select(func.count()).select_from(Person)).one()
        accounts = session.exec(select(func.count()).select_from(Account)).one()
    assert sorted(numbers) == list(range(1, REQUESTS + 1))
    assert names == {f"Load deal {n}" for n in range(REQUESTS)}
    assert (people, accounts) == (1 + REQUESTS // 2, REQUESTS // 2 + 1)
