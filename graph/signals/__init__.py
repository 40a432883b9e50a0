"""Relationship signals: what a rep's own calendar, mailbox and address book say about whom
they really know. Signals belong to their user alone; only what the user accepts enters the
shared graph, at the relationship's own level."""
