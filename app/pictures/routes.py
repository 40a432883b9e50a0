"""Routes of this blueprint (filled in by its owner)."""
from . import bp  # noqa: F401
