#!/usr/bin/env bash
# payara-server.sh - run a full Payara Server 6 on loopback only, deploy an EAR, wait for it, stop it.
#
#   payara-server.sh start <install-dir> <ear-file> <http-port> <admin-port> [url-path]
#   payara-server.sh stop  <install-dir>
#
# Everything is written under <install-dir>:
#   <install-dir>/payara6/            unzipped distribution (reused)
#   <install-dir>/domain-template/    pristine domain made once by create-domain (keyed by ports)
#   <install-dir>/domains/<domain>/   fresh copy of the template for every start; logs/server.log
#   <install-dir>/data, derby, transactions (the transaction log), tmp, home
# Optional environment:
#   PAYARA_VERSION        (6.2025.10)        PAYARA_DOMAIN   (tributary)
#   PAYARA_WAIT_SECONDS   (180)  readiness deadline for start-domain + deploy + URL
#   PAYARA_JVM_OPTS       extra JVM options, whitespace separated (no spaces inside one option)
#   TRIBUTARY_DATA_DIR    (<install-dir>/data)   -> -Dtributary.data.dir
#   DERBY_SYSTEM_HOME     (<install-dir>/derby)  -> -Dderby.system.home (derby.log goes there)
#   PAYARA_DATAGRID       off|loopback (off)  Hazelcast domain data grid disabled, or bound to 127.0.0.1
#   PAYARA_JMS            off|loopback (off)  embedded OpenMQ disabled, or its port bound to 127.0.0.1
#   PAYARA_KEEP_ON_FAILURE=1  leave the server running when start fails (default: stop it)
#   PAYARA_DOMAIN_LIBS    jars put on the domain's common classpath (<domain>/lib), whitespace separated
#   PAYARA_EXTRA_DEPLOY   more applications deployed after the EAR, in order, as <war-file>=<context-root>
#                         pairs or a bare <rar-file> (a standalone resource adapter)
#   PAYARA_JMS_PORT (admin+1)  PAYARA_HZ_DAS_PORT (admin+2)  PAYARA_HZ_START_PORT (admin+3)
set -euo pipefail

PAYARA_VERSION="${PAYARA_VERSION:-6.2025.10}"
DOMAIN="${PAYARA_DOMAIN:-tributary}"
WAIT_SECONDS="${PAYARA_WAIT_SECONDS:-180}"

die() { echo "payara-server.sh: ERROR: $*" >&2; exit 1; }
log() { echo "payara-server.sh: $*" >&2; }
usage() {
  sed -n '4,5p' "$0" >&2
  exit 2
}

abspath() { (cd "$1" && pwd -P); }
is_port() { [[ "$1" =~ ^[0-9]+$ ]] && (( $1 > 0 && $1 < 65536 )); }
# true if something accepts TCP connections on 127.0.0.1:$1
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

setup_paths() {
  mkdir -p "$1"
  INSTALL="$(abspath "$1")"
  PAYARA_HOME="$INSTALL/payara6"
  DOMAINS_DIR="$INSTALL/domains"
  DOMAIN_DIR="$DOMAINS_DIR/$DOMAIN"
  TEMPLATE_DIR="$INSTALL/domain-template"
  SERVER_LOG="$DOMAIN_DIR/logs/server.log"
  PWFILE="$INSTALL/admin-password.txt"
  mkdir -p "$INSTALL/tmp" "$INSTALL/home"
  # keep the asadmin client's files (~/.gfclient, temp files) inside the install dir
  export AS_EXTRA_JAVA_OPTS="-Duser.home=$INSTALL/home -Djava.io.tmpdir=$INSTALL/tmp -XX:TieredStopAtLevel=1"
  export AS_JAVA="${AS_JAVA:-}"
  [[ -f "$PWFILE" ]] || printf 'AS_ADMIN_PASSWORD=\n' > "$PWFILE"
}

# asadmin with a hard timeout, no stdin, no prompts. usage: asadm <timeout-s> <args...>
asadm() {
  local t="$1"; shift
  timeout --kill-after=10 "$t" "$PAYARA_HOME/bin/asadmin" --interactive=false --user admin \
    --passwordfile "$PWFILE" "$@" </dev/null
}

tail_log() {
  if [[ -f "$SERVER_LOG" ]]; then
    log "server log: $SERVER_LOG (last 80 lines follow)"
    tail -n 80 "$SERVER_LOG" >&2 || true
  else
    log "no server log at $SERVER_LOG"
  fi
}

# on failure: show the log, then stop the server unless PAYARA_KEEP_ON_FAILURE=1
fail() {
  log "ERROR: $*"
  tail_log
  if [[ "${PAYARA_KEEP_ON_FAILURE:-0}" != 1 ]]; then do_stop || true; fi
  log "server log: $SERVER_LOG"
  exit 1
}

ensure_distribution() {
  [[ -x "$PAYARA_HOME/bin/asadmin" ]] && return 0
  local repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
  local zip="$repo/fish/payara/distributions/payara/$PAYARA_VERSION/payara-$PAYARA_VERSION.zip"
  if [[ ! -s "$zip" ]]; then
    log "distribution not in $repo, fetching with mvn dependency:copy"
    mkdir -p "$INSTALL/dist"
    timeout 600 mvn -q -B -Dstyle.color=never dependency:copy \
      "-Dartifact=fish.payara.distributions:payara:$PAYARA_VERSION:zip" \
      "-DoutputDirectory=$INSTALL/dist" </dev/null || die "mvn dependency:copy failed"
    zip="$INSTALL/dist/payara-$PAYARA_VERSION.zip"
    [[ -s "$zip" ]] || die "no $zip after mvn dependency:copy"
  fi
  log "unzipping $zip"
  rm -rf "$INSTALL/unzip.tmp"
  mkdir -p "$INSTALL/unzip.tmp"
  unzip -q "$zip" -d "$INSTALL/unzip.tmp" || die "unzip failed"
  [[ -d "$INSTALL/unzip.tmp/payara6" ]] || die "zip does not contain payara6/"
  rm -rf "$PAYARA_HOME"
  mv "$INSTALL/unzip.tmp/payara6" "$PAYARA_HOME"
  rm -rf "$INSTALL/unzip.tmp"
}

# pid of this install's running DAS, if any
running_pid() {
  local pf="$DOMAIN_DIR/config/pid" pid
  [[ -f "$pf" ]] || return 1
  pid="$(tr -dc '0-9' < "$pf")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && \
    { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$DOMAIN_DIR" && { echo "$pid"; return 0; }
  return 1
}

# all java processes whose command line points into this install dir (exact path match, by pid)
leftover_pids() {
  local p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [[ "$p" == "$$" ]] && continue
    { tr '\0' ' ' < "/proc/$p/cmdline"; } 2>/dev/null | grep -qF -- "$INSTALL/payara6/glassfish" && echo "$p"
  done
  return 0
}

do_stop() {
  local pid pids i
  if [[ -x "$PAYARA_HOME/bin/asadmin" && -d "$DOMAIN_DIR" ]]; then
    if running_pid >/dev/null; then
      log "stopping domain $DOMAIN"
      asadm 90 stop-domain --domaindir "$DOMAINS_DIR" "$DOMAIN" >&2 || log "stop-domain failed; killing"
    fi
  fi
  pids="$(leftover_pids)"
  if [[ -n "$pids" ]]; then
    log "terminating leftover pids: $(echo $pids)"
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 1 20); do
      pids="$(leftover_pids)"; [[ -z "$pids" ]] && break; sleep 1
    done
    pids="$(leftover_pids)"
    [[ -n "$pids" ]] && { log "killing -9: $(echo $pids)"; kill -KILL $pids 2>/dev/null || true; sleep 1; }
  fi
  return 0
}

# create the pristine domain once per port set; later starts copy it (create-domain costs ~17 s)
ensure_template() {
  local stamp="v1 $PAYARA_VERSION $DOMAIN http=$HTTP_PORT admin=$ADMIN_PORT jms=$JMS_PORT hz=$HZ_DAS_PORT/$HZ_START_PORT"
  if [[ -f "$TEMPLATE_DIR/$DOMAIN/config/domain.xml" && "$(cat "$TEMPLATE_DIR/stamp" 2>/dev/null)" == "$stamp" ]]; then
    return 0
  fi
  log "creating domain template ($stamp)"
  rm -rf "$TEMPLATE_DIR"
  mkdir -p "$TEMPLATE_DIR"
  # ports that are disabled below still need distinct values; none of them is opened on 0.0.0.0
  local o=$ADMIN_PORT
  local props="jms.port=$JMS_PORT:hazelcast.das.port=$HZ_DAS_PORT:hazelcast.start.port=$HZ_START_PORT"
  props="$props:domain.jmxPort=$((o+4)):orb.listener.port=$((o+5)):orb.ssl.port=$((o+6))"
  props="$props:orb.mutualauth.port=$((o+7)):http.ssl.port=$((o+8)):osgi.shell.telnet.port=$((o+9))"
  props="$props:java.debugger.port=$((o+10))"
  asadm 180 create-domain --nopassword=true --checkports=false --savelogin=false \
      --domaindir "$TEMPLATE_DIR" --adminport "$ADMIN_PORT" --instanceport "$HTTP_PORT" \
      --domainproperties "$props" "$DOMAIN" >&2 || die "create-domain failed"
  echo "$stamp" > "$TEMPLATE_DIR/stamp"
}

xml_escape() { local s="$1"; s="${s//&/&amp;}"; s="${s//</&lt;}"; s="${s//>/&gt;}"; printf '%s' "$s"; }

# Offline edits of the fresh domain copy, done before the JVM is launched:
#  - JVM options: create-jvm-options needs a running DAS, and options read at boot
#    (hazelcast.socket.bind.any, java.io.tmpdir, derby.system.home before Derby boots) must be
#    on the java command line, so they are appended to server-config's <java-config> here.
#  - <jms-service> and <phone-home-runtime-configuration> do not exist in server-config of a
#    freshly created domain (the server adds them during its first boot, after the pre-boot
#    commands ran), so "set configs.config.server-config.jms-service..." in the pre-boot file
#    silently does nothing on a fresh domain and the JMS proxy port opens on 0.0.0.0.
#    They are therefore written here.
insert_before_first() { # <file> <closing-tag-regex> <text>
  awk -v pat="$2" -v add="$3" '
    !done && $0 ~ pat { printf "%s", add; done=1 }
    { print }
    END { if (!done) exit 3 }' "$1" > "$1.new" || die "could not find $2 in $1"
  mv "$1.new" "$1"
}

prepare_domain_xml() {
  local xml="$DOMAIN_DIR/config/domain.xml" lines="" opt jms_type=DISABLED
  for opt in "$@"; do
    lines="$lines        <jvm-options>$(xml_escape "$opt")</jvm-options>\n"
  done
  insert_before_first "$xml" '</java-config>' "$lines"
  [[ "${PAYARA_JMS:-off}" == "off" ]] || jms_type=EMBEDDED
  grep -q '<jms-service' <(sed -n '/<config name="server-config"/,/<\/config>/p' "$xml") \
    && die "unexpected <jms-service> in server-config of the template"
  insert_before_first "$xml" '</config>' "\
            <jms-service type=\"$jms_type\" default-jms-host=\"default_JMS_host\">\n\
                <jms-host name=\"default_JMS_host\" host=\"127.0.0.1\" port=\"\${JMS_PROVIDER_PORT}\" lazy-init=\"true\"></jms-host>\n\
            </jms-service>\n\
            <phone-home-runtime-configuration enabled=\"false\"></phone-home-runtime-configuration>\n"
}

write_preboot() {
  local f="$1" c="configs.config.server-config"
  {
    echo "# generated by payara-server.sh; runs inside the DAS before its services start"
    echo "set $c.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1"
    echo "set $c.network-config.protocols.protocol.http-listener-1.http.allow-payload-for-undefined-http-methods=true"
    echo "set $c.network-config.network-listeners.network-listener.http-listener-2.address=127.0.0.1"
    echo "set $c.network-config.network-listeners.network-listener.http-listener-2.enabled=false"
    echo "set $c.network-config.network-listeners.network-listener.admin-listener.address=127.0.0.1"
    for l in orb-listener-1 SSL SSL_MUTUALAUTH; do
      echo "set $c.iiop-service.iiop-listener.$l.address=127.0.0.1"
      echo "set $c.iiop-service.iiop-listener.$l.enabled=false"
    done
    echo "set $c.admin-service.jmx-connector.system.address=127.0.0.1"
    echo "set $c.admin-service.jmx-connector.system.enabled=false"
    echo "set hazelcast-runtime-configuration.das-bind-address=127.0.0.1"
    echo "set hazelcast-runtime-configuration.das-public-address=127.0.0.1"
    echo "set hazelcast-runtime-configuration.interface=127.0.0.1"
    echo "set hazelcast-runtime-configuration.auto-increment-port=false"
    echo "set $c.hazelcast-config-specific-configuration.public-address=127.0.0.1"
    if [[ "${PAYARA_DATAGRID:-off}" == "off" ]]; then
      echo "set $c.hazelcast-config-specific-configuration.enabled=false"
    fi
    # Transactions in doubt after a crash (prepared, not committed) are recovered at start, from
    # a transaction log that outlives the fresh domain copy of every start.
    echo "set $c.transaction-service.automatic-recovery=true"
    echo "set $c.transaction-service.tx-log-dir=$TX_LOG_DIR"
  } > "$f"
}

http_code() {
  curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --connect-timeout 2 --max-time 10 "$1" 2>/dev/null || true
}

do_start() {
  local ear="$1" url_path="${2:-/}" t0 t_domain t_deploy deadline code url
  [[ -f "$ear" ]] || die "EAR not found: $ear"
  ear="$(abspath "$(dirname "$ear")")/$(basename "$ear")"
  [[ "$url_path" == /* ]] || url_path="/$url_path"
  t0=$(date +%s)
  deadline=$((t0 + WAIT_SECONDS))

  ensure_distribution
  do_stop   # idempotent: a previous server of this install is stopped first

  local p
  for p in "$HTTP_PORT" "$ADMIN_PORT"; do
    port_busy "$p" && die "port $p on 127.0.0.1 is already in use by another process"
  done

  ensure_template
  rm -rf "$DOMAIN_DIR"
  mkdir -p "$DOMAINS_DIR"
  cp -a "$TEMPLATE_DIR/$DOMAIN" "$DOMAIN_DIR"

  local data_dir="${TRIBUTARY_DATA_DIR:-$INSTALL/data}"
  local derby_home="${DERBY_SYSTEM_HOME:-$INSTALL/derby}"
  TX_LOG_DIR="$INSTALL/transactions"
  mkdir -p "$data_dir" "$derby_home" "$INSTALL/tmp" "$TX_LOG_DIR"
  # shellcheck disable=SC2206
  local extra=( ${PAYARA_JVM_OPTS:-} )
  prepare_domain_xml \
    "-Dhazelcast.socket.bind.any=false" \
    "-Djava.io.tmpdir=$INSTALL/tmp" \
    "-Dtributary.data.dir=$data_dir" \
    "-Dderby.system.home=$derby_home" \
    "-Dderby.storage.logBufferSize=1048576" \
    "-Dderby.storage.logSwitchInterval=16777216" \
    "${extra[@]}"

  local lib
  # shellcheck disable=SC2206
  local libs=( ${PAYARA_DOMAIN_LIBS:-} )
  for lib in "${libs[@]}"; do
    [[ -f "$lib" ]] || die "domain library not found: $lib"
    cp "$lib" "$DOMAIN_DIR/lib/"
  done

  local preboot="$INSTALL/preboot.asadmin"
  write_preboot "$preboot"

  log "starting domain $DOMAIN (http 127.0.0.1:$HTTP_PORT, admin 127.0.0.1:$ADMIN_PORT)"
  local left=$((deadline - $(date +%s)))
  (( left > 10 )) || left=10
  asadm $((left + 15)) start-domain --domaindir "$DOMAINS_DIR" --timeout "$left" \
      --prebootcommandfile "$preboot" "$DOMAIN" >&2 || fail "start-domain failed"
  t_domain=$(date +%s)
  log "domain up after $((t_domain - t0)) s"

  left=$((deadline - $(date +%s)))
  (( left > 30 )) || left=30
  log "deploying $ear"
  asadm "$left" --host 127.0.0.1 --port "$ADMIN_PORT" deploy --force=true "$ear" >&2 \
    || fail "deploy of $ear failed"
  local app
  # shellcheck disable=SC2206
  local apps=( ${PAYARA_EXTRA_DEPLOY:-} )
  for app in "${apps[@]}"; do
    [[ -f "${app%%=*}" ]] || die "application not found: ${app%%=*}"
    local root=()
    [[ "$app" == *=* ]] && root=(--contextroot "${app#*=}")
    log "deploying ${app%%=*} ${root[*]}"
    asadm "$left" --host 127.0.0.1 --port "$ADMIN_PORT" deploy --force=true \
        "${root[@]}" "${app%%=*}" >&2 || fail "deploy of ${app%%=*} failed"
  done
  t_deploy=$(date +%s)
  log "deployed after $((t_deploy - t0)) s"

  url="http://127.0.0.1:$HTTP_PORT$url_path"
  while :; do
    code="$(http_code "$url")"
    case "$code" in
      000|404|502|503|504|"") ;;
      *) break ;;
    esac
    if (( $(date +%s) >= deadline )); then
      fail "$url did not answer within ${WAIT_SECONDS}s (last HTTP code: ${code:-none})"
    fi
    running_pid >/dev/null || fail "server process died"
    sleep 1
  done
  log "$url answered HTTP $code; total $(( $(date +%s) - t0 )) s (domain $((t_domain - t0)) s, deploy $((t_deploy - t_domain)) s)"
  log "server log: $SERVER_LOG"
}

cmd="${1:-}"
case "$cmd" in
  start)
    [[ $# -ge 5 && $# -le 6 ]] || usage
    HTTP_PORT="$4"; ADMIN_PORT="$5"
    is_port "$HTTP_PORT" || die "bad http port: $HTTP_PORT"
    is_port "$ADMIN_PORT" || die "bad admin port: $ADMIN_PORT"
    [[ "$HTTP_PORT" != "$ADMIN_PORT" ]] || die "http and admin port must differ"
    JMS_PORT="${PAYARA_JMS_PORT:-$((ADMIN_PORT + 1))}"
    HZ_DAS_PORT="${PAYARA_HZ_DAS_PORT:-$((ADMIN_PORT + 2))}"
    HZ_START_PORT="${PAYARA_HZ_START_PORT:-$((ADMIN_PORT + 3))}"
    setup_paths "$2"
    do_start "$3" "${6:-/}"
    ;;
  stop)
    [[ $# -eq 2 ]] || usage
    [[ -d "$2" ]] || { log "nothing to stop: $2 does not exist"; exit 0; }
    setup_paths "$2"
    do_stop
    log "stopped"
    ;;
  *) usage ;;
esac
