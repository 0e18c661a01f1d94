#!/usr/bin/env bash
# Runs Tributary on Payara Micro in the foreground, HTTP on loopback only, until Ctrl-C.
# Usage: run-micro.sh <micro/target dir> <port>. Data goes to $TRIBUTARY_DATA_DIR
# (default ./tributary-data, relative to the directory it is started from).
set -euo pipefail
target=$1
port=${2:-8080}
data_dir=${TRIBUTARY_DATA_DIR:-./tributary-data}
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)

preboot="$target/preboot-loopback.asadmin"
# Loopback only; and a body on GET, which REST Proxy's "GET .../offsets" carries (over HTTP/1.1:
# on an h2c connection Grizzly drops GET bodies, and turning h2c off makes upgrade requests hang).
cat > "$preboot" <<'PREBOOT'
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
set configs.config.server-config.network-config.protocols.protocol.http-listener.http.allow-payload-for-undefined-http-methods=true
PREBOOT

echo "Tributary: http://localhost:$port/ (data in $data_dir). Ctrl-C stops it."
exec java ${TRIBUTARY_JAVA_OPTS:-} \
  -Dtributary.data.dir="$data_dir" \
  -Dderby.system.home="$data_dir" \
  -Dderby.stream.error.file="$data_dir/derby.log" \
  -jar "$target/payara-micro.jar" \
  --deploy "$target/tributary.war" \
  --contextroot / \
  --port "$port" \
  --prebootcommandfile "$preboot" \
  --nohazelcast \
  --disablephonehome
