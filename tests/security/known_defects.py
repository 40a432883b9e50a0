"""Known defects the matrix found and that are not fixed yet, as exact test ids.

Each is marked xfail(strict=True) by conftest.py: the case must still fail, so fixing a defect
turns it into an XPASS failure until its line is deleted here. All of these are one defect:
API bodies and forms are validated before authorization and existence are checked, so a
role that may not act (403) or an unknown id (404) gets 400 (or, for the nomination forms, a
redirect with an error message) when the input is also bad.
The fix: resolve the object and check the role before validating input."""

VALIDATES_BEFORE_AUTHORIZING = frozenset({
})
