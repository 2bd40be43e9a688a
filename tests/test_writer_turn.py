"""The writer turn: threads queue for it, the event loop awaits its release instead of blocking."""
from __future__ import annotations

import asyncio

from storage.writer_turn import WriterTurn
from tests.support.held import held_on_another_thread


async def test_released_returns_at_once_when_nobody_holds_the_turn():
    await asyncio.wait_for(WriterTurn().released(), timeout=1)


async def test_the_loop_is_woken_when_a_thread_releases_the_turn():
    turn = WriterTurn()
    with held_on_another_thread(turn):
        assert not turn.try_take()
        waiting = asyncio.ensure_future(turn.released())
        await asyncio.sleep(0.05)
        assert not waiting.done(), "released() returned while the turn was held"
    await asyncio.wait_for(waiting, timeout=2)
    assert turn.try_take()
    turn.release()


async def test_a_turn_released_between_the_try_and_the_wait_does_not_strand_the_waiter():
    turn = WriterTurn()
    assert turn.try_take()
    turn.release()  # nobody was registered yet: the waiter must still see a free turn
    await asyncio.wait_for(turn.released(), timeout=1)


def test_the_turn_is_re_entrant_for_its_holder():
    turn = WriterTurn()
    with turn:
        with turn:
            assert turn.try_take()
            turn.release()
    assert turn.try_take()
    turn.release()
