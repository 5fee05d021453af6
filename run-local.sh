#!/usr/bin/env bash
# Runs the whole system on this machine, on a real Kafka broker started from Kafka's own jars (no Docker):
# builds what is missing or out of date, starts local-kafka, the consumer and the producer, streams their output
# with a prefix per process, and stops everything on Ctrl-C or SIGTERM.
#
#   ./run-local.sh [--fresh] [--brokers 1|3] [--delivery MODEL] [--secure] [--demo-outage SECONDS]
#
# Environment: ALPHABET_SENDER_INTERVAL (e.g. 200ms), SPRING_KAFKA_PRODUCER_PROPERTIES_DELIVERY_TIMEOUT_MS and any
# other Spring property as an environment variable reach both services unchanged. LOCAL_KAFKA_PORT (9092),
# PRODUCER_PORT (8080) and CONSUMER_PORT (8081) move the ports; Kafka's controllers listen 100 above its brokers.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$PWD
DATA=$ROOT/data
LOGS=$DATA/logs
# Ports can be moved when something else holds the defaults.
KAFKA_PORT=${LOCAL_KAFKA_PORT:-9092}
PRODUCER_PORT=${PRODUCER_PORT:-8080}
CONSUMER_PORT=${CONSUMER_PORT:-8081}

usage() {
  cat <<'EOF'
Usage: ./run-local.sh [--fresh] [--brokers 1|3] [--delivery MODEL] [--secure] [--demo-outage SECONDS]
  --fresh                 delete data/ (broker data, both services' H2 databases, logs) and start clean
  --brokers 1|3           one Kafka node (default), or three separate node processes with RF 3 and min ISR 2
  --delivery MODEL        at-most-once, at-least-once or exactly-once: ALPHABET_DELIVERY for both services
                          (default: each service's own default)
  --secure                SASL_SSL with SCRAM-SHA-512 and ACLs: the producer and the consumer connect as their own
                          principals; certificates and random passwords are made on first use in data/secrets
  --demo-outage SECONDS   once letters flow, kill Kafka, keep it down SECONDS (longer than the producer's
                          delivery timeout), then start it again and watch the producer recover
EOF
}

say() { printf '[run-local] %s\n' "$*"; }
die() {
  printf '[run-local] ERROR: %s\n' "$*" >&2
  exit 1
}

fresh=false
brokers=1
secure=false
outage=0
delivery=
while (($#)); do
  case $1 in
    --fresh) fresh=true ;;
    --secure) secure=true ;;
    --brokers)
      [[ $# -ge 2 && ($2 == 1 || $2 == 3) ]] || die "--brokers takes 1 or 3"
      brokers=$2
      shift
      ;;
    --delivery)
      [[ $# -ge 2 && $2 =~ ^(at-most-once|at-least-once|exactly-once)$ ]] ||
        die "--delivery takes at-most-once, at-least-once or exactly-once"
      delivery=$2
      shift
      ;;
    --demo-outage)
      [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || die "--demo-outage takes a number of seconds, e.g. --demo-outage 150"
      outage=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown option '$1'"
      ;;
  esac
  shift
done

# --- Checks: Java, ports -------------------------------------------------------------------------------------------

command -v java > /dev/null 2>&1 || die "Java not found: install a JDK 17 or newer and put 'java' on the PATH"
java_version=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
java_major=${java_version#1.}
java_major=${java_major%%.*}
[[ $java_major =~ ^[0-9]+$ ]] || die "could not tell the Java version of $(command -v java)"
((java_major >= 17)) || die "Java $java_version is too old: this needs Java 17 or newer (found $(command -v java))"

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

check_port() {
  if port_in_use "$1"; then
    die "port $1 is already in use (needed by $2): stop what uses it (an earlier ./run-local.sh?) and try again"
  fi
}
for ((node = 0; node < brokers; node++)); do
  check_port $((KAFKA_PORT + node)) "Kafka broker $((node + 1))"
  check_port $((KAFKA_PORT + 100 + node)) "Kafka controller $((node + 1))"
done
check_port $PRODUCER_PORT "the producer"
check_port $CONSUMER_PORT "the consumer"

# --- Build ---------------------------------------------------------------------------------------------------------

jar_of() {
  local jars=("$ROOT/$1"/target/"$1"-*.jar)
  [[ -f ${jars[0]} ]] && printf '%s\n' "${jars[0]}"
}

out_of_date() {
  local jar
  jar=$(jar_of "$1") || return 0
  [[ -n $(find "$ROOT/$1/src" "$ROOT/$1/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit 2> /dev/null) ]]
}

modules=(local-kafka consumer-service producer-service)
build=false
for module in "${modules[@]}"; do
  if out_of_date "$module"; then
    build=true
  fi
done
if $build; then
  mvn_cmd=(./mvnw)
  [[ -x ./mvnw ]] || mvn_cmd=(mvn)
  say "building (${mvn_cmd[*]} -q package -DskipTests) ..."
  build_start=$SECONDS
  "${mvn_cmd[@]}" -q package -DskipTests || die "the build failed: see the Maven output above"
  say "built in $((SECONDS - build_start)) s"
fi
for module in "${modules[@]}"; do
  jar_of "$module" > /dev/null || die "no jar in $module/target after the build"
done

# --- Processes -----------------------------------------------------------------------------------------------------

if $fresh; then
  say "--fresh: deleting $DATA"
  rm -rf "$DATA"
fi
mkdir -p "$LOGS" "$DATA/producer" "$DATA/consumer"

declare -A pid=()
declare -A prefixer=()
pause_pid=

# Starts a command in the background; its output goes to the terminal with a prefix and to data/logs/NAME.log.
start() {
  local name=$1 dir=$2
  shift 2
  local fd
  # The prefixer ignores SIGINT: on Ctrl-C it keeps printing until its process has finished shutting down.
  exec {fd}> >(
    trap '' INT TERM
    exec awk -v prefix="$(printf '[%s]%*s' "$name" $((10 - ${#name})) '')" -v logfile="$LOGS/$name.log" \
      '{ print prefix $0; fflush(); print $0 >> logfile; fflush(logfile) }'
  )
  prefixer[$name]=$!
  (cd "$dir" && exec "$@") >&"$fd" 2>&1 &
  pid[$name]=$!
  exec {fd}>&-
}

# Stops a process with SIGTERM, then SIGKILL after a timeout, and reaps it and its prefixer.
stop() {
  local name=$1 timeout=${2:-60}
  local p=${pid[$name]:-}
  [[ -n $p ]] || return 0
  if kill -0 "$p" 2> /dev/null; then
    say "stopping $name (pid $p)"
    kill -TERM "$p" 2> /dev/null || true
    local waited=0
    while kill -0 "$p" 2> /dev/null && ((waited < timeout * 10)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$p" 2> /dev/null; then
      say "$name did not stop within ${timeout} s: killing it"
      kill -KILL "$p" 2> /dev/null || true
    fi
  fi
  wait "$p" 2> /dev/null || true
  wait "${prefixer[$name]}" 2> /dev/null || true
  unset "pid[$name]"
}

cleanup() {
  trap '' INT TERM
  trap - EXIT
  [[ -z $pause_pid ]] || kill "$pause_pid" 2> /dev/null || true
  stop producer 60
  stop consumer 60
  stop kafka 90
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup' EXIT

# Sleeps in the background so that a signal runs the trap at once.
pause() {
  sleep "$1" &
  pause_pid=$!
  wait "$pause_pid" || true
}

alive() { [[ -n ${pid[$1]:-} ]] && kill -0 "${pid[$1]}" 2> /dev/null; }

bootstrap=127.0.0.1:$KAFKA_PORT
for ((node = 1; node < brokers; node++)); do
  bootstrap+=",127.0.0.1:$((KAFKA_PORT + node))"
done

start_kafka() {
  local log_lines=0
  [[ -f $LOGS/kafka.log ]] && log_lines=$(wc -l < "$LOGS/kafka.log")
  local started=$SECONDS
  local secured=()
  $secure && secured=(--secure --secrets-dir "$DATA/secrets")
  start kafka "$ROOT" java -Xmx64m -jar "$(jar_of local-kafka)" --nodes "$brokers" --port "$KAFKA_PORT" \
    --data-dir "$DATA/kafka" --heap 512m "${secured[@]}"
  until tail -n +$((log_lines + 1)) "$LOGS/kafka.log" 2> /dev/null | grep -q 'Kafka is ready on'; do
    alive kafka || die "local-kafka stopped during start-up: see the [kafka] lines above"
    ((SECONDS - started < 240)) || die "Kafka was not ready within 240 s: see the [kafka] lines above"
    pause 0.2
  done
}

# HTTP status of a GET on 127.0.0.1 (no curl needed): 000 when nothing answers.
http_status() {
  (
    exec 3<> "/dev/tcp/127.0.0.1/$1" &&
      printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 &&
      IFS=' ' read -r -t 5 _ status _ <&3 &&
      printf '%s\n' "$status"
  ) 2> /dev/null || printf '000\n'
}

await_ready() {
  local name=$1 port=$2 started=$SECONDS
  until [[ $(http_status "$port" /actuator/health/readiness) == 200 ]]; do
    alive "$name" || die "the $name stopped during start-up: see the [$name] lines above"
    ((SECONDS - started < 180)) || die "the $name was not ready within 180 s: see the [$name] lines above"
    pause 0.5
  done
}

replication_factor=1
min_insync=1
if ((brokers == 3)); then
  replication_factor=3
  min_insync=2
fi
export SPRING_KAFKA_BOOTSTRAP_SERVERS=$bootstrap
export ALPHABET_REPLICATION_FACTOR=${ALPHABET_REPLICATION_FACTOR:-$replication_factor}
export ALPHABET_MIN_INSYNC_REPLICAS=${ALPHABET_MIN_INSYNC_REPLICAS:-$min_insync}
export SPRING_MAIN_BANNER_MODE=${SPRING_MAIN_BANNER_MODE:-off}
# Tracing across Kafka (off in the services' application.yml for the sender's top speed; at the demo's interval it
# costs nothing visible): each letter's trace id in both services' log lines and in the consumer's row.
export SPRING_KAFKA_TEMPLATE_OBSERVATION_ENABLED=${SPRING_KAFKA_TEMPLATE_OBSERVATION_ENABLED:-true}
export SPRING_KAFKA_LISTENER_OBSERVATION_ENABLED=${SPRING_KAFKA_LISTENER_OBSERVATION_ENABLED:-true}
if [[ -n $delivery ]]; then
  export ALPHABET_DELIVERY=$delivery
  say "delivery model: $delivery (producer and consumer)"
fi
if ((outage > 0)) && [[ -z ${SPRING_KAFKA_PRODUCER_PROPERTIES_DELIVERY_TIMEOUT_MS:-} ]]; then
  # Half the outage, so sends give up while Kafka is still down; at least request.timeout.ms (30 s) plus margin.
  delivery_timeout=$((outage * 500))
  ((delivery_timeout >= 35000)) || delivery_timeout=35000
  ((delivery_timeout <= 120000)) || delivery_timeout=120000
  export SPRING_KAFKA_PRODUCER_PROPERTIES_DELIVERY_TIMEOUT_MS=$delivery_timeout
fi
if ((outage > 0 && outage * 1000 <= ${SPRING_KAFKA_PRODUCER_PROPERTIES_DELIVERY_TIMEOUT_MS:-120000})); then
  say "warning: a ${outage} s outage is shorter than the delivery timeout: the producer will ride it out by retrying"
fi

# Faster start-up: the jar extracted (the JVM caches classes from plain jars only), and a cache of the classes a
# training run loaded: Java 25's ahead-of-time cache (JEP 483/514: classes loaded and linked, method profiles), or
# on Java 17-24 a class-data sharing archive. Made once per build, beside the jar in MODULE/target/fast-start/ (so
# --fresh keeps it); RUN_LOCAL_FAST_START=off runs the plain jar. Sets fast_start to the java arguments that run it.
prepare_fast_start() {
  local module=$1 jar dir app cache
  jar=$(jar_of "$module")
  fast_start=(-jar "$jar")
  [[ ${RUN_LOCAL_FAST_START:-on} != off ]] || return 0
  dir=$ROOT/$module/target/fast-start
  if ((java_major >= 25)); then
    cache=$dir/application.aot
  else
    cache=$dir/application.jsa
  fi
  app=$dir/$(basename "$jar")
  if [[ ! -f $cache || $jar -nt $cache ]]; then
    rm -rf "$dir"
    say "$module: extracting the jar and recording a class cache (once per build) ..."
    local record=(-XX:ArchiveClassesAtExit="$cache")
    ((java_major >= 25)) && record=(-XX:AOTCacheOutput="$cache")
    # A training run: the context starts and stops at once, on an in-memory database and without touching Kafka.
    if ! { java -Djarmode=tools -jar "$jar" extract --destination "$dir" &&
      (cd "$dir" && java "${service_opts[@]}" "${record[@]}" -Dspring.context.exit=onRefresh \
        -Dspring.datasource.url=jdbc:h2:mem:training -Dspring.kafka.admin.auto-create=false -jar "$app"); } \
      > "$LOGS/fast-start-$module.log" 2>&1 || [[ ! -f $cache ]]; then
      say "$module: no class cache (see data/logs/fast-start-$module.log); running the jar as it is"
      rm -rf "$dir"
      return 0
    fi
  fi
  if ((java_major >= 25)); then
    fast_start=(-XX:AOTCache="$cache" -jar "$app")
  else
    fast_start=(-XX:SharedArchiveFile="$cache" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$app")
  fi
}

# With --secure, the Kafka settings of a principal, as environment variables for one service (set in its
# process only): SASL_SSL, its SCRAM password, the local CA's trust store; the admin declares the topics.
kafka_env=()
kafka_env_of() {
  kafka_env=()
  $secure || return 0
  local secrets=$DATA/secrets
  kafka_env=(SPRING_KAFKA_SECURITY_PROTOCOL=SASL_SSL SPRING_KAFKA_PROPERTIES_SASL_MECHANISM=SCRAM-SHA-512
    "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$(< "$secrets/$1.password")\";"
    SPRING_KAFKA_SSL_TRUST_STORE_TYPE=PKCS12 "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION=file:$secrets/truststore.p12"
    "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD=$(< "$secrets/store.password")" SPRING_KAFKA_ADMIN_AUTO_CREATE=false)
}

run_start=$SECONDS
say "starting Kafka ($brokers node(s)) on $bootstrap, data in data/kafka$($secure && echo ', SASL_SSL (secrets in data/secrets)')"
start_kafka
say "Kafka ready after $((SECONDS - run_start)) s"
# The images' JVM options (README, "Both services: memory"): the serial collector and a 160 MB heap keep each
# service's peak RSS under 400 MB; two malloc arenas (MALLOC_ARENA_MAX, set per service below), not up to 8 per core.
service_opts=(-XX:+UseSerialGC -Xmx160m)
prepare_fast_start consumer-service
kafka_env_of consumer
start consumer "$DATA/consumer" env SERVER_PORT=$CONSUMER_PORT MALLOC_ARENA_MAX=2 "${kafka_env[@]}" java "${service_opts[@]}" "${fast_start[@]}"
prepare_fast_start producer-service
kafka_env_of producer
start producer "$DATA/producer" env SERVER_PORT=$PRODUCER_PORT MALLOC_ARENA_MAX=2 "${kafka_env[@]}" java "${service_opts[@]}" "${fast_start[@]}"
await_ready consumer $CONSUMER_PORT
await_ready producer $PRODUCER_PORT

say "ready after $((SECONDS - run_start)) s. Letters flow every ${ALPHABET_SENDER_INTERVAL:-<default interval>}."
say "  Kafka            $bootstrap ($brokers node(s), data in data/kafka)"
say "  producer health  http://localhost:$PRODUCER_PORT/actuator/health"
say "  consumer health  http://localhost:$CONSUMER_PORT/actuator/health"
say "  sequences        http://localhost:$CONSUMER_PORT/api/sequences"
say "  failed messages  http://localhost:$PRODUCER_PORT/api/failed-messages"
say "  logs             data/logs/{kafka,producer,consumer}.log"
if $secure; then
  say "  Kafka's tools    --command-config data/secrets/admin.properties (also producer, consumer)"
fi
say "Ctrl-C stops everything."

if ((outage > 0)); then
  pause 20
  say "DEMO: killing Kafka (kill -9) for ${outage} s; the producer's delivery timeout is" \
    "${SPRING_KAFKA_PRODUCER_PROPERTIES_DELIVERY_TIMEOUT_MS:-120000} ms"
  # Kill the nodes first, so they die like a crashed broker instead of shutting down when their launcher goes.
  for node_pid in $(pgrep -P "${pid[kafka]}" || true); do
    kill -KILL "$node_pid" 2> /dev/null || true
  done
  kill -KILL "${pid[kafka]}" 2> /dev/null || true
  wait "${pid[kafka]}" 2> /dev/null || true
  wait "${prefixer[kafka]}" 2> /dev/null || true
  outage_start=$SECONDS
  while ((SECONDS - outage_start < outage)); do
    pause 10
    say "DEMO: Kafka down for $((SECONDS - outage_start)) s; readiness: producer" \
      "$(http_status $PRODUCER_PORT /actuator/health/readiness), consumer $(http_status $CONSUMER_PORT /actuator/health/readiness)"
  done
  say "DEMO: starting Kafka again"
  start_kafka
  say "DEMO: Kafka is back; watch the producer resend its PENDING messages (http://localhost:$PRODUCER_PORT/api/failed-messages)"
fi

while true; do
  for name in kafka consumer producer; do
    alive "$name" || die "the $name stopped: see the [$name] lines above"
  done
  pause 2
done
