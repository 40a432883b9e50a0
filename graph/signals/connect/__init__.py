"""Connections to a rep's own calendar (CalDAV), mailbox (IMAP) and address book (CardDAV).

Each connection is read incrementally into the records of graph.signals.records and handed to
the signals pipeline (a `Sink`); its sync state advances only after the pipeline has taken the
batch that state covers, so a sync killed half-way resumes where it stopped and counts nothing
twice."""
