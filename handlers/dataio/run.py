"""One import in flight: the workspace, the file's readers, whom owners name, and what happened so far."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from handlers.dataio.cells import CellError, DateReader
from handlers.dataio.options import ImportOptions
from handlers.dataio.ports import ImportPort
from handlers.dataio.stagemap import StageMapper
from handlers.ports import WorkspacePort
from handlers.dataio.people import people_index

MAX_TEXT = 200
MAX_CACHED = 10_000  # account ids remembered during an import; memory stays flat however long the file


def name_key(name: str) -> str:
    """The case- and space-insensitive key storage matches names on."""
    return " ".join(name.split()).casefold()


@dataclass
class ImportRun:
    """State shared by the rows of one import; `errors` are (line, reason) and nothing is kept per good row."""

    ws: WorkspacePort
    port: ImportPort
    options: ImportOptions
    now: datetime
    dates: DateReader
    stages: StageMapper
    people: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    new_people: dict[str, int] = field(default_factory=dict)
    stage_rows: dict = field(default_factory=dict)  # stage name -> Stage
    batch: list[dict] = field(default_factory=list)  # parsed rows waiting to be written together
    batch_keys: set = field(default_factory=set)
    accounts: dict[str, int] = field(default_factory=dict)  # name key -> id, bounded by MAX_CACHED

    @classmethod
    def start(cls, ws: WorkspacePort, port: ImportPort, options: ImportOptions, now: datetime,
              dates: DateReader) -> "ImportRun":
        rows = ws.stages.all()
        stages = StageMapper([s.name for s in rows], options.stage_map)
        return cls(ws, port, options, now, dates, stages, people_index(port.people_keys()),
                   stage_rows={s.name: s for s in rows})

    def account_id(self, name: str) -> int | None:
        """The account called `name` (created on first use), remembered for the next rows."""
        if not name:
            return None
        key = name_key(name)
        if key not in self.accounts:
            if len(self.accounts) >= MAX_CACHED:
                self.accounts.clear()
            self.accounts[key] = self.ws.accounts.ensure(name).id
        return self.accounts[key]

    def owner(self, text: str, name: str = "") -> int:
        """The person an owner cell names (email, then handle, then display name); created if asked, under
        `name` when the file gives one (our export's owner_name)."""
        key = text.strip().casefold().lstrip("@")
        if not key:
            raise CellError("missing owner")
        found = self.people.get(key)
        if found is not None:
            return found
        if not self.options.create_people:
            raise CellError(f"unknown owner '{text.strip()}' (add them first, or pass --create-people)")
        email = key if "@" in key else None
        display = name.strip() or (email.split("@")[0] if email else text.strip())
        person_id = self.port.add_person(display, email)
        self.people[key] = person_id
        self.new_people[text.strip()] = person_id
        return person_id

    def text(self, values: dict[str, str], name: str, required: bool = False, limit: int = MAX_TEXT) -> str:
        value = " ".join(values.get(name, "").split())
        if required and not value:
            raise CellError(f"missing {name.replace('_', ' ')}")
        if len(value) > limit:
            raise CellError(f"{name.replace('_', ' ')} longer than {limit} characters")
        return value
