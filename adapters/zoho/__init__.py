"""Zoho CRM: the REST client (refresh-token grant, Zoho-oauthtoken header) and the two-way sync over it."""
