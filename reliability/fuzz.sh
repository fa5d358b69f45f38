#!/usr/bin/env bash
# Real fuzzing of one albtrace fuzz target with Jazzer, for a bounded time.
#
#   reliability/fuzz.sh <FuzzTestClass> [minutes]      e.g. reliability/fuzz.sh HeaderParserFuzzTest 30
#
# Targets: HeaderParserFuzzTest, ReverseMappingFuzzTest, LogEnrichFuzzTest, NettyHandlerFuzzTest.
# Without JAZZER_FUZZ (plain `./mvnw verify`, CI) the same tests only replay their seed corpus.
# A finding is written as crash-<sha1> into the target's seed directory under src/test/resources,
# so it is replayed by every later build; the generated corpus goes to reliability/.cifuzz-corpus/.
# One target per run (Jazzer fuzzes one test per JVM); the fuzzer is single-threaded.
set -euo pipefail
target="${1:?usage: reliability/fuzz.sh <FuzzTestClass> [minutes]}"
minutes="${2:-10}"
cd "$(dirname "$0")/.."
log="reliability/target/fuzz-${target}.log"
mkdir -p reliability/target
# jazzer.internal.arg.N are Jazzer's libFuzzer arguments (arg.0 is argv[0]); a later
# -max_total_time overrides the @FuzzTest(maxDuration) of the annotation.
JAZZER_FUZZ=1 ./mvnw -B -pl reliability -am test \
  -Dtest="${target}" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$((minutes * 60))" \
  2>&1 | tee "$log" | grep -E '^#[0-9]+ +(pulse|DONE)|^Done|== Java Exception|Tests run:|BUILD' || true
grep -E '^Done [0-9]+ runs' "$log" || { echo "no fuzzing summary: see $log"; exit 1; }
grep -q 'BUILD SUCCESS' "$log"
