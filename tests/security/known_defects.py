"""Known defects the matrix found and that are not fixed yet, as exact test ids.

Each is marked xfail(strict=True) by conftest.py: the case must still fail, so fixing a defect
turns it into an XPASS failure until its line is deleted here. All of these are one defect:
API bodies and forms are validated before authorization and existence are checked, so a
role that may not act (403) or an unknown id (404) gets 400 (or, for the nomination forms, a
redirect with an error message) when the input is also bad.
The fix: resolve the object and check the role before validating input (issue 8)."""

VALIDATES_BEFORE_AUTHORIZING = frozenset({
    'test_write_authorization[/api/events-POST-owner-None]',
    'test_write_authorization[/api/events-POST-rep-None]',
    'test_write_authorization[/api/events-POST-other_rep-None]',
    'test_write_authorization[/api/nominations/<id>/consent-POST-rep-None]',
    'test_write_authorization[/api/nominations/<id>/consent-POST-other_rep-None]',
    'test_write_authorization[/api/nominations/<id>/consent-POST-manager-None]',
    'test_write_authorization[/api/nominations/<id>/consent-POST-other_manager-None]',
    'test_write_authorization[/api/nominations/<id>/consent-POST-admin-None]',
    'test_write_authorization[/api/nominations/<id>/decision-POST-owner-None]',
    'test_write_authorization[/api/nominations/<id>/decision-POST-rep-None]',
    'test_write_authorization[/api/nominations/<id>/decision-POST-other_rep-None]',
    'test_write_authorization[/api/nominations/<id>/decision-POST-other_manager-None]',
    'test_write_authorization[/api/policy/rules-POST-owner-None]',
    'test_write_authorization[/api/policy/rules-POST-rep-None]',
    'test_write_authorization[/api/policy/rules-POST-other_rep-None]',
    'test_write_authorization[/api/policy/rules-POST-manager-None]',
    'test_write_authorization[/api/policy/rules-POST-other_manager-None]',
    'test_write_authorization[/api/policy/rules/<id>/move-POST-owner-None]',
    'test_write_authorization[/api/policy/rules/<id>/move-POST-rep-None]',
    'test_write_authorization[/api/policy/rules/<id>/move-POST-other_rep-None]',
    'test_write_authorization[/api/policy/rules/<id>/move-POST-manager-None]',
    'test_write_authorization[/api/policy/rules/<id>/move-POST-other_manager-None]',
    'test_write_authorization[/api/users-POST-owner-None]',
    'test_write_authorization[/api/users-POST-rep-None]',
    'test_write_authorization[/api/users-POST-other_rep-None]',
    'test_write_authorization[/api/users-POST-manager-None]',
    'test_write_authorization[/api/users-POST-other_manager-None]',
    'test_write_authorization[/events/new-POST-owner-None]',
    'test_write_authorization[/events/new-POST-rep-None]',
    'test_write_authorization[/events/new-POST-other_rep-None]',
    'test_write_authorization[/nominations/<nomination_id>/consent-POST-rep-None]',
    'test_write_authorization[/nominations/<nomination_id>/consent-POST-manager-None]',
    'test_write_authorization[/nominations/<nomination_id>/consent-POST-admin-None]',
    'test_write_authorization[/nominations/<nomination_id>/decision-POST-owner-None]',
    'test_write_authorization[/nominations/<nomination_id>/decision-POST-rep-None]',
    'test_unknown_id_is_404[/api/accounts/<org_id>/plan/members/<person_id>-PUT-person_id]',
    'test_unknown_id_is_404[/api/events/<id>/nominations-POST-id]',
    'test_unknown_id_is_404[/api/nominations/<id>/consent-POST-id]',
    'test_unknown_id_is_404[/api/nominations/<id>/decision-POST-id]',
    'test_unknown_id_is_404[/api/people/<id>/education-POST-id]',
    'test_unknown_id_is_404[/api/people/<id>/positions-POST-id]',
    'test_unknown_id_is_404[/api/policy/rules/<id>/move-POST-id]',
})
