#!/usr/bin/env bash
# Starts or stops a Tributary on Payara Micro in the background for the system tests.
#   micro-server.sh start <micro/target dir> <port> <work dir> [extra java options]
#   micro-server.sh stop <work dir>
# The server listens on 127.0.0.1 only; its log is <work dir>/server.log. Start returns once
# /health/ready answers TRIBUTARY_READY_STATUS (200 unless set; 503 for a server meant not ready).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command=$1

case "$command" in
  start)
    target=$2 port=$3 work=$4 java_opts=${5:-}
    mkdir -p "$work"
    work=$(cd "$work" && pwd)
    "$here/micro-server.sh" stop "$work" >/dev/null 2>&1 || true
    # Payara Micro's own boot now and then dies of a race in its service registry (HK2's
    # ConcurrentModificationException) before any application is deployed; a server that ended
    # before it answered is started once more. One that runs but never answers is not retried.
    for attempt in 1 2; do
      TRIBUTARY_DATA_DIR="$work/data" TRIBUTARY_JAVA_OPTS="-Djava.io.tmpdir=$work $java_opts" \
        setsid "$target/../src/main/scripts/run-micro.sh" "$target" "$port" > "$work/server.log" 2>&1 < /dev/null &
      pid=$!
      echo "$pid" > "$work/server.pid"
      status=0
      "$here/wait-for-url.sh" "http://127.0.0.1:$port/health/ready" 240 "$work/server.log" \
        "${TRIBUTARY_READY_STATUS:-200}" "$pid" || status=$?
      if [ "$status" -ne 3 ] || [ "$attempt" -eq 2 ]; then
        exit "$status"
      fi
      cp "$work/server.log" "$work/server-failed-boot.log"
      echo "micro-server.sh: the server ended while booting (see server-failed-boot.log); starting it once more" >&2
    done
    ;;
  stop)
    work=$2
    if [ -f "$work/server.pid" ]; then
      pid=$(cat "$work/server.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$work/server.pid"
    fi
    ;;
  *)
    echo "usage: $0 start|stop ..." >&2
    exit 2
    ;;
esac
