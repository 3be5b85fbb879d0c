#!/usr/bin/env bash
# A loopback-only OpenLink Virtuoso for tests and development.
#
#   scripts/virtuoso.sh start [PORT]   start one (HTTP on 127.0.0.1:PORT, default 8890);
#                                      prints its SPARQL query URL
#   scripts/virtuoso.sh stop           stop it (by the PID recorded at start) and delete it
#
# The database lives in $VIRTUOSO_DIR (default /tmp/cspgraph-virtuoso), created afresh by
# 'start' and deleted by 'stop'; its data/ folder is in DirsAllowed, for bulk loads with
# DB.DBA.TTLP_MT or ld_dir. $VIRTUOSO_MAX_ROWS sets [SPARQL] ResultSetMaxRows (default
# 10000, Virtuoso's own; cspgraph reads longer graphs in pages). It never installs
# anything: when virtuoso-t is missing it says so and exits 1 (.ci/run installs it).
set -euo pipefail

DIR="${VIRTUOSO_DIR:-/tmp/cspgraph-virtuoso}"
READY_SECONDS="${VIRTUOSO_READY_SECONDS:-90}"
MAX_ROWS="${VIRTUOSO_MAX_ROWS:-10000}"
MARK="; Written by scripts/virtuoso.sh"

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

running() { [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }

ours() {  # the folder is missing, empty, or one this script made: safe to delete
    [ ! -e "$DIR" ] || [ -z "$(ls -A "$DIR")" ] || grep -qF "$MARK" "$DIR/virtuoso.ini" 2>/dev/null
}

require_virtuoso() {  # never installs: .ci/run (or you) installs system packages
    command -v virtuoso-t >/dev/null && return
    die "virtuoso-t is missing; install it: sudo apt-get install virtuoso-opensource"
}

write_ini() {  # $1 HTTP port, $2 SQL port
    mkdir -p "$DIR/db" "$DIR/data" "$DIR/vsp"
    cat >"$DIR/virtuoso.ini" <<EOF
$MARK: a loopback-only instance for tests and development.
[Database]
DatabaseFile    = $DIR/db/virtuoso.db
ErrorLogFile    = $DIR/db/virtuoso.log
LockFile        = $DIR/db/virtuoso.lck
TransactionFile = $DIR/db/virtuoso.trx
xa_persistent_file = $DIR/db/virtuoso.pxa
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = $DIR/db/virtuoso-temp.db
TransactionFile = $DIR/db/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:$2
DisableUnixSocket  = 1
DirsAllowed        = ., $DIR/data
NumberOfBuffers    = 20000
MaxDirtyBuffers    = 15000
CheckpointInterval = 60

[HTTPServer]
ServerPort           = 127.0.0.1:$1
ServerRoot           = $DIR/vsp
ServerThreads        = 10
MaxClientConnections = 10
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = $MAX_ROWS
MaxQueryExecutionTime      = 120
MaxQueryCostEstimationTime = 400
EOF
}

wait_ready() {  # $1 HTTP port
    python3 - "$1" "$READY_SECONDS" "$(cat "$DIR/pid")" <<'EOF'
import os, sys, time, urllib.request
port, limit, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
url = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("virtuoso-t exited during start-up")
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            if answer.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.25)
sys.exit(f"no answer from {url} within {limit:.0f} s")
EOF
}

start() {
    local port="${1:-8890}" sql_port
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, not '$port'"
    running && die "already running (PID $(cat "$DIR/pid")) in $DIR; run: $0 stop"
    ours || die "$DIR holds files this script did not write; set VIRTUOSO_DIR to another folder"
    require_virtuoso
    rm -rf "$DIR"
    sql_port="$(free_port)"
    write_ini "$port" "$sql_port"
    (cd "$DIR" && exec virtuoso-t +configfile "$DIR/virtuoso.ini" +foreground \
        >"$DIR/stdout.log" 2>&1) &
    echo $! >"$DIR/pid"
    echo "$sql_port" >"$DIR/sql_port"
    if ! wait_ready "$port"; then
        tail -n 20 "$DIR/db/virtuoso.log" "$DIR/stdout.log" >&2 2>/dev/null || true
        stop >/dev/null 2>&1 || true
        die "Virtuoso did not start on 127.0.0.1:$port"
    fi
    # Anonymous SPARQL updates on /sparql and /sparql-graph-crud: acceptable ONLY because this
    # instance listens on loopback and is thrown away. Never grant this on a shared server;
    # there, use /sparql-auth with a user (settings store_user, store_password).
    # The dba account keeps its default password (dba) for the same reason.
    isql-vt "127.0.0.1:$sql_port" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null \
        || { stop >/dev/null 2>&1 || true; die "could not grant SPARQL_UPDATE with isql-vt"; }
    echo "http://127.0.0.1:$port/sparql"
}

stop() {
    [ -f "$DIR/pid" ] || die "no Virtuoso started by this script in $DIR"
    local pid
    pid="$(cat "$DIR/pid")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    if ours; then rm -rf "$DIR"; fi
    echo "stopped Virtuoso (PID $pid)"
}

case "${1:-}" in
    start) start "${2:-}" ;;
    stop) stop ;;
    *) echo "usage: $0 start [PORT] | stop" >&2; exit 2 ;;
esac
