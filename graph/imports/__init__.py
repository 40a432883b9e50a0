"""Importing contacts: parsers for CSV, LinkedIn and vCard files, the plan (a dry run that says
what each row will do and why), and the committer that writes a plan all or nothing.

Nothing here reads or writes the store except commit.py; graph/services/imports.py gathers
what the plan needs from the graph."""

from .formats import FORMATS, Parsed, guess, parse  # noqa: F401
