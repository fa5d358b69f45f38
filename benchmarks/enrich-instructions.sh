#!/bin/sh
# Instructions of `albtrace enrich`'s per-line code, counted by valgrind's callgrind: a yardstick
# for a change to that code that does not move from run to run, where wall time on a shared guest
# moves 15-40 % from one minute to the next (benchmarks/README.md, "End to end"). EnrichPasses runs
# the per-line code as the launcher does (C1 only, serial GC; -Xbatch, so that compiling ends before
# the passes that count) over a log held in memory. A pass is the difference between a run of 4
# passes and a run of 2, in the thread that ran them.
#
#   ./mvnw -B -q -pl benchmarks,test-support -am package -DskipTests
#   benchmarks/enrich-instructions.sh [FILE]
#
# FILE (relative to the repository's root) defaults to 13,000 lines in one gzip member, made once
# with SampleLogGenerator --seed 42. CLASSES, when set, goes on the class path before the jar: a
# directory of changed classes to count against the jar's. About two minutes. Needs valgrind.
set -eu
cd "$(dirname -- "$0")/.."
jar=benchmarks/target/benchmarks.jar
default=benchmarks/target/alb-13000.log.gz
file=${1:-$default}
[ -f "$jar" ] || { echo "no $jar: build it first (see the top of this script)" >&2; exit 2; }
command -v valgrind > /dev/null || { echo "needs valgrind" >&2; exit 2; }
if [ "$file" != "$default" ] && [ ! -f "$file" ]; then echo "no such file: $file" >&2; exit 2; fi
if [ ! -f "$file" ]; then
  java -cp test-support/target/classes io.albtrace.testsupport.SampleLogGenerator \
    --lines 13000 --members 1 --seed 42 "$file"
fi
cp=$jar
if [ -n "${CLASSES:-}" ]; then cp=$CLASSES:$jar; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# count PASSES: the instructions of the thread that ran them, the JVM's main thread (callgrind's
# thread 2; thread 1 is the launcher's, which waits). Not the thread with the most: when the
# compiler inlines more (a larger -XX:C1MaxInlineSize), the compiler thread can have more.
count() {
  if ! valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$tmp/cg.$1" \
      java -Xbatch -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" io.albtrace.benchmarks.EnrichPasses \
      "$file" "$1" > "$tmp/out.$1" 2> "$tmp/err.$1"; then
    echo "the run of $1 passes failed (valgrind and the JVM do not always agree: run it again):" >&2
    grep -v '^==' "$tmp/err.$1" | tail -n 5 >&2
    exit 1
  fi
  awk '/^summary:/ { print $2 }' "$tmp/cg.$1-02"
}
two=$(count 2)
four=$(count 4)
lines=$(awk '/ lines a pass, / { print $1 }' "$tmp/out.4")
awk -v a="$two" -v b="$four" -v lines="$lines" -v file="$file" 'BEGIN {
  p = (b - a) / 2
  printf "%s: %.0f instructions a pass (%d lines), %.0f a line; runs of 2 and 4 passes: %.0f and %.0f\n", file, p, lines, p / lines, a, b
}'
