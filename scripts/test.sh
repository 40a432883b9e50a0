#!/usr/bin/env bash
# Installs what is needed, then runs every check: the Neo4j parser over cypher/, then pytest.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/integration -k store).
# Exits non-zero on any failure, including "no tests collected".

source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$ROOT"

setup_python
setup_cypher_check
setup_mailserver
setup_browser
setup_axe

say "Cypher check (Neo4j's parser, CYPHER 5)"
node tools/cypher-check/check.mjs cypher

say "pytest"
status=0
python -m pytest "$@" || status=$?
if [ "$status" = 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
