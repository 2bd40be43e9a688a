"""Stage names of other CRMs mapped onto a workspace's stages: a built-in table, then --stage-map."""
from __future__ import annotations

from handlers.dataio.columns import header_key

# Zoho CRM's standard Deals stage picklist -> the default salesbot stages (import and the Zoho sync alike).
ZOHO_STAGES: dict[str, str] = {
    "Qualification": "lead", "Needs Analysis": "qualified", "Value Proposition": "qualified",
    "Id. Decision Makers": "qualified", "Perception Analysis": "proposal", "Proposal/Price Quote": "proposal",
    "Negotiation/Review": "negotiation", "Closed Won": "won", "Closed Lost": "lost",
    "Closed-Lost to Competition": "lost",
}
# Names the usual CRMs ship with -> the default salesbot stage that means the same.
KNOWN_STAGES: dict[str, str] = {
    **ZOHO_STAGES,
    "Identify Decision Makers": "qualified",
    # Salesforce
    "Prospecting": "lead",
    # HubSpot (default sales pipeline)
    "Appointment Scheduled": "lead", "Qualified To Buy": "qualified", "Presentation Scheduled": "qualified",
    "Decision Maker Bought-In": "proposal", "Contract Sent": "negotiation", "Closed won": "won",
    "Closed lost": "lost",
    # Pipedrive
    "Lead In": "lead", "Contact Made": "qualified", "Demo Scheduled": "qualified", "Proposal Made": "proposal",
    "Negotiations Started": "negotiation",
    # Simplified Chinese CRMs
    "初步接洽": "lead", "线索": "lead", "需求确认": "qualified", "需求分析": "qualified", "方案报价": "proposal",
    "报价": "proposal", "谈判审核": "negotiation", "商务谈判": "negotiation", "赢单": "won", "成交": "won",
    "输单": "lost", "丢单": "lost",
}
_KNOWN_KEYS = {header_key(name): stage for name, stage in KNOWN_STAGES.items()}


class StageMapper:
    """Reads a file's stage names as the workspace's stages; remembers the names it could not place."""

    def __init__(self, stage_names: list[str], overrides: dict[str, str]) -> None:
        self.stages = {header_key(name): name for name in stage_names}
        self.overrides = {header_key(k): v for k, v in overrides.items()}
        self.unknown: set[str] = set()

    def bad_targets(self) -> list[str]:
        """--stage-map targets that are not stages of the workspace."""
        return sorted(v for v in self.overrides.values() if header_key(v) not in self.stages)

    def stage_of(self, text: str) -> str | None:
        """The workspace stage `text` means, or None (and the name is remembered as unknown)."""
        key = header_key(text)
        target = self.overrides.get(key)
        if target is not None:
            return self.stages.get(header_key(target))
        found = self.stages.get(key) or self.stages.get(_KNOWN_KEYS.get(key, ""))
        if found is None:
            self.unknown.add(text.strip())
        return found
