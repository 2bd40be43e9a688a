"""Every sentence the team-rhythm commands say, in one place."""
from __future__ import annotations

KUDOS_SELF = "you can't give kudos to yourself — recognise someone else's good work"
KUDOS_WHY_MISSING = "the reason is missing — say what they did, in quotes"
KUDOS_CARD_TITLE = "🙌 Kudos for {receiver}"
KUDOS_CARD_TEXT = "{giver}: “{why}”"
KUDOS_GIVEN = "Kudos to {receiver} recorded{posted}."
KUDOS_POSTED = " and posted in {count} team {channels}"
KUDOS_LIST_TEXT = "Kudos for {scope}, {period}: {count}."
KUDOS_LIST_EMPTY = "No kudos for {scope} in {period} yet — give one with `kudos @person \"why\"`."
KUDOS_HEADERS = ("When", "For", "From", "Why")

TRAINING_TITLE_MISSING = "the title is missing — put it in quotes"
TRAINING_BAD_URL = "'{url}' is not a link — it has to start with http:// or https://"
TRAINING_BAD_FOR = "'{word}' is not someone to assign to — try for=@person or for=team"
TRAINING_ADDED = "Training {id} “{title}” assigned to {who}{due}."
TRAINING_DUE = ", due {due}"
TRAINING_NO_SUCH = "there is no training {id} — `training list` shows yours"
TRAINING_NOT_YOURS = "training {id} is not assigned to you"
TRAINING_ALREADY = "training {id} “{title}” was already done on {day}"
TRAINING_DONE = "Training {id} “{title}” done. Well done!"
TRAINING_LIST_TEXT = "Training for {scope}: {open} open, {done} done."
TRAINING_LIST_EMPTY = "No training for {scope} — a manager adds some with `training add \"title\" for=team`."
TRAINING_HEADERS = ("#", "Training", "Who", "Due", "Status")
TRAINING_STATUS_OPEN = "open"
TRAINING_STATUS_OVERDUE = "overdue"
TRAINING_STATUS_DONE = "done {day}"
TRAINING_REMINDER = "Reminder: training “{title}” is due {due}."
TRAINING_DONE_BUTTON = "Mark done"
TRAINING_OPEN_BUTTON = "Open"

INTEL_NOTE_MISSING = "the note is missing — say what you heard, in quotes"
INTEL_ADDED = "Intel noted{about}. Thanks — it goes into the weekly review."
INTEL_ABOUT = " about {what}"
INTEL_LIST_TEXT = "Market intel for {scope}, {period}: {count} {notes}."
INTEL_LIST_EMPTY = "No intel for {scope} in {period} — note some with `intel \"what you heard\" competitor=Name`."
INTEL_HEADERS = ("Competitor", "When", "Who", "Account", "Note")
INTEL_NO_COMPETITOR = "(general)"

CSAT_BAD_SCORE = "'{token}' is not a score — give a whole number from 1 to 5"
CSAT_NO_ACCOUNT = "there is no account '{name}' — accounts come from deals (`deal add ... account=\"{name}\"`)"
CSAT_RECORDED = "CSAT {score}/5 for {account} recorded."
CSAT_ALERTED = " A score this low alerts {manager}."
CSAT_TEXT = "Customer satisfaction for {scope}, {period}: average {average} from {count} {scores}."
CSAT_EMPTY = "No CSAT scores for {scope} in {period} — log one with `csat <account> <1-5> \"comment\"`."
CSAT_DISTRIBUTION = "Scores"
CSAT_TREND_HEADERS = ("Month", "Scores", "Average")
CSAT_ALERT_TITLE = "Low customer satisfaction: {account}"
CSAT_ALERT_TEXT = "{account} scored {score}/5 (logged by {who}){comment}."
CSAT_CUSTOMER = "the customer"
CSAT_LINK_TEXT = ("Send this link to {account}: {url}\nIt asks one question, works on a phone, can be answered "
                  "once and expires on {expires}.")
CSAT_NO_PUBLIC_URL = "customer links need SALESBOT_PUBLIC_URL (the bot's public https address) — ask an admin"
CSAT_CHART_TITLE = "CSAT trend — {scope}"
CSAT_CHART_NONE = "No chart: there are no CSAT scores for {scope} in {period}."

PAGE_TITLE = "How did we do?"
PAGE_QUESTION = "How satisfied are you with {workspace}'s service to {account}?"
PAGE_COMMENT = "Anything you would like to add? (optional)"
PAGE_SEND = "Send"
PAGE_THANKS = "Thank you — your answer has been recorded."
PAGE_USED = "This link has already been answered. Thank you!"
PAGE_EXPIRED = "This link has expired. Please ask your contact for a new one."
PAGE_UNKNOWN = "This link is not valid."
PAGE_PICK = "Please pick a score from 1 to 5."
PAGE_LABELS = ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied")

APPROVAL_WHAT_MISSING = "what to approve is missing — discount=15%, registration or \"what\" in quotes"
APPROVAL_NO_APPROVER = "you have no manager to ask — name one with approver=@person"
APPROVAL_SELF = "you can't approve your own request — name someone else with approver=@person"
APPROVAL_ASKED = "Approval {id} asked: {what} on #{number} {deal}. {approver} will decide."
APPROVAL_CARD_TITLE = "Approval {id}: {what}"
APPROVAL_CARD_TEXT = "{requester} asks for {what} on #{number} {deal} ({amount}){why}."
APPROVAL_APPROVE = "Approve"
APPROVAL_REJECT = "Reject"
APPROVAL_NO_SUCH = "there is no approval {id} — `approval list` shows yours"
APPROVAL_NOT_APPROVER = "only {approver} or an admin can decide approval {id}"
APPROVAL_DECIDED_ALREADY = "approval {id} was already {status} by {who} on {when}"
APPROVAL_DECIDED = "Approval {id} {status}: {what} on #{number} {deal}."
APPROVAL_TOLD = "Your request {id} ({what} on #{number} {deal}) was {status} by {who}{reason}."
APPROVAL_REASON = "Why not? (the requester sees this)"
APPROVAL_REASON_MISSING = "the reason is missing — say why, in quotes"
APPROVAL_LIST_TEXT = "{count} {approvals} ({which})."
APPROVAL_LIST_EMPTY = "No approvals ({which})."
APPROVAL_HEADERS = ("#", "Deal", "What", "Asked by", "Approver", "Status")
APPROVAL_KINDS = {"discount": "a {percent}% discount", "registration": "a partner registration"}

SCORECARD_TITLE = "Scorecard — {person}, {period}"
SCORECARD_TEXT = "{person} against the team median ({team}, {members} people)."
SCORECARD_HEADERS = ("Item", "Value", "Team median", "")
SCORECARD_ABOVE = "above median"
SCORECARD_BELOW = "below median"
SCORECARD_BETTER = " — better"
SCORECARD_WORSE = " — worse"
SCORECARD_AT = "at median"
SCORECARD_NO_TEAM = "{person} is not in a team — a scorecard compares against the team"
SCORECARD_NOT_ALLOWED = "only {person}, their manager or an admin can see their scorecard"
SCORECARD_ACCURACY = "Forecast accuracy ({period})"
SCORECARD_CHART = "{person} vs team median — {period}"

DIGEST_LABELS = {"kudos": "Kudos this week", "training_open": "Training to do", "training_overdue": "Overdue training",
                 "approvals": "Waiting on you", "intel": "Intel", "lost": "Lost because",
                 "csat": "CSAT this week"}
DIGEST_APPROVALS = "{count} {approvals} older than a day ({ids}) — `approval list`"
DIGEST_CSAT = "average {average} from {count} {scores}{low}"
DIGEST_CSAT_LOW = ", {count} low"
