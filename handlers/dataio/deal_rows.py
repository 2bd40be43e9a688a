"""Importing one deal row: read and check every cell, then create the deal or update the one it matches."""
from __future__ import annotations

from datetime import datetime, time, timezone

from handlers.dataio.cells import CellError
from handlers.dataio.kinds import SOURCE, read_amount
from handlers.dataio.run import ImportRun, name_key
from handlers.records import Deal


BATCH = 500  # rows written together: one look-up and one insert per batch, memory bounded by it


class RowError(ValueError):
    """Every reason one row cannot be imported, joined for the report."""


def collect(problems: list[str], read, *args):
    try:
        return read(*args)
    except CellError as error:
        problems.append(str(error))
        return None


def read_deal(run: ImportRun, line: int, values: dict[str, str]) -> dict:
    """The row's fields, parsed; RowError lists all that is wrong with it."""
    problems: list[str] = []
    fields = {
        "name": collect(problems, run.text, values, "name", True),
        "money": collect(problems, read_amount, run, values),
        "stage": collect(problems, _stage, run, values.get("stage", "")),
        "owner_id": collect(problems, run.owner, values.get("owner", ""), values.get("owner_name", "")),
        "close": collect(problems, _optional_date, run, values.get("close_date", ""), line),
        "created": collect(problems, _optional_instant, run, values.get("created_at", ""), line),
        "account": collect(problems, run.text, values, "account"),
        "lost_reason": collect(problems, run.text, values, "lost_reason", False, 500),
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
    return run.stage_rows[name]


def _optional_date(run: ImportRun, text: str, line: int):
    return run.dates.read_date(text, line) if text.strip() else None


def _optional_instant(run: ImportRun, text: str, line: int):
    return min(run.dates.read(text, line), run.now) if text.strip() else None


def apply_deal(run: ImportRun, line: int, values: dict[str, str]) -> str | None:
    """Queue the row for the next batch write; the batch creates new deals and updates matched ones."""
    fields = read_deal(run, line, values)
    if run.errors:  # the import will be refused: keep checking rows, stop writing
        return "checked"
    fields["external"] = values.get("external_id", "").strip()
    fields["account_id"] = run.account_id(fields["account"])
    key = fields["external"] or (name_key(fields["name"]), fields["account_id"])
    if key in run.batch_keys:  # the file repeats a deal: write the first before reading it again
        flush_deals(run)
    run.batch.append(fields)
    run.batch_keys.add(key)
    if len(run.batch) >= BATCH:
        flush_deals(run)
    return None


def flush_deals(run: ImportRun) -> None:
    """Write the queued rows: one look-up for the batch, updates one by one, new deals in one insert."""
    rows, run.batch, run.batch_keys = run.batch, [], set()
    if not rows or run.errors:
        return
    by_ref, by_name = run.port.deals_matching([f["external"] for f in rows if f["external"]],
                                              [name_key(f["name"]) for f in rows])
    new, refs = [], []
    for fields in rows:
        deal_id = by_ref.get(fields["external"]) or by_name.get((name_key(fields["name"]), fields["account_id"]))
        if deal_id is None:
            new.append(_new_row(run, fields))
            refs.append(fields["external"] or None)
            continue
        run.counts[_update(run, run.ws.deals.by_id(deal_id), fields, fields["account_id"])] += 1
        if fields["external"] and fields["external"] not in by_ref:
            run.port.link(SOURCE, "deal", fields["external"], deal_id)
    if new:
        run.port.create_deals(new, refs)
        run.counts["created"] += len(new)


def _new_row(run: ImportRun, fields: dict) -> dict:
    stage, (amount, currency) = fields["stage"], fields["money"]
    created = fields["created"] or run.now
    closed = None
    if stage.outcome != "open":
        closed = min(datetime.combine(fields["close"], time(0), timezone.utc), run.now) if fields["close"] else created
    return {"name": fields["name"], "owner_id": fields["owner_id"], "amount_minor": amount, "currency": currency,
            "stage": stage.name, "status": stage.outcome, "expected_close": fields["close"],
            "account_id": fields["account_id"], "partner_id": None, "close_pushes": 0,
            "lost_reason": (fields["lost_reason"] or None) if stage.outcome == "lost" else None,
            "last_activity_at": None, "created_at": created, "updated_at": created, "stage_entered_at": created,
            "closed_at": closed}
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
