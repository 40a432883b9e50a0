"""Marks the known, not-yet-fixed defects of tests/security/known_defects.py as strict xfails."""

import pytest

from .known_defects import VALIDATES_BEFORE_AUTHORIZING


def pytest_collection_modifyitems(items):
    for item in items:
        if item.name in VALIDATES_BEFORE_AUTHORIZING:
            item.add_marker(pytest.mark.xfail(
                strict=True, reason="known defect: input validated before authorization"))
