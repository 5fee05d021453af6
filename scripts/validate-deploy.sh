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

# The secrets come from .env, which is never committed: validate with the committed example values.
docker-compose --env-file .env.example -f docker-compose.yml config -q
echo "validate-deploy: docker-compose.yml is valid ($(docker-compose version --short))"

# Without .env the file must refuse to start, naming the missing secret.
no_secrets=$(mktemp)
trap 'rm -f "$no_secrets"' EXIT
if output=$(env -u POSTGRES_PASSWORD -u ALPHABET_OPERATOR_PASSWORD \
    docker-compose --env-file "$no_secrets" -f docker-compose.yml config -q 2>&1); then
  echo "validate-deploy: docker-compose.yml accepted missing secrets" >&2
  exit 1
fi
if [[ "$output" != *POSTGRES_PASSWORD* && "$output" != *ALPHABET_OPERATOR_PASSWORD* ]]; then
  echo "validate-deploy: unexpected error without secrets: $output" >&2
  exit 1
fi
echo "validate-deploy: missing secrets are refused"
