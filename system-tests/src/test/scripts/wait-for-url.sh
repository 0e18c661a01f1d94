#!/usr/bin/env bash
# wait-for-url.sh <url> <seconds> <log file>: waits until the URL answers 200. Payara logs
# "ready" even when a deployment failed, so only an answering application counts.
set -uo pipefail
url=$1 seconds=$2 log=$3
deadline=$(( $(date +%s) + seconds ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = "200" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "Tributary did not answer $url within ${seconds}s. Last lines of $log:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  sleep 1
done
echo "Tributary answers at $url"
