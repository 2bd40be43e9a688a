"""The privacy upgrade keeps every answer, drops the keyed hashes, the key and old click keys naming answers."""
from sqlalchemy import inspect, text

from storage.database import make_engine
from storage.migrate import upgrade

BEFORE = "0008_tasks"  # the revision the privacy upgrade follows
ROWS = (
    "INSERT INTO workspace (id, platform, external_id, name, timezone, currency, risk_idle_days, next_deal_number,"
    " created_at) VALUES (1, 'console', 'w', 'W', 'UTC', 'USD', 14, 1, '2026-11-02 09:00:00.000000')",
    "INSERT INTO person (id, workspace_id, platform_user_id, display_name, handle, role, created_at)"
    " VALUES (7, 1, 'u7', 'Ann', 'ann', 'rep', '2026-11-02 09:00:00.000000')",
    "INSERT INTO schedule (id, workspace_id, kind, title, rule, at_time, target, anonymous, active, created_at)"
    " VALUES (1, 1, 'feedback', 'Q?', 'once', '09:00', 'here', 1, 1, '2026-11-02 09:00:00.000000')",
    "INSERT INTO feedback_round (id, workspace_id, schedule_id, occurrence, opened_at, closes_at)"
    " VALUES (1, 1, 1, '2026-11-02', '2026-11-02 09:00:00.000000', '2026-11-03 09:00:00.000000')",
    "INSERT INTO feedback_answer (id, workspace_id, round_id, person_id, voter_hash, value, comment)"
    " VALUES (1, 1, 1, NULL, 'ab12', '4', 'thin pipeline')",
    "INSERT INTO feedback_answer (id, workspace_id, round_id, person_id, voter_hash, value, comment, answered_at)"
    " VALUES (2, 1, 1, 7, NULL, '2', '', '2026-11-02 10:00:00.000000')",
    "INSERT INTO voter_key (workspace_id, key_hex) VALUES (1, 'ff00')",
    "INSERT INTO processed_key (key, at) VALUES"
    " ('slack:click:T1:U7:feedback answer 1 \"4\" 17', '2026-11-02 10:00:00.000000'),"
    " ('slack:delivery:abc', '2026-11-02 10:00:00.000000')",
)


def test_upgrade_keeps_answers_and_forgets_what_linked_them(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, BEFORE)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert "voter_key" not in tables and "feedback_voter" in tables
    assert "voter_hash" not in {c["name"] for c in inspect(engine).get_columns("feedback_answer")}
    with engine.connect() as connection:
        answers = sorted(connection.execute(text(
            "SELECT value, comment, person_id, answered_at IS NULL FROM feedback_answer")).all())
        voters = connection.execute(text("SELECT round_id, person_id FROM feedback_voter")).all()
        keys = [row[0] for row in connection.execute(text("SELECT key FROM processed_key"))]
        visibility = connection.execute(text("SELECT visibility FROM workspace")).scalar()
    assert answers == [("2", "", 7, 0), ("4", "thin pipeline", None, 1)]
    assert voters == [(1, 7)]  # the named answer's voter; the anonymous one's cannot be known, and is not
    assert keys == ["slack:delivery:abc"]
    assert visibility == "team"
    engine.dispose()
