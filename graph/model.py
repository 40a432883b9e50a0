"""The short choice lists of the domain (each ≤ 20 values) and their labels.

One place for every list: forms, API validation, OpenAPI enums and demo data all read these."""

ROLES = ("rep", "manager", "admin")

ORG_KINDS = ("account", "prospect", "partner", "supplier", "school", "other")
ORG_KIND_LABELS = {k: k.title() for k in ORG_KINDS}

CONTEXTS = (
    "colleague",
    "client",
    "school",
    "event",
    "family",
    "friend",
    "former_colleague",
    "partner",
    "other",
)

# Ordered from most to least restrictive: a rep may always pick a level further left.
VISIBILITIES = ("private", "exclusive", "team", "company")
DEFAULT_VISIBILITY = "exclusive"

STRENGTHS = (1, 2, 3, 4, 5)

STRENGTH_LABELS = {
    1: "met once",
    2: "acquaintance",
    3: "good contact",
    4: "strong",
    5: "close / trusted",
}

CONTEXT_LABELS = {c: c.replace("_", " ") for c in CONTEXTS}

VISIBILITY_LABELS = {
    "private": "Private — only me; others never learn it exists",
    "exclusive": "Exclusive — others see that I know them, not how well",
    "team": "Team — my team sees it",
    "company": "Company — everyone sees it",
}

# Field limits (characters).
MAX_NAME = 200
MAX_TEXT = 200
MAX_NOTES = 4000
MAX_USERNAME = 64
MIN_PASSWORD = 8
MAX_PASSWORD = 256

# -- account plans -----------------------------------------------------------------------------
PLAN_KINDS = ("account", "prospect")  # organisations that may carry an account plan
PLAN_STATUSES = ("draft", "active", "on_hold", "closed")
PLAN_ROLES = ("decision_maker", "economic_buyer", "influencer", "champion", "gatekeeper", "user", "coach")
STANCES = ("strong_ally", "ally", "neutral", "opponent", "strong_opponent")
ACTION_STATUSES = ("open", "in_progress", "done", "cancelled")
INFLUENCE_LEVELS = (1, 2, 3, 4, 5)

PLAN_STATUS_LABELS = {"draft": "Draft", "active": "Active", "on_hold": "On hold", "closed": "Closed"}
PLAN_ROLE_LABELS = {
    "decision_maker": "Decision maker",
    "economic_buyer": "Economic buyer",
    "influencer": "Influencer",
    "champion": "Champion",
    "gatekeeper": "Gatekeeper",
    "user": "User",
    "coach": "Coach",
}
STANCE_LABELS = {"strong_ally": "Strong ally", "ally": "Ally", "neutral": "Neutral", "opponent": "Opponent",
                 "strong_opponent": "Strong opponent"}
ACTION_STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "cancelled": "Cancelled"}
MAX_OBJECTIVES = 20

# -- exclusivity reviews -----------------------------------------------------------------------
# Days an owner has to answer a review before the relationship is released to their team; a
# rule's review_grace_days overrides it.
REVIEW_GRACE_DAYS = 14
REVIEW_DECISIONS = ("confirm", "release")


def pair_key(owner: str | None, a: str, b: str) -> str:
    """Key of one owner's KNOWS between two people, whatever the order of the two: a pair holds
    at most one KNOWS per owner (a unique constraint on Neo4j, the creating statement's check on
    FalkorDB, which runs writes one at a time). The statements that write KNOWS compute the same
    key in Cypher (relationships/create_knows, relationships/rekey_knows, duplicates/move_knows_*);
    a backup's keys are computed here again on import."""
    return "|".join((owner or "", *sorted((a, b))))
