"""Tests of the schedules area: digests, meetings, feedback, nudges, the scheduler and its ledger."""
