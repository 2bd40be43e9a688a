"""Teams on botbuilder-python (SALESBOT_TEAMS_SDK=botbuilder): the only folder that imports botbuilder."""
