"""One sync of a workspace with Zoho CRM: pull (users, accounts, contacts, deals, deletions), then push the outbox.

Every page and every pushed row is its own committed unit of work, and cursors are saved with them, so a
sync killed halfway resumes where it stopped. A refusal (token, 429, credits) pauses the sync with backoff.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from adapters.zoho.client import ZohoClient, ZohoPaused
from adapters.zoho.pull import DealPull, apply_accounts, apply_contacts, apply_deleted, map_users
from adapters.zoho.push import prepare, record_result
from handlers.clock import utc_now
from storage.io.sync import SyncRepo
from storage.store import Store

SOURCE = "zoho"
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)
CREDITS_BACKOFF = timedelta(hours=6)  # the rolling 24-hour credit window has to move on
PULLED_WORDS = {"conflicts": "conflicts settled (owners told)", "unmapped": "deals skipped for an unknown stage"}


@dataclass
class SyncReport:
    pulled: dict[str, int] = field(default_factory=dict)
    pushed: int = 0
    paused: ZohoPaused | None = None
    paused_until: datetime | None = None
    tell_admins: bool = False  # the first failure of a pause: the admins hear of it once

    def text(self) -> str:
        if self.paused:
            return f"Zoho sync paused until {self.paused_until:%Y-%m-%d %H:%M} UTC: {self.paused.message}."
        pulled = ", ".join(f"{count} {what}" for what, count in self.pulled.items() if count) or "nothing new"
        return f"Zoho sync: pulled {pulled}; pushed {self.pushed} change{'s' if self.pushed != 1 else ''}."


class ZohoSync:
    """Syncs one workspace (platform, external id) through one client."""

    def __init__(self, store: Store, client: ZohoClient, workspace: tuple[str, str],
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.store, self.client, self.workspace, self.clock = store, client, workspace, clock

    async def _db(self, work):
        """`work(ws, repo)` as one committed unit of work, off the event loop."""
        def unit(ws):
            return work(ws, SyncRepo(ws.session, ws.workspace.id, SOURCE))
        return await asyncio.to_thread(self.store.run, *self.workspace, unit)

    async def run(self, full: bool = False) -> SyncReport:
        report, now = SyncReport(), self.clock()
        paused_until = await self._db(lambda ws, repo: repo.state().paused_until)
        if paused_until and paused_until > now and not full:
            report.paused, report.paused_until = ZohoPaused("waiting", "still paused after the last failure"), \
                paused_until
            return report
        try:
            # What a stopped sync had started sending goes first, so the pull recognises those deals as ours.
            report.pushed = await self._push(retried_only=True)
            await self._pull(report, full)
            report.pushed += await self._push()
        except ZohoPaused as paused:
            await self._pause(report, paused)
            return report
        await self._db(lambda ws, repo: _resumed(repo, self.clock()))
        return report

    async def _pull(self, report: SyncReport, full: bool) -> None:
        users = await self.client.users()
        report.pulled["new people"] = await self._db(lambda ws, repo: map_users(ws, repo, users))
        await self._module("Accounts", full, lambda ws, repo, records: apply_accounts(ws, repo, records))
        await self._module("Contacts", full, lambda ws, repo, records: apply_contacts(ws, repo, records,
                                                                                        self.clock()))
        totals: dict[str, int] = {}

        def deals(ws, repo, records):
            pull = DealPull(ws, repo, self.clock())
            pull.apply(records)
            for key, value in pull.report.items():
                totals[key] = totals.get(key, 0) + value
        await self._module("Deals", full, deals)
        report.pulled.update({PULLED_WORDS.get(k, f"deals {k}"): v for k, v in totals.items()})
        gone: list[int] = []
        await self._module("Deals/deleted", full, lambda ws, repo, records: gone.append(
            apply_deleted(ws, repo, records, self.clock())), stamp="deleted_time")
        report.pulled["deals deleted"] = sum(gone)

    async def _module(self, module: str, full: bool, apply, stamp: str = "Modified_Time") -> None:
        """Every page modified since the module's cursor; the cursor moves with each committed page."""
        cursor = await self._db(lambda ws, repo: repo.cursor(module))
        since = None if full else (datetime.fromisoformat(cursor["since"]) if cursor.get("since") else None)
        if since is not None and cursor.get("page", 1) == 1:
            # If-Modified-Since means "after": a record changed in the cursor's own second would be missed.
            # One second of overlap re-reads a few records, which are skipped as already taken.
            since -= timedelta(seconds=1)
        page, high = max(cursor.get("page", 1) - 1, 1), cursor.get("high")  # resume one page early: overlap
        while True:
            fetch = self.client.deleted if module.endswith("/deleted") else self.client.page
            result = await fetch(module.split("/")[0], page, since)
            if result.records:
                high = max([high or ""] + [r[stamp] for r in result.records])
            state = {"since": since.isoformat() if since else None, "page": page + 1, "high": high}
            await self._db(lambda ws, repo: (apply(ws, repo, result.records), repo.set_cursor(module, state)))
            if not result.more:
                break
            page += 1
        done = {"since": high or (since.isoformat() if since else None), "page": 1, "high": high}
        await self._db(lambda ws, repo: repo.set_cursor(module, done))

    async def _push(self, retried_only: bool = False) -> int:
        if not retried_only:
            await self._db(lambda ws, repo: repo.enqueue_changes(self.clock()))
        pushed = 0
        while rows := await self._db(lambda ws, repo: [row.id for row in repo.pending(retried_only=retried_only)]):
            for row_id in rows:
                item = await self._db(lambda ws, repo: prepare(ws, repo, row_id))
                if item is None:
                    continue
                result = await self._send(item)
                await self._db(lambda ws, repo: record_result(ws, repo, item, result, self.clock()))
                pushed += result is not None and result.get("status") == "success"
        return pushed

    async def _send(self, item) -> dict | None:
        if item.record is None:
            return None
        if item.retried and item.method == "POST" and item.search:
            # The last attempt may have reached Zoho before we could record it (or, for an account, Zoho had
            # it already): never insert a record twice.
            for found in await self.client.search(item.module, *item.search):
                return {"status": "success", "details": {"id": found["id"], "Modified_Time": found["Modified_Time"]}}
        results = await self.client.write(item.method, item.module, [item.record])
        return results[0] if results else None

    async def _pause(self, report: SyncReport, paused: ZohoPaused) -> None:
        def unit(ws, repo):
            state = repo.state()
            state.failures += 1
            wait = CREDITS_BACKOFF if paused.kind == "credits" else min(
                MAX_BACKOFF, FIRST_BACKOFF * 2 ** (state.failures - 1))
            if paused.retry_after:
                wait = max(wait, timedelta(seconds=paused.retry_after))
            state.paused_until, state.last_error = self.clock() + wait, paused.message[:300]
            tell, state.admins_told = not state.admins_told, True
            return state.paused_until, tell
        report.paused = paused
        report.paused_until, report.tell_admins = await self._db(unit)


def _resumed(repo: SyncRepo, now: datetime) -> None:
    state = repo.state()
    state.failures, state.paused_until, state.admins_told, state.last_error = 0, None, False, ""
    state.last_sync_at = now
