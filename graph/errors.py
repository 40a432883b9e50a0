"""Domain errors. The web layer maps each to one HTTP status, so services never think in HTTP.

A message made with N_ (graph/messages.py) is English for the API and French on the pages."""

from .messages import N_


class CarnetError(Exception):
    """Base class for errors a user can be told about."""

    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(CarnetError):
    """Bad input; `field` names the input at fault."""

    status = 400


class NotFound(CarnetError):
    """Unknown, or not visible to the viewer: the two must be indistinguishable."""

    status = 404

    def __init__(self, message: str = N_("not found"), field: str | None = None):
        super().__init__(message, field)


class Forbidden(CarnetError):
    """The viewer may see the object but their role may not act on it."""

    status = 403


class Conflict(CarnetError):
    """The write clashes with what is already there (duplicate, already decided)."""

    status = 409


class Unprocessable(CarnetError):
    """Well-formed, but contradicts what the request claims (an idempotency key reused for
    another request)."""

    status = 422


class StoreUnavailable(CarnetError):
    """The graph store cannot be reached; answered as 503, never as a traceback."""

    status = 503

    def __init__(self, message: str = "the graph store is unavailable"):
        super().__init__(message)


class StatementTimeout(StoreUnavailable):
    """A read ran past the store's time cap (CARNET_STATEMENT_TIMEOUT_MS) and was stopped."""

    def __init__(self, message: str = N_("this took too long to compute and was stopped; try again in a moment, "
                                         "or narrow what you asked for")):
        super().__init__(message)


class Unauthenticated(CarnetError):
    """Wrong or missing credentials."""

    status = 401


class Throttled(CarnetError):
    """Too many attempts; try again later."""

    status = 429
