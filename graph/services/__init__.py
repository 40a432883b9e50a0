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
from .reviews import ReviewService
from .intros import IntroService
from .credit import CreditService
from .preview import PreviewService
from .alerts import AlertService
from .adoption import AdoptionService
from .search import SearchService
from .exports import ExportService
from .imports import ImportService
from .duplicates import DuplicateService
from .idempotency import IdempotencyService
from ..signals.pipeline import SignalService
from ..signals.connect.service import ConnectionService


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
        # governed sharing: audit, inbox, policy; relationships ask the policy
        self.audit = AuditService(store, self.clock, self.users)
        self.users.audit = self.audit  # role changes and passwords set by an admin are audited
        self.notifications = NotificationService(store, self.clock)
        self.policy = PolicyService(store, self.clock, self.users, self.audit)
        self.policy.notifications = self.notifications
        self.relationships.policy = self.policy
        self.relationships.audit = self.audit
        self.grants = GrantService(store, self.clock, self.audit, self.notifications)
        self.events = EventService(store, self.clock, self.users, self.audit, self.notifications, self.grants)
        self.people.on_grant_view = self.grants.record_view
        self.reviews = ReviewService(store, self.clock, self.users, self.audit, self.notifications, self.policy)
        # introductions, credit and "see as colleague": reuse grants, audit and the inbox
        self.intros = IntroService(store, self.clock, self.users, self.paths, self.audit, self.notifications,
                                   self.grants)
        self.credit = CreditService(store, self.clock)
        self.preview = PreviewService(store, self.users, self.people, self.paths, self.plans, self.audit)
        # push, not pull: alerts after the writes that matter, adoption for managers
        self.alerts = AlertService(store, self.clock, self.notifications, self.users)
        self.plans.alerts = self.alerts
        self.people.alerts = self.alerts
        self.adoption = AdoptionService(store, self.clock, self.users)
        # full-text search and visibility-aware exports
        self.search = SearchService(store, self.users)
        self.exports = ExportService(store, self.users, self.people, self.organisations, self.search)
        # import with dry run, duplicate merge; job changes seen on import go to the alerts
        self.imports = ImportService(store, self.clock, self.users, self.audit)
        self.imports.on_job_changes = self.alerts.job_changes
        self.imports.after_commit = self.search.after_import
        self.duplicates = DuplicateService(store, self.clock, self.users, self.audit, self.people)
        self.idempotency = IdempotencyService(store, self.clock)  # a lost answer's resend acts once
        self.signals = SignalService(store, self.clock, self.users, self.people, self.relationships)  # the user's own
        # a rep's own calendars, mailboxes and address books (the app sets key, allow-list, sink)
        self.connections = ConnectionService(store, self.clock)
