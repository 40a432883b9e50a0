"""The suggested strength of a relationship, from what the rep's own signals say.

Three things, each easy to check by the rep:

- frequency: weight = 2 × meetings in 365 days + messages in 365 days, and the last 90 days
  counted once more (recent contact weighs double). Strength from frequency alone:
  weight < 2 → 1, ≥ 2 → 2, ≥ 6 → 3, ≥ 15 → 4, ≥ 30 → 5.
- recency caps it: last contact within 30 days → up to 5, within 90 → 4, within 365 → 3,
  older or never → 2.
- reciprocity caps it: one-way contact (the rep only wrote, or only received, and never met)
  → up to 3. A meeting counts as both ways.

suggested = max(1, min(frequency strength, recency cap, reciprocity cap)), always 1..5, and
never lower when contact is more frequent, more recent or two-way (a property test holds it).
The reason names the figures in words: "8 meetings in 90 days, last 3 days ago, replies both
ways"."""

from __future__ import annotations

import dataclasses

from ..messages import Message, N_

FREQUENCY_STEPS = (2, 6, 15, 30)  # weight from which the strength is 2, 3, 4, 5
RECENCY_CAPS = ((30, 5), (90, 4), (365, 3))  # (days since last contact at most, cap)
OLD_CAP = 2
ONE_WAY_CAP = 3


@dataclasses.dataclass(frozen=True)
class Activity:
    """One person's contact with the rep, counted from signals (distinct meetings and messages)."""

    meetings_30d: int = 0
    meetings_90d: int = 0
    meetings_365d: int = 0
    messages_30d: int = 0
    messages_90d: int = 0
    messages_365d: int = 0
    sent: int = 0  # messages the rep sent them (and meetings the rep organised)
    received: int = 0  # messages they sent the rep (and meetings they organised)
    days_since_last: int | None = None  # None: never

    @property
    def two_way(self) -> bool:
        return self.meetings_365d > 0 or (self.sent > 0 and self.received > 0)


def weight(a: Activity) -> int:
    return 2 * a.meetings_365d + a.messages_365d + 2 * a.meetings_90d + a.messages_90d


def suggested_strength(a: Activity) -> int:
    w = weight(a)
    frequency = 1 + sum(1 for step in FREQUENCY_STEPS if w >= step)
    recency = OLD_CAP
    if a.days_since_last is not None:
        for days, cap in RECENCY_CAPS:
            if a.days_since_last <= days:
                recency = cap
                break
    reciprocity = 5 if a.two_way else ONE_WAY_CAP
    return max(1, min(frequency, recency, reciprocity, 5))


def _meetings(n: int, days: int) -> Message:
    if n == 1:
        return N_("1 meeting in %(days)d days", days=days)
    return N_("%(n)d meetings in %(days)d days", n=n, days=days)


def _messages(n: int, days: int) -> Message:
    if n == 1:
        return N_("1 message in %(days)d days", days=days)
    return N_("%(n)d messages in %(days)d days", n=n, days=days)


def reason(a: Activity) -> Message:
    """The figures behind the suggestion, in words."""
    parts = []
    if a.meetings_90d or a.meetings_365d:
        parts.append(_meetings(a.meetings_90d, 90) if a.meetings_90d else _meetings(a.meetings_365d, 365))
    if a.messages_90d or a.messages_365d:
        parts.append(_messages(a.messages_90d, 90) if a.messages_90d else _messages(a.messages_365d, 365))
    if a.days_since_last is None:
        parts.append(N_("no contact yet"))
    elif a.days_since_last == 0:
        parts.append(N_("last today"))
    elif a.days_since_last == 1:
        parts.append(N_("last yesterday"))
    else:
        parts.append(N_("last %(days)d days ago", days=a.days_since_last))
    if a.sent and a.received:
        parts.append(N_("replies both ways"))
    elif a.sent and not a.meetings_365d:
        parts.append(N_("you wrote, no reply"))
    elif a.received and not a.meetings_365d:
        parts.append(N_("they wrote, you did not reply"))
    return _join(parts)


def _join(parts: list[Message]) -> Message:
    """Parts joined by commas, each still translatable (params of one Message)."""
    msgid = ", ".join(f"%(p{i})s" for i in range(len(parts)))
    return Message(msgid, {f"p{i}": p for i, p in enumerate(parts)})
