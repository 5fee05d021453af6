#!/usr/bin/env bash
# Runs the CI subset of the fault-injection suite (scenarios 2, 7, 9 and 12, tagged "ci") on three real broker
# processes and the two service processes, then prints the report. The other modules are built (not tested) first.
#
#   scripts/reliability-ci.sh            the CI subset
#   scripts/reliability-ci.sh --all      every scenario (same as ./mvnw -B verify -Preliability, without the other modules' tests)
set -euo pipefail
cd "$(dirname "$0")/.."

filter=(-Dgroups=ci)
if [[ ${1:-} == --all ]]; then
  filter=()
fi

# -Dgroups / -Dtest select no test in the other modules: they are only built and packaged.
status=0
./mvnw -B verify -Preliability -pl reliability-tests -am "${filter[@]}" -Dtest='*FaultTests' \
  -Dsurefire.failIfNoSpecifiedTests=false || status=$?
report=reliability-tests/target/reliability-report.md
if [[ -f $report ]]; then
  cat "$report"
fi
exit $status
