"""Storage of the schedules area: schedules, feedback, the delivery ledger and the leader lease."""
