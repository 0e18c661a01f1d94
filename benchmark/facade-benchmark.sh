#!/usr/bin/env bash
# Measures the facade in-process: starts Payara Server on loopback with Tributary's EAR and the
# benchmark app next to it (the API jar on the domain's common classpath), runs the bounded
# measurements, prints the figures and stops the server.
#
#   benchmark/facade-benchmark.sh [records to drain (1000000)] [seconds per send run (5)]
#                                 [warm-up passes (2)]
#
# The warm-up passes run the same sends and a shorter drain first, without printing them: a fresh
# server spends its first minutes compiling its hot paths.
#
# Needs `mvn install -DskipTests` first (the EAR, the API jar and benchmark-app's WAR). Tributary's
# admin password is TRIBUTARY_ADMIN_PASSWORD if set, else one generated at the first run and kept
# beside the server's data (both outlive a run; `mvn clean` removes both).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
records=${1:-1000000}
seconds=${2:-5}
warmups=${3:-2}
http_port=38080
admin_port=34848
install="$root/benchmark-app/target/payara-server"
server="$root/system-tests/src/test/scripts/payara-server.sh"
url="http://127.0.0.1:$http_port"

if [[ -z "${TRIBUTARY_ADMIN_PASSWORD:-}" ]]; then
  password_file="$install/tributary-admin-password"
  if [[ ! -s "$password_file" ]]; then
    mkdir -p "$install"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$password_file")
  fi
  TRIBUTARY_ADMIN_PASSWORD=$(cat "$password_file")
fi
# In the environment, not on the JVM's command line, which Payara Server writes to its log.
export TRIBUTARY_ADMIN_PASSWORD

export PAYARA_DOMAIN_LIBS="$root/api/target/tributary-api-1.0.0-SNAPSHOT.jar"
export PAYARA_EXTRA_DEPLOY="$root/benchmark-app/target/facade-benchmark.war=/facade-benchmark"
export PAYARA_JVM_OPTS="-Dnum.partitions=4"
trap 'bash "$server" stop "$install" >/dev/null 2>&1 || true' EXIT
bash "$server" start "$install" "$root/ear/target/tributary.ear" "$http_port" "$admin_port" /topics \
  2> "$root/benchmark-app/target/server-start.log"

created=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$TRIBUTARY_ADMIN_PASSWORD" \
  -X POST -H 'Content-Type: application/json' "$url/v3/clusters/tributary/topics" \
  -d '{"topic_name":"facade-bench-drain","partitions_count":4}')
case "$created" in
  201|400) ;; # created, or there from an earlier run
  *) echo "Creating the topic answered HTTP $created (401: the admin of $install/data has another" \
       "password than TRIBUTARY_ADMIN_PASSWORD)" >&2
     exit 1 ;;
esac

field() { sed -E "s/.*\"$1\":([0-9.E-]+).*/\1/" <<< "$2"; }

for pass in $(seq 1 "$warmups"); do
  started=$SECONDS
  for senders in 1 4 16; do
    curl -sf -X POST "$url/facade-benchmark/run/send?senders=$senders&seconds=$seconds" > /dev/null
  done
  curl -sf -X POST "$url/facade-benchmark/run/drain?records=200000" > /dev/null
  echo "Warm-up pass $pass of $warmups (not measured): $((SECONDS - started)) s"
done

echo "In-process sends through the facade, 100-byte values, outside transactions, $seconds s per run"
printf '%-8s %10s %12s %10s %10s\n' senders records records/s "p50 ms" "p99 ms"
for senders in 1 4 16; do
  r=$(curl -sf -X POST "$url/facade-benchmark/run/send?senders=$senders&seconds=$seconds")
  printf '%-8s %10s %12.0f %10.2f %10.2f\n' "$senders" "$(field records "$r")" \
    "$(field recordsPerSecond "$r")" "$(field p50Ms "$r")" "$(field p99Ms "$r")"
done

echo
echo "A listener (4 consumers, 4 partitions) draining $records records sent with sendAsync"
r=$(curl -sf -X POST "$url/facade-benchmark/run/drain?records=$records")
printf '%-10s %14s %14s %14s %14s\n' records "produce s" "produced/s" "drained by s" "drained/s"
printf '%-10s %14.1f %14.0f %14.1f %14.0f\n' "$(field records "$r")" "$(field produceSeconds "$r")" \
  "$(field producedPerSecond "$r")" "$(field drainSeconds "$r")" "$(field drainedPerSecond "$r")"
