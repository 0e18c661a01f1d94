#!/usr/bin/env bash
# wait-for-url.sh <url> <seconds> <log file> [status] [pid]: waits until the URL answers the
# status (200 unless given). Payara logs "ready" even when a deployment failed, so only an
# answering application counts: Payara itself answers 404 until the application is deployed.
# With a pid, it stops waiting when that process has ended (exit status 3).
set -uo pipefail
url=$1 seconds=$2 log=$3 status=${4:-200} pid=${5:-}
deadline=$(( $(date +%s) + seconds ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = "$status" ]; do
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    echo "The server (pid $pid) ended before $url answered. Last lines of $log:" >&2
    tail -n 60 "$log" >&2
    exit 3
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "Tributary did not answer $url within ${seconds}s. Last lines of $log:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  sleep 1
done
echo "Tributary answers at $url"
