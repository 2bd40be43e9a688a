"""The seam for digest numbers: the analytics query layer, so digests match `kpi` and `risks` exactly."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.call import Call
from handlers.schedules.analytics_source import AnalyticsDigestSource
from handlers.schedules.digest_data import DigestNumbers, DigestSource
from handlers.scope import Scope

DIGEST_SOURCE: DigestSource = AnalyticsDigestSource()


def digest_numbers(call: Call, scope: Scope, zone: ZoneInfo) -> DigestNumbers:
    return DIGEST_SOURCE.numbers(call, scope, zone)
