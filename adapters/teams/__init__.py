"""Microsoft Teams adapter: everything but the SDK is shared here; botbuilder_sdk/ and agents_sdk/ hold the rest."""
