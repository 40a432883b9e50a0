"""The person page's positions, education and reports, read in one statement, keep the order
each list had when it was read on its own (checked against an order computed here)."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.visibility import SYSTEM

DATES = st.one_of(st.none(), st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 1, 1)).map(str))


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(spans=st.lists(st.tuples(DATES, DATES), min_size=0, max_size=5),
       names=st.lists(st.sampled_from(["bob", "Alice", "alice", "Zoé", "émile", "Bob"]), max_size=4))
def test_profile_lists_are_complete_and_ordered(services, spans, names):
    s = services
    org = s.organisations.create(SYSTEM, {"name": f"Org {len(spans)}", "kind": "account"})
    school = s.organisations.create(SYSTEM, {"name": "School", "kind": "school"})
    person = s.people.create(SYSTEM, {"name": "Target"})
    for start, end in spans:
        if start and end and end < start:
            start, end = end, start
        s.people.add_position(SYSTEM, person["id"], {"organisation_id": org["id"], "start": start, "end": end})
        s.people.add_education(SYSTEM, person["id"], {"school_id": school["id"], "start": start, "end": end})
    for name in names:
        s.people.create(SYSTEM, {"name": name, "reports_to": person["id"]})
    lists = s.people.profile(SYSTEM, person["id"])
    positions, education, reports = lists["positions"], lists["education"], lists["reports"]
    assert len(positions) == len(education) == len(spans) and len(reports) == len(names)
    assert sorted(r["name"] for r in reports) == sorted(names)

    def key(end, start=""):
        return ("9999" if end is None else end, "" if start is None else start)
    assert [key(p["end"], p["start"]) for p in positions] == sorted(
        (key(p["end"], p["start"]) for p in positions), reverse=True)
    assert [key(e["end"]) for e in education] == sorted((key(e["end"]) for e in education), reverse=True)
    assert [r["name"].lower() for r in reports] == sorted(r["name"].lower() for r in reports)
    assert all(set(p) == {"id", "organisation_id", "organisation", "title", "department", "start", "end"}
               for p in positions)
