#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine, with the docker-compose 1.29 that Debian packages.
# Usage: scripts/validate-deploy.sh   (installs docker-compose with apt-get when it is missing and we are root)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose > /dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "validate-deploy: docker-compose is not installed; install it (apt-get install --no-install-recommends docker-compose) or run as root" >&2
    exit 1
  fi
  echo "validate-deploy: installing docker-compose"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose > /dev/null
fi

secrets=(POSTGRES_PASSWORD PRODUCER_DB_PASSWORD CONSUMER_DB_PASSWORD ALPHABET_OPERATOR_PASSWORD GRAFANA_ADMIN_PASSWORD
  KAFKA_ADMIN_PASSWORD KAFKA_PRODUCER_PASSWORD KAFKA_CONSUMER_PASSWORD KAFKA_UI_PASSWORD)
unset_secrets=()
for name in "${secrets[@]}"; do unset_secrets+=(-u "$name"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The file itself, with a value for every secret (as a real .env has them).
for name in "${secrets[@]}"; do echo "$name=validate-$RANDOM$RANDOM"; done > "$work/filled.env"
env "${unset_secrets[@]}" docker-compose --env-file "$work/filled.env" -f docker-compose.yml config -q
echo "validate-deploy: docker-compose.yml is valid ($(docker-compose version --short))"

# .env.example holds no usable password: as committed, compose must refuse it, naming an empty secret.
if output=$(env "${unset_secrets[@]}" docker-compose --env-file .env.example -f docker-compose.yml config -q 2>&1); then
  echo "validate-deploy: docker-compose.yml starts with the placeholders of .env.example" >&2
  exit 1
fi
if [[ $output != *"(see .env.example)"* ]]; then
  echo "validate-deploy: unexpected error with .env.example: $output" >&2
  exit 1
fi
for name in "${secrets[@]}"; do
  grep -Eq "^$name=$" .env.example || {
    echo "validate-deploy: .env.example must leave $name empty" >&2
    exit 1
  }
done
echo "validate-deploy: the placeholders of .env.example are refused"

# Without .env the file must refuse to start, naming the missing secret.
: > "$work/empty.env"
if output=$(env "${unset_secrets[@]}" docker-compose --env-file "$work/empty.env" -f docker-compose.yml config -q 2>&1); then
  echo "validate-deploy: docker-compose.yml accepted missing secrets" >&2
  exit 1
fi
if [[ $output != *_PASSWORD* ]]; then
  echo "validate-deploy: unexpected error without secrets: $output" >&2
  exit 1
fi
echo "validate-deploy: missing secrets are refused"

# Each service connects to PostgreSQL as its own role, to its own database.
for service in producer consumer; do
  config=$(env "${unset_secrets[@]}" docker-compose --env-file "$work/filled.env" -f docker-compose.yml config)
  grep -q "SPRING_DATASOURCE_USERNAME: $service" <<< "$config" || {
    echo "validate-deploy: the $service-service does not connect as the role $service" >&2
    exit 1
  }
done
echo "validate-deploy: each service has its own database role"

# Kafka: SASL_SSL everywhere, each service as its own SCRAM user through its own secrets volume, never PLAINTEXT.
config=$(env "${unset_secrets[@]}" docker-compose --env-file "$work/filled.env" -f docker-compose.yml config)
if grep -Eq 'PLAINTEXT|SECURITY_PROTOCOL_MAP: .*:(PLAINTEXT|SSL)(,|$)' <<< "$config"; then
  echo "validate-deploy: a Kafka listener or client is not SASL_SSL" >&2
  exit 1
fi
for setting in "SPRING_KAFKA_SECURITY_PROTOCOL: SASL_SSL" 'SPRING_KAFKA_ADMIN_AUTO_CREATE: "false"' \
  "KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer" \
  'KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: "false"' "KAFKA_SUPER_USERS: User:admin" \
  "producer-secrets:/run/secrets:ro" "consumer-secrets:/run/secrets:ro"; do
  grep -qF -- "$setting" <<< "$config" || {
    echo "validate-deploy: docker-compose.yml lacks $setting" >&2
    exit 1
  }
done
echo "validate-deploy: Kafka is SASL_SSL with ACLs; each service logs in from its own secrets volume"
