"""`salesbot serve` as an operator runs it: /metrics moves with signed Slack commands, logs are JSON lines."""
from __future__ import annotations

import json

from tests.ops.support import database_url, free_port, head_revision, salesbot, sample, scrape, wait_for_health
from tests.slack.signed import SECRET, SlackSender

COMMANDS = ['deal add "Acme renewal" 12k', 'deal add "Beta" 5k', "pipeline", 'deal add "Gamma" 12kk',
            "frobnicate secret-words"]


async def test_metrics_count_slack_commands_by_resolved_name_and_logs_are_json(engine, fake_slack, http):
    port = free_port()
    process = salesbot(["serve", "--host", "127.0.0.1", "--port", str(port)], {
        "DATABASE_URL": database_url(engine), "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake_slack.url, "LOG_FORMAT": "json"})
    url = f"http://127.0.0.1:{port}"
    try:
        health = await wait_for_health(http, url, process, scheduler="leader")
        before = await scrape(http, url)
        sender = SlackSender(http, url, fake_slack.url)
        for command in COMMANDS:
            await sender.command(command)
        after = await scrape(http, url)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)

    assert health["schema"] == head_revision(engine) and health["database"] == "ok"
    moved = {key: value - before.get(key, 0.0) for key, value in after.items() if value != before.get(key, 0.0)}
    commands = {(dict(labels)["platform"], dict(labels)["command"], dict(labels)["outcome"]): value
                for (name, labels), value in moved.items() if name == "salesbot_commands_total"}
    assert commands == {("slack", "deal add", "ok"): 2, ("slack", "deal add", "refused"): 1,
                        ("slack", "pipeline", "ok"): 1, ("slack", "unknown", "refused"): 1}
    assert sample(moved, "salesbot_command_duration_seconds_count", platform="slack", command="deal add") == 3
    assert sample(moved, "salesbot_http_responses_total", route="/slack/events", status="200") == len(COMMANDS)
    assert sample(after, "salesbot_command_errors_total", platform="slack", command="deal add") == 0
    leaders = [dict(labels) for (name, labels), value in after.items()
               if name == "salesbot_scheduler_leader" and value == 1]
    assert len(leaders) == 1 and leaders[0]["holder"]
    # Free text never becomes a label: label cardinality stays bounded whatever people type.
    assert not any("frobnicate" in value or "secret" in value or "Acme" in value
                   for _, labels in after for _, value in labels)

    lines = [line for line in stderr.splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line parses on its own
    assert all({"time", "level", "logger", "message"} <= set(entry) for entry in entries)
    assert any(entry["logger"] == "bot.scheduler.service" and "leads" in entry["message"] for entry in entries)
    assert any(entry["logger"] == "aiohttp.access" and "/slack/events" in entry["message"] for entry in entries)


async def test_clock_with_a_port_serves_health_and_metrics_and_leads(engine, http):
    port = free_port()
    process = salesbot(["clock", "--host", "127.0.0.1", "--port", str(port)], {"DATABASE_URL": database_url(engine)})
    url = f"http://127.0.0.1:{port}"
    try:
        health = await wait_for_health(http, url, process, scheduler="leader")
        samples = await scrape(http, url)
        async with http.post(url + "/slack/events", data=b"{}") as response:
            platform_status = response.status  # the clock serves no platform endpoints
    finally:
        process.terminate()
        process.communicate(timeout=20)
    assert health["schema"] == head_revision(engine) and platform_status == 404
    assert [value for (name, _), value in samples.items() if name == "salesbot_scheduler_leader"] == [1]
