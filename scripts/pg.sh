#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the store's tests.
#
#   eval "$(scripts/pg.sh start)"   # exports FAULTLINE_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres
#   .venv/bin/python -m pytest tests/test_store.py
#   scripts/pg.sh stop
#
# `start` runs initdb into a new temporary folder and pg_ctl on 127.0.0.1 and a free port (as the
# postgres user when run as root: PostgreSQL refuses to run as root), trusting local connections
# only. The folder is named in $FAULTLINE_PG_STATE (default /tmp/faultline-pg.state); `stop` stops the
# server and deletes the folder. Needs PostgreSQL's server binaries (Debian: apt-get install postgresql).
set -euo pipefail

STATE="${FAULTLINE_PG_STATE:-/tmp/faultline-pg.state}"

bindir() {
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$found" ]; then
        echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "$found"
}

as_owner() {  # run a command as the postgres user when we are root
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    if [ -f "$STATE" ]; then
        echo "pg.sh: already started (see $STATE); run 'scripts/pg.sh stop' first" >&2
        exit 1
    fi
    local bin dir port
    bin=$(bindir)
    dir=$(mktemp -d /tmp/faultline-pg.XXXXXX)
    chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
    printf '%s\n%s\n%s\n' "$dir" "$port" "$bin" >"$STATE"
    echo "export FAULTLINE_TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres"
}

stop() {
    if [ ! -f "$STATE" ]; then
        echo "pg.sh: not started" >&2
        exit 0
    fi
    local dir bin
    dir=$(sed -n 1p "$STATE")
    bin=$(sed -n 3p "$STATE")
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir" "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: scripts/pg.sh start|stop" >&2; exit 2 ;;
esac
