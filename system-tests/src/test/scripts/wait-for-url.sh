#!/usr/bin/env bash
# wait-for-url.sh <url> <seconds> <log file> [status]: waits until the URL answers the status
# (200 unless given). Payara logs "ready" even when a deployment failed, so only an answering
# application counts: Payara itself answers 404 until the application is deployed.
set -uo pipefail
url=$1 seconds=$2 log=$3 status=${4:-200}
deadline=$(( $(date +%s) + seconds ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = "$status" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "Tributary did not answer $url within ${seconds}s. Last lines of $log:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  sleep 1
done
echo "Tributary answers at $url"
