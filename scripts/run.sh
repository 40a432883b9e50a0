#!/usr/bin/env bash
# Installs what is needed, initialises the embedded graph, loads the demo data and serves
# Carnet with gunicorn on http://$CARNET_HOST:$CARNET_PORT (default 127.0.0.1:5000).
#
# CARNET_SECRET_KEY: taken from the environment, else from instance/secret-key (generated
# once). The embedded graph server keeps running after this script stops (it is shared by
# all workers); `flask --app app graph stop` stops it.

source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$ROOT"

setup_python

if [ -z "${CARNET_SECRET_KEY:-}" ]; then
    mkdir -p instance
    if [ ! -s instance/secret-key ]; then
        (umask 077 && python -c 'import secrets; print(secrets.token_hex(32))' > instance/secret-key)
    fi
    CARNET_SECRET_KEY="$(cat instance/secret-key)"
    export CARNET_SECRET_KEY
fi

HOST="${CARNET_HOST:-127.0.0.1}"
PORT="${CARNET_PORT:-5000}"
WORKERS="${CARNET_WORKERS:-3}"
THREADS="${CARNET_THREADS:-4}"  # the configuration `flask --app app bench load` measures

say "flask --app app graph init"
flask --app app graph init
say "flask --app app demo load"
flask --app app demo load

say "Carnet is at http://$HOST:$PORT/  (demo logins above; Ctrl-C stops the web server)"
exec gunicorn --bind "$HOST:$PORT" --workers "$WORKERS" --threads "$THREADS" --access-logfile - "app:create_app()"
