"""The Idempotency-Key header, for every POST under /api but the token exchange: one hook
before and one after each such route, so no route knows about it.

The rules (graph/services/idempotency.py) are those a client reads in the OpenAPI document;
`describe` adds the header and its answers to every operation it applies to."""

from __future__ import annotations

import copy
import logging

from flask import Response, current_app, g, request

from graph.errors import Conflict, StoreUnavailable
from graph.services.idempotency import HEADER, LEASE_MS, MAX_KEY, Claim, fingerprint

from ..errors import error_response
from ..extensions import services
from . import bp
from .jsonio import DEFAULT_MAX_BODY

log = logging.getLogger(__name__)

EXEMPT = {"api.create_token"}  # no user yet to hold the key; a repeat issues another token, harmlessly
EXEMPT_PATHS = {"/api/tokens"}
REPLAYED = "Idempotent-Replayed"  # set to "true" on a kept answer sent again

DESCRIPTION = (
    f"Optional `{HEADER}` header (1 to {MAX_KEY} visible ASCII characters, e.g. a UUID) on every POST but "
    "POST /api/tokens, so a client that lost an answer can send the same request again without acting twice. "
    "The first request with a key runs and its answer (status and body) is kept for 24 hours; keys are per "
    "user. The same key with the same method, path (query string included) and body, byte for byte, answers "
    f"the kept answer without running again, with header `{REPLAYED}: true`. The same key with another "
    f"method, path or body answers 422 with field `{HEADER}`. While the first request with the key is still "
    f"running, the same request answers 409 with field `{HEADER}` and `Retry-After: 1`: retry it. A 5xx or "
    "429 answer is not kept, so the request may be retried with the same key. A key longer than "
    f"{MAX_KEY} characters or holding a space, a control or a non-ASCII character answers 400 with field "
    f"`{HEADER}`. A request whose process died before answering frees its key after {LEASE_MS // 1000} s.")


def _secret() -> bytes:
    key = current_app.secret_key
    return key.encode() if isinstance(key, str) else key


def _applies() -> bool:
    return (request.method == "POST" and request.endpoint is not None and request.endpoint not in EXEMPT
            and g.get("api_user") is not None and HEADER in request.headers)


@bp.before_request
def claim_key():
    """Runs after authentication: claim the key, or answer the kept answer or the refusal."""
    if not _applies():
        return None
    service = services().idempotency
    raw = service.check_key(request.headers[HEADER])
    # The body is read whole to be fingerprinted: under the same cap as the route's own read
    # (app/api/jsonio.py), uploads under the app's; past it, 413 and nothing claimed.
    json_cap = current_app.config.get("API_MAX_BODY", DEFAULT_MAX_BODY)
    request.max_content_length = json_cap if request.is_json else (current_app.config.get("MAX_CONTENT_LENGTH")
                                                                   or json_cap)
    query = request.query_string.decode("latin-1")
    path = request.path + ("?" + query if query else "")
    try:
        outcome = service.begin(g.api_user["id"], raw, fingerprint(_secret(), request.method, path,
                                                                   request.get_data(cache=True)))
    except Conflict as exc:  # the same request is still running: say when to try again
        response, status = error_response(exc.status, exc.message, exc.field)
        response.headers["Retry-After"] = "1"
        return response, status
    if isinstance(outcome, Claim):
        g.idempotency_claim = outcome
        return None
    response = Response(outcome.body, status=outcome.status, content_type=outcome.content_type)
    response.headers[REPLAYED] = "true"
    return response


@bp.after_request
def keep_answer(response):
    claim = g.pop("idempotency_claim", None)
    if claim is not None:
        try:
            services().idempotency.finish(claim, response.status_code, response.get_data(as_text=True),
                                          response.content_type)
        except StoreUnavailable:  # the answer still goes out; the claim lapses after its lease
            log.warning("could not keep the answer of %s %s for its idempotency key", request.method, request.path)
    return response


@bp.teardown_request
def release_key(_exc=None):
    """A request that ended without an answer (after_request never ran) frees its key."""
    claim = g.pop("idempotency_claim", None)
    if claim is not None:
        try:
            services().idempotency.release(claim)
        except StoreUnavailable:
            pass  # the claim lapses after its lease


def describe(paths: dict) -> None:
    """Add the header and its answers to every operation the hook applies to."""
    parameter = {"name": HEADER, "in": "header", "required": False,
                 "description": "Sends this request at most once per key; see the API description",
                 "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY, "pattern": "^[!-~]+$"}}
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in paths.items():
        if "post" not in item or path in EXEMPT_PATHS:
            continue
        op = item["post"] = copy.deepcopy(item["post"])  # the modules' SPEC fragments stay as declared
        op.setdefault("parameters", []).append(parameter)
        responses = op["responses"]
        for code, text in ((400, f"a malformed {HEADER}"),
                           (409, f"a request with the same {HEADER} is still running: retry after Retry-After"),
                           (422, f"this {HEADER} was already used for another request")):
            if str(code) in responses:
                responses[str(code)]["description"] += f"; or {text}"
            else:
                responses[str(code)] = {"description": text[0].upper() + text[1:], "content": error}
