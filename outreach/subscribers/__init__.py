"""Readers who get the news they chose by e-mail (issue 24): sign-up with double opt-in,
their own page from a signed link, one-click unsubscribe, alerts and digests."""
