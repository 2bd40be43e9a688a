"""`export deals` on Slack: the file is uploaded (files_upload_v2) once, into the asker's DM."""
from __future__ import annotations

from tests.slack.signed import USER
from tests.slack.test_slack_charts_once import uploads_into
from tests.slack.test_slack_events import im

DM = f"D{USER}"


async def test_export_deals_uploads_the_csv_into_the_dm(bot, fake_slack):
    await bot.slack.command('deal add "Acme renewal" 12k')
    dm = im("export deals")
    dm["event"]["channel"] = DM
    await bot.slack.event(dm)
    await bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert "Exported 1 deal" in post.args["text"]
    assert uploads_into(fake_slack) == [DM]
    (asked,) = fake_slack.called("files.getUploadURLExternal")
    assert asked.args["filename"].endswith(".csv")
    (upload,) = fake_slack.called("upload")
    assert b"Acme renewal,,12000.00,USD,lead" in upload.args["content"]
