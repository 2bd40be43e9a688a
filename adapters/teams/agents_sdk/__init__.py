"""Teams on the Microsoft 365 Agents SDK (SALESBOT_TEAMS_SDK=agents): the only folder that imports microsoft_agents."""
