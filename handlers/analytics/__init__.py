"""Analytics commands: funnel, KPI and targets, leaderboard, risks, partners, and their charts."""
