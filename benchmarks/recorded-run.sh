#!/bin/sh
# The recorded run of benchmarks/README.md ("Run them"), in rounds: each round runs every headline
# benchmark once (-f1), so that a slow or fast stretch of a noisy machine falls on albtrace and on the
# peers alike (one JMH run of -f8 runs all of one benchmark's forks before the next benchmark's).
# Then the other header rows in two rounds and the other groups once; Rounds pools the forks of
# every round into benchmarks/results/kvm-epyc-2vcpu-jdk17.json, with JMH's own statistics. Last,
# `albtrace enrich` against `gzip -dc` end to end (enrich-vs-gzip.sh, 30 rounds) into
# benchmarks/results/kvm-epyc-2vcpu-jdk17-enrich-vs-gzip.json.
#
#   ./mvnw -B -q -pl benchmarks,cli,test-support -am package -DskipTests
#   benchmarks/recorded-run.sh [ROUNDS]        # about 31 minutes with the default 8 rounds
#
# The JMH part and the end-to-end part each start on a quiet machine: the script waits (at most 20
# minutes) for a 1-minute load average below 0.5, and notes the load it started at. Every JMH
# run's JSON and log, and the load (1, 5, 15 minutes) every 30 s, stay in benchmarks/target/recorded.
# The chart and table are then made with Chart (see the README), with the load in the caption.
set -eu
cd "$(dirname -- "$0")/.."
rounds=${1:-8}
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/recorded
[ -f "$jar" ] || { echo "no $jar: build it first (see the top of this script)" >&2; exit 2; }
[ -x cli/target/albtrace ] || { echo "no cli/target/albtrace: build it first (see the top of this script)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"

headline='HeaderToDatadog.(albtrace|albtraceReadOnly|albtraceParse|xraySdk|brave|otel)$'
rest='HeaderToDatadog.(albtraceStrings|floorCharPass|floorIndexOfRoot|handSplit|handRegex)$'
others='ParseByShape|RootToHeaders|DatadogToRoot|LogEnrichment|ServletAdapter|NettyAdapter'

# The load averages (1, 5, 15 minutes), with the time.
load() { echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; }

(while true; do load; sleep 30; done) >> "$out/load.txt" &
sampler=$!
trap 'kill $sampler 2>/dev/null' EXIT

# quiet PART: waits until the 1-minute load average is below 0.5 (at most 20 minutes), and notes it
quiet() {
  waited=0
  while [ "$(awk '{ print ($1 < 0.5) }' /proc/loadavg)" != 1 ] && [ "$waited" -lt 1200 ]; do
    sleep 10
    waited=$((waited + 10))
  done
  echo "$(load) $1 starts (waited ${waited} s for a load below 0.5)" >> "$out/load.txt"
}

files=
# run NAME REGEX JMH-OPTIONS...: one JMH run, its JSON kept for pooling
run() {
  name=$1
  shift
  echo "$(load) $name" >> "$out/load.txt"
  java -jar "$jar" "$@" -w 1s -r 1s -prof gc -rf json -rff "$out/$name.json" > "$out/$name.log" 2>&1
  files="$files $out/$name.json"
}

quiet JMH
i=1
while [ "$i" -le "$rounds" ]; do run "headline-$i" "$headline" -f1 -wi 3 -i 10; i=$((i + 1)); done
run rest-1 "$rest" -f1 -wi 3 -i 10
run rest-2 "$rest" -f1 -wi 3 -i 10
run others "$others" -f1 -wi 3 -i 4

# shellcheck disable=SC2086 # $files is a list of paths without spaces
java -cp "$jar" io.albtrace.benchmarks.Rounds benchmarks/results/kvm-epyc-2vcpu-jdk17.json $files
echo "pooled $(echo $files | wc -w) runs into benchmarks/results/kvm-epyc-2vcpu-jdk17.json"

quiet "enrich vs gzip"
benchmarks/enrich-vs-gzip.sh --json benchmarks/results/kvm-epyc-2vcpu-jdk17-enrich-vs-gzip.json 30 > "$out/enrich-vs-gzip.log"
tail -n 1 "$out/enrich-vs-gzip.log"
echo "$(load) done" >> "$out/load.txt"
echo "load: $out/load.txt"
