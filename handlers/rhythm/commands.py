"""The command table of the team-rhythm area, and the one-off messages its commands queue."""
from __future__ import annotations

from handlers.registry import CommandSpec
from handlers.rhythm import approvals, csat, csat_link, intel, kudos, scorecard, training

RHYTHM_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("kudos", kudos.give_kudos, 'kudos @person "<why>"', "Recognise a colleague in their team's channel",
                'kudos @ana "closed Keystone after a 9-month cycle"'),
    CommandSpec("kudos list", kudos.list_kudos, "kudos list [team|all|@person] [period]",
                "Kudos given, newest first", "kudos list team month"),
    CommandSpec("training add", training.add_training,
                'training add "<title>" [url=<link>] [due=<date>] [for=@person|team]',
                "Assign training to yourself, a person or your team",
                'training add "Negotiation basics" url=https://learn.example.com/neg due=+2w for=team'),
    CommandSpec("training done", training.mark_done, "training done <number>", "Mark your training done",
                "training done 3"),
    CommandSpec("training list", training.list_training, "training list [mine|team|@person]",
                "Training assigned, open first", "training list team"),
    CommandSpec("intel", intel.add_intel, 'intel "<note>" [competitor=<name>] [account=<name>]',
                "Note what you heard in the field", 'intel "Globex cut prices 20%" competitor=Globex'),
    CommandSpec("intel list", intel.list_intel, "intel list [team|all|@person] [competitor=<name>] [period]",
                "Market intel, grouped by competitor", "intel list competitor=Globex month"),
    CommandSpec("csat", csat.csat, 'csat <account> <1-5> ["comment"]  |  csat [team|<account>] [period] [chart]',
                "Log a customer's satisfaction score, or see the average and trend", 'csat "Acme Corp" 4 "happy"'),
    CommandSpec("csat link", csat_link.make_link, "csat link <account>",
                "A link the customer answers once, on any phone", 'csat link "Acme Corp"'),
    CommandSpec("scorecard", scorecard.show_scorecard, "scorecard @person [period] [chart]",
                "A 1:1 scorecard against the team median", "scorecard @ana month"),
    CommandSpec("approval ask", approvals.ask,
                'approval ask <#12> discount=<n>%|registration|"<what>" ["why"] [approver=@person]',
                "Ask your manager (or someone) to approve something on a deal",
                'approval ask #12 discount=15% "multi-year commitment"'),
    CommandSpec("approval approve", approvals.approve, "approval approve <number>", "Approve a request",
                "approval approve 4"),
    CommandSpec("approval reject", approvals.reject, 'approval reject <number> "<reason>"',
                "Reject a request, saying why", 'approval reject 4 "margin too thin"'),
    CommandSpec("approval list", approvals.list_approvals, "approval list [pending|mine|team]",
                "Approval requests", "approval list pending"),
)

RHYTHM_FORMS = {approvals.FORM_ID: ("approval reject", approvals.submit_reject_form)}

# What each kind of queued one-off message (the scheduler's outbox) says, by its kind.
RHYTHM_OUTBOX = {
    "approval": approvals.compose_request,
    "approval-done": approvals.compose_decision,
    "csat-low": csat.compose_low_alert,
    "training": training.compose_training_reminder,
}
