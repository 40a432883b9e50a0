"""The JSON API: bearer tokens, JSON errors, no cookies and no CSRF.

Each module registers its routes on `bp` and declares its OpenAPI fragment in `SPEC`;
openapi.py merges every fragment, and a test checks every /api rule is described."""

from flask import Blueprint, g

from ..auth.session import bearer_user
from ..extensions import services

bp = Blueprint("api", __name__, url_prefix="/api")

# Endpoints that answer without a token.
PUBLIC_ENDPOINTS = {"api.health", "api.openapi", "api.create_token"}


@bp.before_request
def authenticate():
    from flask import request

    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    user = bearer_user()
    g.viewer = services().users.viewer_of(user)
    g.api_user = user
    return None


from . import core, openapi, organisations, paths, people, relationships  # noqa: E402,F401
from . import audit, events, policy  # noqa: E402,F401  (governed sharing)
from . import plans  # noqa: E402,F401  (account plans)
from . import intros  # noqa: E402,F401  (introduction requests)
from . import alerts  # noqa: E402,F401  (alerts and adoption)
from . import idempotency  # noqa: E402,F401  (after authenticate: keys belong to the caller)
from . import signals  # noqa: E402,F401  (relationship signals: the user's own)
from . import connections  # noqa: E402,F401  (a rep's own calendar, mailbox, address book)
