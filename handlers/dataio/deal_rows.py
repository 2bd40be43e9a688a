"""Importing one deal row: read and check every cell, then create the deal or update the one it matches."""
from __future__ import annotations

from datetime import datetime, time, timezone

from handlers.dataio.cells import CellError
from handlers.dataio.kinds import SOURCE, read_amount
from handlers.dataio.run import ImportRun
from handlers.records import Deal


class RowError(ValueError):
    """Every reason one row cannot be imported, joined for the report."""


def _collect(problems: list[str], read, *args):
    try:
        return read(*args)
    except CellError as error:
        problems.append(str(error))
        return None


def read_deal(run: ImportRun, line: int, values: dict[str, str]) -> dict:
    """The row's fields, parsed; RowError lists all that is wrong with it."""
    problems: list[str] = []
    fields = {
        "name": _collect(problems, run.text, values, "name", True),
        "money": _collect(problems, read_amount, run, values),
        "stage": _collect(problems, _stage, run, values.get("stage", "")),
        "owner_id": _collect(problems, run.owner, values.get("owner", ""), values.get("owner_name", "")),
        "close": _collect(problems, _optional_date, run, values.get("close_date", ""), line),
        "created": _collect(problems, _optional_instant, run, values.get("created_at", ""), line),
        "account": _collect(problems, run.text, values, "account"),
        "lost_reason": _collect(problems, run.text, values, "lost_reason", False, 500),
    }
    if problems:
        raise RowError("; ".join(problems))
    return fields


def _stage(run: ImportRun, text: str):
    if not text.strip():
        raise CellError("missing stage")
    name = run.stages.stage_of(text)
    if name is None:
        raise CellError(f"unknown stage '{text.strip()}'")
    return next(s for s in run.ws.stages.all() if s.name == name)


def _optional_date(run: ImportRun, text: str, line: int):
    return run.dates.read_date(text, line) if text.strip() else None


def _optional_instant(run: ImportRun, text: str, line: int):
    return min(run.dates.read(text, line), run.now) if text.strip() else None


def apply_deal(run: ImportRun, line: int, values: dict[str, str]) -> str:
    """Create or update the deal the row describes; a moved stage is recorded as stage history."""
    fields = read_deal(run, line, values)
    if run.errors:  # the import will be refused: keep checking rows, stop writing
        return "checked"
    account_id = run.ws.accounts.ensure(fields["account"]).id if fields["account"] else None
    external = values.get("external_id", "").strip()
    deal = _matching_deal(run, external, fields["name"], account_id)
    if deal is None:
        deal = _create(run, fields, account_id)
        outcome = "created"
    else:
        outcome = _update(run, deal, fields, account_id)
    if external and run.port.ref(SOURCE, "deal", external) is None:
        run.port.link(SOURCE, "deal", external, deal.id)
    return outcome


def _matching_deal(run: ImportRun, external: str, name: str, account_id: int | None) -> Deal | None:
    deal_id = run.port.ref(SOURCE, "deal", external) if external else None
    deal = run.ws.deals.by_id(deal_id) if deal_id else None
    return deal or run.port.deal_named(name, account_id)


def _create(run: ImportRun, fields: dict, account_id: int | None) -> Deal:
    stage, (amount, currency) = fields["stage"], fields["money"]
    deal = run.ws.deals.add(name=fields["name"], owner_id=fields["owner_id"], amount_minor=amount,
                            currency=currency, stage=stage.name, status=stage.outcome,
                            now=fields["created"] or run.now, actor_id=None, expected_close=fields["close"],
                            account_id=account_id)
    if stage.outcome != "open" and fields["close"]:
        deal.closed_at = min(datetime.combine(fields["close"], time(0), timezone.utc), run.now)
    if stage.outcome == "lost":
        deal.lost_reason = fields["lost_reason"] or None
    return deal


def _update(run: ImportRun, deal: Deal, fields: dict, account_id: int | None) -> str:
    amount, currency = fields["money"]
    wanted = {"amount_minor": amount, "currency": currency, "owner_id": fields["owner_id"],
              "expected_close": fields["close"] or deal.expected_close, "account_id": account_id}
    changed = [key for key, value in wanted.items() if getattr(deal, key) != value]
    for key in changed:
        setattr(deal, key, wanted[key])
    if deal.name != fields["name"]:
        run.ws.deals.rename(deal, fields["name"])
        changed.append("name")
    stage = fields["stage"]
    if deal.stage != stage.name:
        run.ws.deals.move(deal, stage.name, stage.outcome, None, run.now)
        changed.append("stage")
    if stage.outcome == "lost" and fields["lost_reason"] and deal.lost_reason != fields["lost_reason"]:
        deal.lost_reason = fields["lost_reason"]
        changed.append("lost_reason")
    if changed:
        deal.updated_at = run.now
    return "updated" if changed else "unchanged"
