"""One command sequence through Teams' real endpoint and through the console gives the same data."""
from sqlmodel import Session, select

from adapters.console.session import ConsoleSession
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.context import Origin, Request, Sender
from handlers.processor import CommandProcessor
from storage.models import Activity, Deal, Workspace
from tests.teams.activities import TENANT, USER_AAD, personal_message

SEQUENCE = (
    'deal add "Acme renewal" 12k stage=proposal close=2030-03-31 account="Acme Corp"',
    'deal add "Globex" 40k',
    "deal stage #2 qualified",
    'deal add "Initech" 7.5k stage=negotiation',
    "deal won #1",
    'deal lost #3 reason="budget cut"',
    'log call #2 "intro call, next step demo"',
    "deal update #2 amount=42k",
)


def deal_rows(engine, platform: str) -> list[tuple]:
    with Session(engine) as session:
        query = select(Deal).join(Workspace, Workspace.id == Deal.workspace_id).where(Workspace.platform == platform)
        return [(d.number, d.name, d.amount_minor, d.currency, d.stage, d.status, d.expected_close, d.lost_reason)
                for d in session.exec(query.order_by(Deal.number))]


def activity_rows(engine, platform: str) -> list[tuple]:
    with Session(engine) as session:
        query = select(Activity).join(Workspace, Workspace.id == Activity.workspace_id).where(
            Workspace.platform == platform)
        return [(a.kind, a.notes) for a in session.exec(query)]


async def test_teams_and_console_produce_the_same_deals(teams):
    for line in SEQUENCE:
        status, _ = await teams.post(personal_message(line, teams.connector.url))
        assert status == 200
    processor = CommandProcessor(teams.store, build_registry(), FORM_HANDLERS)
    console = ConsoleSession(processor, "jacob", "console-sales")
    for line in SEQUENCE:
        assert not console.ask(line).is_error, line
    assert deal_rows(teams.store.engine, "teams") == deal_rows(teams.store.engine, "console")
    assert len(deal_rows(teams.store.engine, "teams")) == 3
    assert activity_rows(teams.store.engine, "teams") == activity_rows(teams.store.engine, "console")
    teams_pipeline = processor.handle(Request("pipeline all", Sender(USER_AAD, "Jacob"), Origin("teams", TENANT)))
    console_pipeline = console.ask("pipeline all")
    assert teams_pipeline.table is not None and teams_pipeline.table.rows
    assert teams_pipeline.table.rows == console_pipeline.table.rows
