"""Which step of the funnel to fix first: the one furthest below what it used to convert."""
from __future__ import annotations

from handlers.analytics.results import Bottleneck, Funnel, StageFlow

# A step needs this many deals entering it, in the period and in what it is compared with, to be judged:
# one lost deal out of one is noise, not a bottleneck.
MIN_DEALS = 3


def find_bottleneck(current: Funnel, previous: Funnel | None, history: Funnel | None,
                    min_deals: int = MIN_DEALS) -> Bottleneck | None:
    """The open stage whose conversion to the next stage fell most below the previous period's, or below
    the workspace's own history; when none fell, the stage converting worst. None without enough deals."""
    steps = [(flow, nxt.stage) for flow, nxt in zip(current.stages, current.stages[1:])
             if flow.to_next is not None and flow.entered >= min_deals]
    if not steps:
        return None
    drops = [_drop(flow, nxt, kind, reference, min_deals) for flow, nxt in steps
             for kind, reference in (("previous", previous), ("history", history))]
    drops = [drop for drop in drops if drop is not None]
    if drops:
        return max(drops, key=lambda b: (b.reference - b.conversion, b.kind == "previous"))
    flow, nxt = min(steps, key=lambda step: step[0].to_next)
    return Bottleneck(flow.stage, nxt, flow.entered, flow.moved_on, flow.to_next, None, "lowest")


def _drop(flow: StageFlow, next_stage: str, kind: str, reference: Funnel | None,
          min_deals: int) -> Bottleneck | None:
    """The step as a bottleneck candidate when it converts worse than in `reference`."""
    before = reference.stage(flow.stage) if reference else None
    if before is None or before.entered < min_deals or before.to_next is None:
        return None
    if before.to_next <= flow.to_next:
        return None
    return Bottleneck(flow.stage, next_stage, flow.entered, flow.moved_on, flow.to_next, before.to_next, kind)
