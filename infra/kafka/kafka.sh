#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller) for Hookstream development and tests,
# run from the Maven Central jars on the machine's Java (17+). No Docker needed.
#
#   infra/kafka/kafka.sh start    # idempotent: reuses a running broker, else fetches jars,
#                                 # formats storage once, starts and waits until usable
#   infra/kafka/kafka.sh stop     # SIGTERM, wait, SIGKILL only as a last resort
#   infra/kafka/kafka.sh status   # exit 0 when a usable broker answers on the port (3: not running)
#   infra/kafka/kafka.sh restart  # stop, then start
#   infra/kafka/kafka.sh reset    # stop and delete broker data and logs (keeps the jars)
#   infra/kafka/kafka.sh fetch    # only download the jars
#   infra/kafka/kafka.sh logs     # follow the broker log
#
#   Add --secure to any command for the SASL broker instead: its own data folder
#   (<data dir>/kafka-secure) and ports (9192, controller 9193), a SASL_PLAINTEXT listener with
#   SCRAM-SHA-512 users (admin, hookstream-api, hookstream-router, hookstream-worker,
#   hookstream-producer; passwords generated on first start into kafka-secure/scram-users.env),
#   StandardAuthorizer with User:admin as the only super user, and authorizer denials logged.
#   It never touches the plaintext broker: e.g. 'kafka.sh stop --secure' stops only the secure one.
#
# Environment:
#   KAFKA_PORT             broker port on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default 9093)
#   HOOKSTREAM_DATA_DIR    where jars, data and logs live (default <repo>/.data); uses ./kafka in it
#   KAFKA_HEAP_OPTS        default "-Xms256m -Xmx512m"
#   KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS   extra JVM flags (replace / append)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to become usable (default 90)
#   KAFKA_STOP_TIMEOUT     seconds to wait for a clean exit before SIGKILL (default 30)
#   KAFKA_CDS              1 (default): keep an AppCDS class archive for faster starts; 0: off
#   JAVA                   java binary (default $JAVA_HOME/bin/java, else java on PATH)
#   MAVEN_OPTS             passed to Maven, e.g. -Dmaven.repo.local=DIR for another local repository
#   KAFKA_SECURE_PORT      --secure: SASL_PLAINTEXT port on 127.0.0.1 (default 9192; KAFKA_PORT is ignored)
#   KAFKA_SECURE_CONTROLLER_PORT  --secure: controller port (default 9193)
#   KAFKA_LIBS_DIR         where the jars are (default <data dir>/kafka/libs, shared by both brokers)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"

# --secure may come anywhere among the arguments; it selects the SASL broker's folder and ports
# before anything else is computed, so no command can act on the plaintext broker by mistake.
KAFKA_SECURE=0
args=()
for arg in "$@"; do
  if [ "$arg" = "--secure" ]; then KAFKA_SECURE=1; else args+=("$arg"); fi
done
set -- "${args[@]+"${args[@]}"}"

HOOKSTREAM_DATA_DIR="${HOOKSTREAM_DATA_DIR:-$repo_root/.data}"
if [ "$KAFKA_SECURE" = 1 ]; then
  # Separate variables: a KAFKA_PORT=9092 exported for the plaintext broker must not leak in.
  KAFKA_PORT="${KAFKA_SECURE_PORT:-9192}"
  KAFKA_CONTROLLER_PORT="${KAFKA_SECURE_CONTROLLER_PORT:-9193}"
  kafka_home="$HOOKSTREAM_DATA_DIR/kafka-secure"
  props_template="$script_dir/server-secure.properties.template"
  log4j_file="$script_dir/log4j-secure.properties"
else
  KAFKA_PORT="${KAFKA_PORT:-9092}"
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
  kafka_home="$HOOKSTREAM_DATA_DIR/kafka"
  props_template="$script_dir/server.properties.template"
  log4j_file="$script_dir/log4j.properties"
fi
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_CDS="${KAFKA_CDS:-1}"

libs_dir="${KAFKA_LIBS_DIR:-$HOOKSTREAM_DATA_DIR/kafka/libs}"
scram_users_file="$kafka_home/scram-users.env"
data_dir="$kafka_home/data"
logs_dir="$kafka_home/logs"
props_file="$kafka_home/server.properties"
cluster_id_file="$kafka_home/cluster-id"
pid_file="$kafka_home/kafka.pid"
lock_file="$kafka_home/.lock"
cds_file="$kafka_home/kafka.jsa"
pom="$script_dir/pom.xml"

log() { printf '%s\n' "$*"; }
err() { printf 'kafka: error: %s\n' "$*" >&2; }

now_ms() { date +%s%3N; }
elapsed() { # $1 = start in ms; prints seconds with one decimal
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

validate_env() {
  local name value
  for name in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_START_TIMEOUT KAFKA_STOP_TIMEOUT KAFKA_CDS; do
    value="${!name}"
    if ! [[ "$value" =~ ^[0-9]+$ ]]; then
      err "$name must be a number, got '$value'"
      exit 2
    fi
  done
  if [ "$KAFKA_PORT" = "$KAFKA_CONTROLLER_PORT" ]; then
    err "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both $KAFKA_PORT)"
    exit 2
  fi
}

kafka_version() { sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom"; }

find_java() {
  if [ -n "${JAVA:-}" ]; then
    printf '%s' "$JAVA"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    printf '%s' "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    err "no Java found: install a JDK/JRE 17+ (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
    exit 1
  fi
}

java_major() { # $1 = java
  "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\)[."].*/\1/p'
}

check_java() {
  local java major
  java="$(find_java)"
  major="$(java_major "$java")"
  if [ -z "$major" ] || [ "$major" -lt 11 ]; then
    err "Kafka $(kafka_version) needs Java 11+ (17 recommended); $java reports: $("$java" -version 2>&1 | head -n1)"
    exit 1
  fi
  printf '%s' "$java"
}

# ---------------------------------------------------------------------------------------------
# Probes: plain bash /dev/tcp, no JVM, so they take milliseconds.

port_open() { # $1 = port
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" >/dev/null 2>&1
}

# Sends one Kafka request on a fresh connection and prints the first $3 bytes of the response
# as hex. $2 is the request (printf format, including the 4-byte size prefix).
kafka_request() { # $1 = port, $2 = request, $3 = bytes to read
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "$2" >&3
    dd bs=1 count="$3" <&3 2>/dev/null | od -An -tx1 | tr -d " \n"
  ' _ "$@" 2>/dev/null
}

# True when a Kafka broker answers on the port AND is usable: ApiVersions succeeds and a
# Metadata request lists at least one (unfenced) broker.
kafka_ready() { # $1 = port
  local port="$1" resp
  # ApiVersions v0, correlation id "HSK1", client id "hookstream".
  # Response: size(4) correlation_id(4) error_code(2).
  resp="$(kafka_request "$port" '\x00\x00\x00\x14\x00\x12\x00\x00HSK1\x00\x0ahookstream' 10)" || return 1
  [ "${resp:8:12}" = "48534b310000" ] || return 1
  # A SASL listener answers ApiVersions before authentication but closes the connection on any
  # other request, so for the secure broker ApiVersions (plus the start-up log line) is the probe.
  [ "$KAFKA_SECURE" = 1 ] && return 0
  # Metadata v4 for all topics (null array), no auto-creation, correlation id "HSK2".
  # Response: size(4) correlation_id(4) throttle_time_ms(4) brokers count(4).
  resp="$(kafka_request "$port" '\x00\x00\x00\x19\x00\x03\x00\x04HSK2\x00\x0ahookstream\xff\xff\xff\xff\x00' 16)" || return 1
  [ "${resp:8:8}" = "48534b32" ] || return 1
  [ "${#resp}" -eq 32 ] && [ $((16#${resp:24:8})) -ge 1 ]
}

# ---------------------------------------------------------------------------------------------
# Process bookkeeping

is_our_kafka() { # $1 = pid: alive and running kafka.Kafka with our properties file
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ -r "/proc/$pid/cmdline" ] || return 0 # no /proc (not Linux): trust the pid file
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "kafka.Kafka $props_file "
}

running_pid() { # prints the broker's pid when it is running
  local pid=""
  if [ -f "$pid_file" ]; then
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if is_our_kafka "$pid"; then
      printf '%s' "$pid"
      return 0
    fi
  fi
  # Pid file lost: look for a kafka.Kafka process started with our properties file.
  if [ -d /proc ]; then
    local d
    for d in /proc/[0-9]*; do
      pid="${d#/proc/}"
      if [ -r "$d/cmdline" ] && tr '\0' ' ' <"$d/cmdline" 2>/dev/null | grep -qF -- "kafka.Kafka $props_file "; then
        printf '%s' "$pid"
        return 0
      fi
    done
  fi
  return 1
}

# ---------------------------------------------------------------------------------------------
# Jars

libs_stamp() { cksum <"$pom" | cut -d' ' -f1,2; }

libs_present() {
  [ -f "$libs_dir/.complete" ] && [ "$(cat "$libs_dir/.complete")" = "$(libs_stamp)" ]
}

fetch_libs() {
  if libs_present; then
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    # Maven only resolves the jars; like Prometheus, install it from the system's packages when
    # we may (root with apt-get), so a machine with Java and npm needs nothing installed by hand.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "Maven (mvn) is missing: installing Debian's maven package (one time)"
      if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends maven; } >&2; then
        err "apt-get install maven failed (see above); install Maven and run again"
        exit 1
      fi
    else
      err "Maven (mvn) is needed to fetch the Kafka jars from Maven Central: install it (e.g. apt-get install maven) and run again"
      exit 1
    fi
  fi
  local started mvn_log mvn_pid rc tmp_dir
  started="$(now_ms)"
  mvn_log="$kafka_home/mvn-fetch.log"
  tmp_dir="$kafka_home/libs.tmp"
  rm -rf "$tmp_dir"
  mkdir -p "$tmp_dir"
  printf 'kafka: fetching Apache Kafka %s jars from Maven Central into %s (about 46 MB, once) ' \
    "$(kafka_version)" "$libs_dir"
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    -DoutputDirectory="$tmp_dir" -DincludeScope=runtime >"$mvn_log" 2>&1 &
  mvn_pid=$!
  while kill -0 "$mvn_pid" 2>/dev/null; do
    printf '.'
    sleep 2
  done
  rc=0
  wait "$mvn_pid" || rc=$?
  if [ "$rc" -ne 0 ] || ! compgen -G "$tmp_dir/kafka_2.13-*.jar" >/dev/null; then
    printf ' failed\n'
    err "Maven could not fetch the jars (exit $rc); its output ($mvn_log):"
    tail -n 30 "$mvn_log" >&2 || true
    exit 1
  fi
  libs_stamp >"$tmp_dir/.complete"
  rm -rf "$libs_dir"
  mv "$tmp_dir" "$libs_dir"
  printf ' done in %ss (%s jars)\n' "$(elapsed "$started")" "$(find "$libs_dir" -name '*.jar' | wc -l)"
}

# ---------------------------------------------------------------------------------------------
# Class data sharing: the first run writes an archive of the loaded classes when the JVM exits
# (on 'stop'); later starts map it, which cuts start-up by about a second on a 2-core machine.
# The archive belongs to one set of jars and one JVM build, so a change of either makes a new one.

cds_opts() { # $1 = java; prints the JVM flags
  [ "$KAFKA_CDS" = "1" ] || return 0
  [ "$(java_major "$1")" -ge 13 ] || return 0
  local stamp
  stamp="$(libs_stamp) $("$1" -Xshare:auto -version 2>&1 | cksum | cut -d' ' -f1) $libs_dir"
  if [ -s "$cds_file" ] && [ "$(cat "$cds_file.stamp" 2>/dev/null || true)" = "$stamp" ]; then
    printf '%s' "-XX:SharedArchiveFile=$cds_file -Xshare:auto"
  else
    rm -f "$cds_file"
    printf '%s\n' "$stamp" >"$cds_file.stamp"
    printf '%s' "-XX:ArchiveClassesAtExit=$cds_file"
  fi
}

# ---------------------------------------------------------------------------------------------
# Configuration and storage

# The SCRAM principals of the secure broker, one per service plus the super user.
scram_users=(admin hookstream-api hookstream-router hookstream-worker hookstream-producer)

scram_password_var() { # $1 = user name; prints e.g. KAFKA_SCRAM_PASSWORD_HOOKSTREAM_API
  printf 'KAFKA_SCRAM_PASSWORD_%s' "$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
}

# Generates one random password per user, once, into a file only this user can read. The
# passwords are bootstrapped into the KRaft metadata at format time (--add-scram).
ensure_scram_users() {
  [ "$KAFKA_SECURE" = 1 ] || return 0
  [ -s "$scram_users_file" ] && return 0
  local tmp="$scram_users_file.tmp" user
  (
    umask 077
    : >"$tmp"
    for user in "${scram_users[@]}"; do
      printf '%s=%s\n' "$(scram_password_var "$user")" "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >>"$tmp"
    done
  )
  mv "$tmp" "$scram_users_file"
  log "kafka: generated SCRAM passwords for ${scram_users[*]} in $scram_users_file"
}

scram_password() { # $1 = user name
  sed -n "s/^$(scram_password_var "$1")=//p" "$scram_users_file"
}

render_props() {
  local tmp="$props_file.tmp" admin_password=""
  if [ "$KAFKA_SECURE" = 1 ]; then admin_password="$(scram_password admin)"; fi
  (
    umask 077 # the secure broker's properties hold the admin password
    sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@KAFKA_LOG_DIRS@|$data_dir|g" \
      -e "s|@ADMIN_PASSWORD@|$admin_password|g" \
      "$props_template" >"$tmp"
  )
  mv "$tmp" "$props_file"
}

new_cluster_id() { # a random Kafka Uuid: 16 bytes, URL-safe base64 without padding, not starting with "-"
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [ "${id:0:1}" != "-" ] && break
  done
  printf '%s' "$id"
}

format_storage() { # $1 = java
  if [ -f "$data_dir/meta.properties" ]; then
    return 0
  fi
  [ -s "$cluster_id_file" ] || new_cluster_id >"$cluster_id_file"
  local cluster_id fmt_log
  cluster_id="$(cat "$cluster_id_file")"
  fmt_log="$logs_dir/format.log"
  log "kafka: formatting KRaft storage in $data_dir (cluster id $cluster_id)"
  mkdir -p "$data_dir"
  local scram_args=() user
  if [ "$KAFKA_SECURE" = 1 ]; then
    for user in "${scram_users[@]}"; do
      scram_args+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(scram_password "$user")]")
    done
  fi
  if ! "$1" -Xmx256m -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$script_dir/log4j-tools.properties" \
    -cp "$libs_dir/*" kafka.tools.StorageTool format --ignore-formatted \
    -t "$cluster_id" -c "$props_file" "${scram_args[@]+"${scram_args[@]}"}" >"$fmt_log" 2>&1; then
    err "formatting storage failed; output ($fmt_log):"
    cat "$fmt_log" >&2
    exit 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Commands

wait_ready() { # $1 = pid, $2 = start time in ms
  local pid="$1" started="$2" deadline ticks=0
  deadline=$(($(date +%s) + KAFKA_START_TIMEOUT))
  printf 'kafka: waiting for the broker on 127.0.0.1:%s ' "$KAFKA_PORT"
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      printf ' exited\n'
      err "the broker (pid $pid) exited during start-up. Last lines of $logs_dir/server.log and kafka.out:"
      tail -n 25 "$logs_dir/server.log" >&2 2>/dev/null || true
      tail -n 25 "$logs_dir/kafka.out" >&2 2>/dev/null || true
      rm -f "$pid_file"
      exit 1
    fi
    if grep -q 'Kafka Server started' "$logs_dir/server.log" 2>/dev/null && kafka_ready "$KAFKA_PORT"; then
      printf ' ready\n'
      log "kafka: Apache Kafka $(kafka_version) is up on 127.0.0.1:$KAFKA_PORT (pid $pid) after $(elapsed "$started")s"
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      printf ' timed out\n'
      err "the broker (pid $pid) was not usable after ${KAFKA_START_TIMEOUT}s; it is left running." \
        "See $logs_dir/server.log and $logs_dir/kafka.out; 'infra/kafka/kafka.sh stop' stops it."
      tail -n 15 "$logs_dir/server.log" >&2 2>/dev/null || true
      exit 1
    fi
    ticks=$((ticks + 1))
    if [ $((ticks % 4)) -eq 0 ]; then printf '.'; fi
    sleep 0.25
  done
}

cmd_start() {
  local started pid java cds
  started="$(now_ms)"
  mkdir -p "$kafka_home" "$logs_dir"

  # One starter at a time (parallel test runs may all call start): the others wait, then reuse.
  exec 9>"$lock_file"
  if command -v flock >/dev/null 2>&1 && ! flock -w $((KAFKA_START_TIMEOUT + 600)) 9; then
    err "another 'kafka.sh start' holds $lock_file for too long"
    exit 1
  fi

  if kafka_ready "$KAFKA_PORT"; then
    pid="$(running_pid || true)"
    log "kafka: already running on 127.0.0.1:$KAFKA_PORT${pid:+ (pid $pid)}; reusing it"
    return 0
  fi
  if pid="$(running_pid)"; then
    log "kafka: broker process $pid is running but not usable yet"
    wait_ready "$pid" "$started"
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    err "127.0.0.1:$KAFKA_PORT is in use by something that is not a usable Kafka broker; free it or set KAFKA_PORT"
    exit 1
  fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then
    err "controller port 127.0.0.1:$KAFKA_CONTROLLER_PORT is in use; free it or set KAFKA_CONTROLLER_PORT"
    exit 1
  fi

  java="$(check_java)"
  fetch_libs
  ensure_scram_users
  render_props
  format_storage "$java"
  cds="$(cds_opts "$java")"

  if [ -f "$logs_dir/server.log" ]; then
    mv -f "$logs_dir/server.log" "$logs_dir/server.previous.log"
  fi
  log "kafka: starting Apache Kafka $(kafka_version) (KRaft, node 1) with $KAFKA_HEAP_OPTS; logs in $logs_dir"
  rm -f "$pid_file"
  # The broker gets its own session (setsid) so that Ctrl-C in the terminal or the end of a test
  # run does not kill it: later runs reuse it, and 'kafka.sh stop' ends it. The inner shell
  # writes its own pid, which exec hands to the JVM.
  local detach=()
  if command -v setsid >/dev/null 2>&1; then detach=(setsid); fi
  # shellcheck disable=SC2016,SC2086 # inner shell expands $$/$0/$@; *_OPTS are word lists
  nohup "${detach[@]}" bash -c 'printf "%s\n" "$$" >"$0" && exec "$@"' "$pid_file" \
    "$java" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $cds $KAFKA_OPTS \
    -Dlog4j.configuration="file:$log4j_file" -Dkafka.logs.dir="$logs_dir" \
    -cp "$libs_dir/*" kafka.Kafka "$props_file" >"$logs_dir/kafka.out" 2>&1 9>&- </dev/null &
  for _ in {1..50}; do
    [ -s "$pid_file" ] && break
    sleep 0.1
  done
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [ -z "$pid" ]; then
    err "the broker did not start; see $logs_dir/kafka.out"
    cat "$logs_dir/kafka.out" >&2 2>/dev/null || true
    exit 1
  fi
  wait_ready "$pid" "$started"
}

cmd_stop() {
  local pid deadline
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    log "kafka: not running"
    return 0
  fi
  printf 'kafka: stopping the broker (pid %s) ' "$pid"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(($(date +%s) + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      printf ' still running after %ss, sending SIGKILL' "$KAFKA_STOP_TIMEOUT"
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$cds_file" # it may have been cut short while being written
      sleep 1
      break
    fi
    printf '.'
    sleep 0.5
  done
  rm -f "$pid_file"
  printf ' stopped\n'
}

cmd_status() {
  local pid=""
  pid="$(running_pid || true)"
  if kafka_ready "$KAFKA_PORT"; then
    log "kafka: running and ready on 127.0.0.1:$KAFKA_PORT${pid:+ (pid $pid)}, data in $kafka_home"
    return 0
  fi
  if [ -n "$pid" ]; then
    log "kafka: process $pid is running but not answering as a usable broker on 127.0.0.1:$KAFKA_PORT"
    return 1
  fi
  log "kafka: not running (port $KAFKA_PORT, data in $kafka_home)"
  return 3
}

cmd_reset() {
  cmd_stop
  log "kafka: deleting broker data and logs in $kafka_home (jars kept)"
  rm -rf "$data_dir" "$logs_dir" "$cluster_id_file" "$props_file" "$pid_file" "$scram_users_file"
}

cmd_fetch() {
  mkdir -p "$kafka_home"
  check_java >/dev/null
  fetch_libs
  log "kafka: jars for Apache Kafka $(kafka_version) are in $libs_dir"
}

cmd_logs() {
  exec tail -n 100 -F "$logs_dir/server.log"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

main() {
  validate_env
  case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop && cmd_start ;;
  reset) cmd_reset ;;
  fetch) cmd_fetch ;;
  logs) cmd_logs ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
  esac
}

main "$@"
