"""One fix to the Bot Framework SDK's HTTP layer, which builds a connector client for every turn and proactive post."""
from __future__ import annotations

from msrest.universal_http.requests import ClientRetryPolicy


def cheap_connector_clients() -> None:
    """Each new client computes its retry list as `[i for i in range(999) if i not in safe_codes]` over a
    500-item list: half a million comparisons, ~15 ms of CPU per client and two clients per post. A frozenset
    of the same codes gives the same list at once."""
    ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)
