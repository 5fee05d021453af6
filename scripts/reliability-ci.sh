#!/usr/bin/env bash
# Runs the CI subset of the fault-injection suite (scenarios 2, 7, 9 and 12, tagged "ci") on three real broker
# processes and the two service processes, then prints the report (reliability-tests/target/reliability-report.md,
# with the delivery-model matrix at its end). The other modules are built (not tested) first.
#
#   scripts/reliability-ci.sh              the CI subset, each service in its default delivery model (about 6 min)
#   scripts/reliability-ci.sh --per-model  the CI subset, with its scenario 9 (kill -9 of the consumer) run once per
#                                          delivery model instead of once: the default pair, then
#                                          --alphabet.delivery=MODEL passed to both services for each model
#                                          (about 3 min more). This is what CI runs.
#   scripts/reliability-ci.sh --all        every scenario (same as ./mvnw -B verify -Preliability, without the other
#                                          modules' tests)
#   scripts/reliability-ci.sh --secure     the CI subset on a secured cluster (SASL_SSL, SCRAM-SHA-512, ACLs): the
#                                          suite's admin declares each scenario's topics and ACLs, and each service
#                                          connects as its own principal (-Dreliability.secure=true). Combines with
#                                          --per-model and --all.
#
# With --per-model, RELIABILITY_MODELS (default at-least-once/exactly-once,at-most-once,at-least-once,exactly-once:
# the default pair, then each model on both sides; any PRODUCER/CONSUMER pair works) and RELIABILITY_MODEL_SCENARIOS
# (default 9; any of 2, 7, 8, 9) change what
# runs per model. The suite's own switches, for a run by hand: -Dreliability.delivery=MODEL runs every scenario in one
# model; -Dreliability.models=LIST runs the matrix scenarios (2, 7, 8, 9) once per model, restricted to
# -Dreliability.models.scenarios=LIST when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."

filter=(-Dgroups=ci)
models=()
secure=()
for option in "$@"; do
  case $option in
    --all) filter=() ;;
    --per-model)
      models=("-Dreliability.models=${RELIABILITY_MODELS:-at-least-once/exactly-once,at-most-once,at-least-once,exactly-once}"
        "-Dreliability.models.scenarios=${RELIABILITY_MODEL_SCENARIOS:-9}")
      ;;
    --secure) secure=(-Dreliability.secure=true) ;;
    *) echo "usage: $0 [--per-model | --all] [--secure]" >&2; exit 2 ;;
  esac
done

# -Dgroups / -Dtest select no test in the other modules: they are only built and packaged.
status=0
./mvnw -B verify -Preliability -pl reliability-tests -am "${filter[@]}" "${models[@]}" "${secure[@]}" -Dtest='*FaultTests' \
  -Dsurefire.failIfNoSpecifiedTests=false || status=$?
report=reliability-tests/target/reliability-report.md
if [[ -f $report ]]; then
  cat "$report"
fi
exit $status
