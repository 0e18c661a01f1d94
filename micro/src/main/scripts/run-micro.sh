#!/usr/bin/env bash
# Runs Tributary on Payara Micro in the foreground until Ctrl-C; HTTP on loopback unless told.
# Usage: run-micro.sh <micro/target dir> <port>. Settings from the environment:
#   TRIBUTARY_DATA_DIR            database directory (default ./tributary-data)
#   TRIBUTARY_HTTP_ADDRESS        address HTTP listens on (default 127.0.0.1; 0.0.0.0: every one)
#   TRIBUTARY_HTTPS_PORT          also serve HTTPS on this port, with:
#   TRIBUTARY_KEYSTORE            a PKCS12 keystore holding the server's key and certificate
#   TRIBUTARY_KEYSTORE_PASSWORD   its password (never put on the command line: Payara Micro reads
#                                 it from a pipe, --systemproperties /dev/fd/N)
#   TRIBUTARY_CERT_ALIAS          the key's alias in it (default tributary)
#   TRIBUTARY_HTTPS_ADDRESS       address HTTPS listens on (default TRIBUTARY_HTTP_ADDRESS)
#   TRIBUTARY_KAFKA_SSL_KEYSTORE_PASSWORD  the password of the Kafka listener's keystore
#                                 (-Dtributary.kafka.ssl.keystore.location=...), passed as
#                                 TRIBUTARY_KEYSTORE_PASSWORD is
#   TRIBUTARY_JAVA_OPTS           more JVM options (-Dkey=value settings)
#   TRIBUTARY_MICRO_ARGS          more Payara Micro arguments, after Tributary's own deployment: say
#                                 --addlibs tributary-api.jar --deploy tributary-rar.rar --deploy app.war
set -euo pipefail
target=$1
port=${2:-8080}
data_dir=${TRIBUTARY_DATA_DIR:-./tributary-data}
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
http_address=${TRIBUTARY_HTTP_ADDRESS:-127.0.0.1}
https_address=${TRIBUTARY_HTTPS_ADDRESS:-$http_address}

listeners=configs.config.server-config.network-config.network-listeners.network-listener
preboot="$target/preboot-$port.asadmin"
# The listeners' addresses; and a body on GET, which REST Proxy's "GET .../offsets" carries (over
# HTTP/1.1: on an h2c connection Grizzly drops GET bodies, and turning h2c off makes upgrade
# requests hang). The transaction log lives with the data, not in Micro's temporary root, and is
# recovered at start: a transaction that crashed between prepare and commit (a send joined with
# the app's own database) is then committed or rolled back as its coordinator decided.
transactions=configs.config.server-config.transaction-service
mkdir -p "$data_dir/transactions"
cat > "$preboot" <<PREBOOT
set $listeners.http-listener.address=$http_address
set $listeners.https-listener.address=$https_address
set configs.config.server-config.network-config.protocols.protocol.http-listener.http.allow-payload-for-undefined-http-methods=true
set $transactions.automatic-recovery=true
set $transactions.tx-log-dir=$data_dir/transactions
PREBOOT

tls_options=()
tls_jvm_options=()
# Passwords go to Payara Micro as a system properties "file" that is a pipe written by a shell
# builtin: they are in no process's arguments (ps, /proc/PID/cmdline, the logged command line),
# on no disk, and not in the server's environment either.
secrets=""
if [ -n "${TRIBUTARY_HTTPS_PORT:-}" ]; then
  : "${TRIBUTARY_KEYSTORE:?TRIBUTARY_HTTPS_PORT needs TRIBUTARY_KEYSTORE (a PKCS12 keystore)}"
  : "${TRIBUTARY_KEYSTORE_PASSWORD:?TRIBUTARY_HTTPS_PORT needs TRIBUTARY_KEYSTORE_PASSWORD}"
  keystore_password=${TRIBUTARY_KEYSTORE_PASSWORD//\\/\\\\} # a properties value: \ is an escape
  secrets+="javax.net.ssl.keyStorePassword=$keystore_password"$'\n'
  tls_options=(--sslport "$TRIBUTARY_HTTPS_PORT" --sslcert "${TRIBUTARY_CERT_ALIAS:-tributary}")
  tls_jvm_options=(
    "-Djavax.net.ssl.keyStore=$(cd "$(dirname "$TRIBUTARY_KEYSTORE")" && pwd)/$(basename "$TRIBUTARY_KEYSTORE")"
    "-Djavax.net.ssl.keyStoreType=PKCS12")
  echo "Tributary: https://$https_address:$TRIBUTARY_HTTPS_PORT/ as well"
fi
if [ -n "${TRIBUTARY_KAFKA_SSL_KEYSTORE_PASSWORD:-}" ]; then
  kafka_password=${TRIBUTARY_KAFKA_SSL_KEYSTORE_PASSWORD//\\/\\\\}
  secrets+="tributary.kafka.ssl.keystore.password=$kafka_password"$'\n'
fi
unset TRIBUTARY_KEYSTORE_PASSWORD TRIBUTARY_KAFKA_SSL_KEYSTORE_PASSWORD keystore_password kafka_password
if [ -n "$secrets" ]; then
  exec {secrets_fd}< <(printf '%s' "$secrets")
  unset secrets
  tls_options+=(--systemproperties "/dev/fd/$secrets_fd")
fi

echo "Tributary: http://$http_address:$port/ (data in $data_dir). Ctrl-C stops it."
# Embedded Derby writes its transaction log with synchronous writes: a log buffer that holds a
# whole group commit makes it one write instead of one per 32 KB, and fewer log file switches
# (each creates and preallocates a file) leave the writer alone. TRIBUTARY_JAVA_OPTS may override.
exec java -Dderby.storage.logBufferSize=1048576 -Dderby.storage.logSwitchInterval=16777216 \
  ${TRIBUTARY_JAVA_OPTS:-} "${tls_jvm_options[@]}" \
  -Dtributary.data.dir="$data_dir" \
  -Dderby.system.home="$data_dir" \
  -Dderby.stream.error.file="$data_dir/derby.log" \
  -jar "$target/payara-micro.jar" \
  --deploy "$target/tributary.war" \
  --contextroot / \
  --port "$port" \
  "${tls_options[@]}" \
  --prebootcommandfile "$preboot" \
  --nohazelcast \
  --disablephonehome \
  ${TRIBUTARY_MICRO_ARGS:-}
