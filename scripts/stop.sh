#!/usr/bin/env bash
# Stops the embedded graph server that scripts/run.sh started (it outlives the web server),
# with the secret key run.sh generated. Same as `flask --app app graph stop`.

source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$ROOT"
[ -x "$VENV/bin/flask" ] || die "nothing installed yet (run scripts/run.sh first)"
if [ -z "${CARNET_SECRET_KEY:-}" ]; then
    # Stopping signs nothing: any key will do when run.sh did not leave one.
    CARNET_SECRET_KEY="$(cat instance/secret-key 2>/dev/null || echo stop-only)"
    export CARNET_SECRET_KEY
fi
exec "$VENV/bin/flask" --app app graph stop
