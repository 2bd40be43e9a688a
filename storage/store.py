"""The storage facade: opens one transaction bound to one workspace, with every repository on it."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlmodel import Session

from storage.activities import ActivityRepo
from storage.analytics import AnalyticsRepo
from storage.audit import AuditRepo
from storage.cache import CacheView, StaleCache, WorkspaceCache
from storage.catalog import AccountRepo, PartnerRepo
from storage.contacts import ContactRepo
from storage.conversations import ConversationRepo
from storage.deal_versions import track_deal_versions
from storage.deals import DealRepo
from storage.idempotency import claim_in, claim_key
from storage.forecast_repo import ForecastRepo
from storage.io.exports import ExportRepo
from storage.models import Workspace
from storage.people import PeopleRepo
from storage.rhythm import RhythmStore
from storage.rhythm.csat import link_by_token
from storage.sales_teams import SalesTeamRepo
from storage.schedules.feedback import FeedbackRepo
from storage.schedules.repo import ScheduleRepo
from storage.schedules.stats import ScheduleStats
from storage.search import SearchIndex, keep_in_step
from storage.stages import StageRepo
from storage.fx import FxRepo
from storage.tasks import TaskRepo
from storage.transactions import run_unit, session_scope
from storage.workspaces import ensure_workspace

T = TypeVar("T")


class _Repo:
    """A repository of the unit built on its first use: most commands touch two or three of them.

    functools.cached_property does the same, but on Python 3.11 it takes one lock shared by every instance
    on each first use, which the worker threads would queue on."""

    def __init__(self, build: Callable[["WorkspaceStore"], object]) -> None:
        self.build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, ws: "WorkspaceStore | None", owner: type | None = None):
        if ws is None:
            return self
        repo = ws.__dict__[self.name] = self.build(ws)  # the instance's own attribute from now on
        return repo


class WorkspaceStore:
    """Every repository of one workspace, sharing one session (one transaction)."""

    people = _Repo(lambda ws: PeopleRepo(ws.session, ws.workspace_id))
    teams = _Repo(lambda ws: SalesTeamRepo(ws.session, ws.workspace_id))
    deals = _Repo(lambda ws: DealRepo(ws.session, ws.workspace_id))
    activities = _Repo(lambda ws: ActivityRepo(ws.session, ws.workspace_id))
    accounts = _Repo(lambda ws: AccountRepo(ws.session, ws.workspace_id))
    partners = _Repo(lambda ws: PartnerRepo(ws.session, ws.workspace_id))
    stages = _Repo(lambda ws: StageRepo(ws.session, ws.workspace_id))
    audit = _Repo(lambda ws: AuditRepo(ws.session, ws.workspace_id))
    conversations = _Repo(lambda ws: ConversationRepo(ws.session, ws.workspace_id))
    analytics = _Repo(lambda ws: AnalyticsRepo(ws.session, ws.workspace))
    schedules = _Repo(lambda ws: ScheduleRepo(ws.session, ws.workspace_id))
    feedback = _Repo(lambda ws: FeedbackRepo(ws.session, ws.workspace_id))
    schedule_stats = _Repo(lambda ws: ScheduleStats(ws.session, ws.workspace_id))
    tasks = _Repo(lambda ws: TaskRepo(ws.session, ws.workspace_id))
    fx = _Repo(lambda ws: FxRepo(ws.session, ws.workspace_id))
    forecast = _Repo(lambda ws: ForecastRepo(ws.session, ws.workspace))
    exports = _Repo(lambda ws: ExportRepo(ws.session, ws.workspace_id))
    rhythm = _Repo(lambda ws: RhythmStore(ws.session, ws.workspace_id))
    contacts = _Repo(lambda ws: ContactRepo(ws.session, ws.workspace_id))

    def __init__(self, session: Session, workspace: Workspace) -> None:
        self.session = session
        self.workspace = workspace
        self.workspace_id = workspace.id
        track_deal_versions(session)
        keep_in_step(session, workspace.id)

    @property
    def search(self) -> SearchIndex:
        """Full-text search on this unit of work's connection (pending writes flushed first)."""
        self.session.flush()
        return SearchIndex(self.session.connection(), self.workspace.id)

    def claim(self, key: str) -> bool:
        return claim_in(self.session, key)


class Store:
    """Hands out workspace-bound units of work over one engine."""

    def __init__(self, engine: Engine, default_timezone: str = "UTC", default_currency: str = "USD") -> None:
        self.engine = engine
        self.defaults = {"timezone": default_timezone, "currency": default_currency}
        self.cache = WorkspaceCache()
        self.runs_on_loop = engine.dialect.name == "sqlite"  # see StorePort.runs_on_loop

    def run(self, platform: str, external_id: str, work: Callable[[WorkspaceStore], T], name: str = "",
            read_only: bool = False, wait: bool = True) -> T:
        """`work` as one unit of work on the workspace (created on first sight), re-run whole on a
        transient database failure; its effects outside the database belong after it returns.
        `read_only` work takes no write lock (if it writes after all, it runs again as a writer);
        with `wait` False it runs once or raises WouldWait, never waiting for a lock (see run_unit)."""
        def unit(session: Session) -> T:
            view = CacheView(self.cache, session, (platform, external_id))
            workspace = view.workspace(
                lambda: ensure_workspace(session, platform, external_id, name, **self.defaults))
            return _checked(view, lambda: work(WorkspaceStore(session, workspace)))
        return run_unit(self.engine, unit, read_only=read_only, wait=wait)

    def run_by_id(self, workspace_id: int, work: Callable[[WorkspaceStore], T], read_only: bool = False) -> T:
        """`run` on an existing workspace, for scheduled jobs that know only its id."""
        return run_unit(self.engine, lambda session: work(self._by_id(session, workspace_id)), read_only=read_only)

    @contextmanager
    def workspace(self, platform: str, external_id: str, name: str = "") -> Iterator[WorkspaceStore]:
        """One transaction on the workspace, never re-run (a `with` block cannot be): for reads and set-up."""
        with session_scope(self.engine) as session:
            CacheView(self.cache, session, None)  # uncached; its changes still drop this process's entries
            workspace = ensure_workspace(session, platform, external_id, name, **self.defaults)
            yield WorkspaceStore(session, workspace)

    @contextmanager
    def workspace_by_id(self, workspace_id: int) -> Iterator[WorkspaceStore]:
        """`workspace` on an existing workspace by id."""
        with session_scope(self.engine) as session:
            yield self._by_id(session, workspace_id)

    def _by_id(self, session: Session, workspace_id: int) -> WorkspaceStore:
        CacheView(self.cache, session, None)
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise LookupError(f"no workspace {workspace_id}")
        return WorkspaceStore(session, workspace)

    def run_csat_link(self, token: str, work: Callable[[WorkspaceStore | None, object | None], T]) -> T:
        """`work(ws, link)` on the workspace a customer's CSAT link belongs to; (None, None) for an unknown token."""
        def unit(session: Session) -> T:
            link = link_by_token(session, token)
            return work(self._by_id(session, link.workspace_id), link) if link else work(None, None)
        return run_unit(self.engine, unit)

    def claim_once(self, key: str) -> bool:
        """True the first time `key` is seen: platform retries and double clicks act once."""
        return claim_key(self.engine, key)


def _checked(view: CacheView, body: Callable[[], T]) -> T:
    """`body()`, then the cache version check; a refusal made on stale cached rows is made again too."""
    try:
        result = body()
    except DBAPIError:
        raise
    except Exception:
        try:
            view.check()
        except StaleCache:
            raise
        except SQLAlchemyError:
            pass  # the session cannot answer any more: the refusal stands as it is
        raise
    view.check()
    return result
