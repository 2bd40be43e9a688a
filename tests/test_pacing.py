"""Pacing under a platform's limit: a refused post's turn goes to the posts behind it, never more than the limit."""
import asyncio

from adapters.pacing import AHEAD, JITTER_ROOM, Pacer


class StillClock:
    """Time that stands still unless moved; the pacer's waits are recorded, not slept."""

    def __init__(self) -> None:
        self.now, self.slept = 0.0, []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def pacer(clock: StillClock) -> Pacer:
    return Pacer(1.0, 1 + JITTER_ROOM, clock, clock.sleep)  # one post a second, no burst left after the room


def test_a_refused_post_gives_its_turn_to_the_next_one():
    clock = StillClock()
    paced = pacer(clock)

    async def posts() -> None:
        refused = await paced.wait_turn("T1")
        await paced.wait_turn("T1")  # the second post waits its second
        paced.give_back("T1", refused)  # the platform did not count the first
        await paced.wait_turn("T1")  # the third takes the first's place instead of waiting two seconds
    asyncio.run(posts())
    assert clock.slept == [1.0, 1.0]


def test_without_refusals_each_post_waits_its_own_turn():
    clock = StillClock()
    paced = pacer(clock)

    async def posts() -> None:
        for _ in range(3):
            await paced.wait_turn("T1")
    asyncio.run(posts())
    assert clock.slept == [1.0, 2.0]


def test_a_turn_from_before_an_idle_spell_is_not_given_back_twice():
    clock = StillClock()
    paced = pacer(clock)

    async def posts() -> None:
        old = await paced.wait_turn("T1")
        clock.now = 60.0  # idle: the platform's bucket refilled, the old post is forgotten either way
        await paced.wait_turn("T1")
        paced.give_back("T1", old)
        await paced.wait_turn("T1")  # still a second after the one before it: the limit holds
    asyncio.run(posts())
    assert clock.slept == [1.0]


def test_a_fast_pace_keeps_a_fifth_of_a_second_of_its_burst_unused():
    """At Teams' 30 posts a second per tenant, two spare calls absorbed only 67 ms of uneven arrival: posts were
    refused (and waited a second) whenever the machine was busy."""
    clock = StillClock()
    paced = Pacer(1 / 30, 30, clock, clock.sleep)

    async def posts() -> None:
        for _ in range(25):
            await paced.wait_turn("tenant")
    asyncio.run(posts())
    assert len(clock.slept) == 1 and abs(clock.slept[0] - 1 / 30) < 1e-9  # 24 at once, the 25th a turn later


def test_a_burst_whose_first_call_landed_late_is_paced_from_its_landing():
    """The first posts of a fan-out can take a while to reach Teams (new connections); its bucket starts
    refilling only then, so the calls after the burst wait as long again instead of landing early and refused."""
    clock = StillClock()
    paced = Pacer(1.0, 1 + JITTER_ROOM, clock, clock.sleep)

    async def posts() -> None:
        first = await paced.wait_turn("T1")
        clock.now = 0.5  # the platform answered half a second after the call left
        paced.answered("T1", first)
        second = await paced.wait_turn("T1")
        clock.now = 2.0
        paced.answered("T1", second)  # only the first call of a run moves it
        await paced.wait_turn("T1")
    asyncio.run(posts())
    assert clock.slept == [1.0, 0.5]  # the second call at 1.5 s, not 1.0 s; the third a second after it


class ManualClock(StillClock):
    """Time that moves only when the test says; sleepers wake when it passes their time."""

    def __init__(self) -> None:
        super().__init__()
        self.sleepers: list[tuple[float, asyncio.Future]] = []

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self.sleepers.append((self.now + seconds, future))
        await future

    async def advance(self, to: float) -> None:
        self.now = to
        for _ in range(50):  # sleepers that start meanwhile and are due by then wake too
            for wake, future in self.sleepers:
                if wake <= to and not future.done():
                    future.set_result(None)
            await asyncio.sleep(0)


def test_a_retry_goes_ahead_of_first_attempts_already_waiting():
    """A throttled digest waited its Retry-After and then behind every first post queued meanwhile: the last
    retries of a fan-out came seconds late. Teams' pacers let a retry go after at most AHEAD first attempts."""
    clock = ManualClock()
    paced = Pacer(1.0, 1 + JITTER_ROOM, clock, clock.sleep, retries_first=True)
    slots: dict[str, float] = {}

    async def post(name: str, retry: bool = False) -> None:
        slots[name] = await paced.wait_turn("T1", retry)

    async def posts() -> None:
        first = [asyncio.create_task(post(f"first {n}")) for n in range(6)]
        await clock.advance(0.0)  # six first attempts queued, one gone
        retry = asyncio.create_task(post("retry", retry=True))
        for second in range(10):
            await clock.advance(float(second))
        await asyncio.gather(retry, *first)
    asyncio.run(posts())
    assert slots["retry"] == 1 + AHEAD  # after the one that went and the AHEAD reserved, not after all six
    assert sorted(slots.values()) == [float(n) for n in range(7)]  # still one a second: no slot shared


def test_without_retries_first_a_retry_queues_like_any_call():
    clock = StillClock()
    paced = pacer(clock)

    async def posts() -> list[float]:
        return [await paced.wait_turn("T1") for _ in range(3)] + [await paced.wait_turn("T1", retry=True)]
    assert asyncio.run(posts()) == [0.0, 1.0, 2.0, 3.0]
