"""The fan-out's floor: how long a client would take that knows the fakes' buckets exactly, sends the moment a token
is there, retries first and waits what Retry-After says (after a 500, the Teams backoff), against the same rules
(bench/rate_limited_fakes.py `Limits`, on a virtual clock). The rate-limit lower bound leaves out the Retry-After of
the refusals (10% 429 with `Retry-After: 1`, 1% 500); this shows what they cost with no overhead at all."""
from __future__ import annotations

import heapq
import random
from collections import defaultdict
from statistics import quantiles

from adapters.teams.retry import Backoff
from bench.rate_limited_fakes import LIMITS, Limits


class VirtualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def ideal_elapsed(platform: str, channels: list, people: list, seed: int) -> float:
    """Seconds from the first post to the last accepted one, for the ideal client, with the fakes' draws from `seed`."""
    clock = VirtualClock()
    limits = Limits(platform, random.Random(seed), clock)
    (each_rate, each_burst), (whole_rate, whole_burst) = LIMITS[platform]
    fresh: dict[str, list[str]] = defaultdict(list)
    for workspace, destination in channels + people:
        fresh[workspace].append(destination)
    retries: dict[str, list] = defaultdict(list)  # workspace -> heap of (due, attempt, destination)
    ready = {workspace: 0.0 for workspace in fresh}  # when the workspace's bucket next has a token (client's view)
    tokens = {workspace: (float(whole_burst), 0.0) for workspace in fresh}
    backoff, rng, last = Backoff(), random.Random(seed + 1), 0.0
    events = [(0.0, workspace) for workspace in fresh]
    while events:
        at, workspace = heapq.heappop(events)
        due = retries[workspace][0][0] if retries[workspace] else None
        if not fresh[workspace] and due is None:
            continue
        clock.now = max(at, ready[workspace], due if due is not None and not fresh[workspace] else at)
        if due is not None and due <= clock.now:
            _, attempt, destination = heapq.heappop(retries[workspace])
        else:
            attempt, destination = 1, fresh[workspace].pop(0)
        refused = limits.check(destination, workspace)
        if refused is None:
            last = max(last, clock.now)
            level, since = tokens[workspace]
            level = min(whole_burst, level + (clock.now - since) * whole_rate) - 1
            tokens[workspace] = (level, clock.now)
            ready[workspace] = clock.now + max(0.0, 1 - level) / whole_rate + 1e-6  # past the float rounding
        else:
            status, headers = refused
            wait = backoff.delay(attempt, float(headers["Retry-After"]) if "Retry-After" in headers else None, rng)
            heapq.heappush(retries[workspace], (clock.now + wait, attempt + 1, destination))
        heapq.heappush(events, (clock.now, workspace))
    return last


def floor_summary(platform: str, channels: list, people: list, bound: float, seeds: int = 50) -> str:
    """One line: the ideal client's median over `seeds` draws of the refusals, its spread, and how often it is
    within 1.2x the bound."""
    runs = sorted(ideal_elapsed(platform, channels, people, seed) for seed in range(seeds))
    tenth, *_, ninetieth = quantiles(runs, n=10)
    median = runs[len(runs) // 2]
    return (f"{platform:5} floor: an ideal client takes {median:.1f} s ({median / bound:.2f}x the bound; "
            f"{tenth / bound:.2f}-{ninetieth / bound:.2f}x over {seeds} draws; "
            f"{sum(r <= 1.2 * bound for r in runs)} of {seeds} within 1.2x)")
