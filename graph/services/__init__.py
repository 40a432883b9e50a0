"""Use cases. Each service takes the store and a Viewer and returns plain dicts already shaped
by graph.visibility; routes call one service method and render."""

from __future__ import annotations

from ..clock import Clock
from .organisations import OrganisationService
from .paths import PathService
from .people import PeopleService
from .pictures import PictureService
from .plans import PlanService
from .relationships import RelationshipService
from .users import UserService
from .audit import AuditService
from .notifications import NotificationService
from .policy import PolicyService
from .events import EventService
from .grants import GrantService


class Services:
    """Every service over one store; built once per app."""

    def __init__(self, store, clock: Clock | None = None, *, password_method: str | None = None):
        self.store = store
        self.clock = clock or Clock()
        self.users = UserService(store, self.clock, password_method)
        self.organisations = OrganisationService(store, self.clock)
        self.people = PeopleService(store, self.clock, self.users)
        self.relationships = RelationshipService(store, self.clock, self.users)
        self.pictures = PictureService(store, self.users)
        self.paths = PathService(store, self.clock, self.users)
        self.plans = PlanService(store, self.clock, self.users, self.paths)
        # governed sharing (issue 5): audit, inbox, policy; relationships ask the policy
        self.audit = AuditService(store, self.clock, self.users)
        self.notifications = NotificationService(store, self.clock)
        self.policy = PolicyService(store, self.clock, self.users, self.audit)
        self.policy.notifications = self.notifications
        self.relationships.policy = self.policy
        self.relationships.audit = self.audit
        self.grants = GrantService(store, self.clock, self.audit, self.notifications)
        self.events = EventService(store, self.clock, self.users, self.audit, self.notifications, self.grants)
        self.people.on_grant_view = self.grants.record_view
