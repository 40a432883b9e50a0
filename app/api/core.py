"""Core API routes (tokens, health, me, users, organisations, people, relationships)."""

from . import bp  # noqa: F401

SPEC: dict = {}
