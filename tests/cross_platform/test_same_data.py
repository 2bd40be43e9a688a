"""The same command sequence through Slack and through Teams, on one server and one database, gives the same data."""
from sqlmodel import Session, select

from storage.models import Activity, Deal, StageChange, Workspace
from tests.slack.signed import SECRET, SlackSender
from tests.teams.activities import personal_message

SEQUENCE = (
    'deal add "Acme renewal" 12k stage=proposal close=2030-03-31 account="Acme Corp"',
    'deal add "Globex" 40k partner=Ingram',
    "deal stage #2 qualified",
    'deal add "Initech" 7.5k stage=negotiation',
    "deal won #1",
    'deal lost #3 reason="budget cut"',
    'log call #2 "intro call, next step demo"',
    "deal update #2 amount=42k close=2030-06-30",
)


def platform_data(engine, platform: str) -> dict:
    """Deals, stage moves and activities of the platform's workspace, without ids or timestamps."""
    with Session(engine) as session:
        workspace = session.exec(select(Workspace).where(Workspace.platform == platform)).one()
        deals = session.exec(select(Deal).where(Deal.workspace_id == workspace.id).order_by(Deal.number)).all()
        moves = session.exec(select(StageChange).where(StageChange.workspace_id == workspace.id)
                             .order_by(StageChange.id)).all()
        activities = session.exec(select(Activity).where(Activity.workspace_id == workspace.id)).all()
        number = {d.id: d.number for d in deals}
        return {
            "deals": [(d.number, d.name, d.amount_minor, d.currency, d.stage, d.status, d.expected_close,
                       d.lost_reason, d.close_pushes, d.partner_id is not None) for d in deals],
            "moves": [(number[m.deal_id], m.from_stage, m.to_stage) for m in moves],
            "activities": [(a.kind, a.notes, number.get(a.deal_id)) for a in activities],
        }


async def test_slack_and_teams_give_the_same_data(serve, fake_slack, http):
    server = await serve({"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test",
                          "SLACK_API_URL": fake_slack.url, "SALESBOT_TEAMS_NO_AUTH": "1"})
    slack = SlackSender(http, server.url, fake_slack.url)
    for line in SEQUENCE:
        ack = await slack.command(line)
        assert "is not" not in str(ack), (line, ack)
        status, _ = await server.post(personal_message(line, server.connector.url))
        assert status == 200, line
    slack_data = platform_data(server.store.engine, "slack")
    teams_data = platform_data(server.store.engine, "teams")
    assert len(slack_data["deals"]) == 3 and len(slack_data["moves"]) == 6
    assert slack_data == teams_data
