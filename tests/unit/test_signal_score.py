"""The suggested-strength formula: documented steps, bounded 1..5, monotone."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from graph.signals.score import Activity, reason, suggested_strength


def test_examples_from_the_docstring():
    assert suggested_strength(Activity()) == 1
    busy = Activity(meetings_30d=4, meetings_90d=8, meetings_365d=8, sent=3, received=3, days_since_last=3)
    assert suggested_strength(busy) == 5
    assert reason(busy) == "8 meetings in 90 days, last 3 days ago, replies both ways"
    assert suggested_strength(dataclasses.replace(busy, days_since_last=60)) == 4  # recency caps
    one_way = Activity(messages_90d=20, messages_365d=20, sent=20, days_since_last=1)
    assert suggested_strength(one_way) == 3  # nobody answered
    assert "you wrote, no reply" in reason(one_way)
    assert reason(Activity(messages_365d=1, received=1, days_since_last=1)) == \
        "1 message in 365 days, last yesterday, they wrote, you did not reply"


counts = st.integers(min_value=0, max_value=500)


@st.composite
def activities(draw):
    m365, m90, m30 = sorted((draw(counts), draw(counts), draw(counts)), reverse=True)
    s365, s90, s30 = sorted((draw(counts), draw(counts), draw(counts)), reverse=True)
    last = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=3000)))
    return Activity(meetings_30d=m30, meetings_90d=m90, meetings_365d=m365, messages_30d=s30, messages_90d=s90,
                    messages_365d=s365, sent=draw(counts), received=draw(counts), days_since_last=last)


@given(activities())
def test_bounded(a):
    assert 1 <= suggested_strength(a) <= 5
    assert str(reason(a))


@given(activities(), st.integers(min_value=1, max_value=50), st.booleans())
def test_more_frequent_never_lowers(a, more, meetings):
    if meetings:
        b = dataclasses.replace(a, meetings_90d=a.meetings_90d + more, meetings_365d=a.meetings_365d + more)
    else:
        b = dataclasses.replace(a, messages_90d=a.messages_90d + more, messages_365d=a.messages_365d + more)
    assert suggested_strength(b) >= suggested_strength(a)


@given(activities(), st.integers(min_value=0, max_value=3000))
def test_more_recent_never_lowers(a, days):
    if a.days_since_last is None:
        assert suggested_strength(dataclasses.replace(a, days_since_last=days)) >= suggested_strength(a)
    elif days <= a.days_since_last:
        assert suggested_strength(dataclasses.replace(a, days_since_last=days)) >= suggested_strength(a)


@given(activities(), st.integers(min_value=1, max_value=50))
def test_a_reply_never_lowers(a, replies):
    assert suggested_strength(dataclasses.replace(a, received=a.received + replies)) >= suggested_strength(a)
    assert suggested_strength(dataclasses.replace(a, sent=a.sent + replies)) >= suggested_strength(a)
