"""The seam for digest numbers: the core computation today, the analytics query layer once it is merged."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.ports import WorkspacePort
from handlers.schedules.digest_data import CoreDigestSource, DigestNumbers, DigestSource
from handlers.scope import Scope

DIGEST_SOURCE: DigestSource = CoreDigestSource()


def digest_numbers(ws: WorkspacePort, scope: Scope, now: datetime, zone: ZoneInfo) -> DigestNumbers:
    return DIGEST_SOURCE.numbers(ws, scope, now, zone)
