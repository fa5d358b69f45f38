#!/bin/sh
# The end-to-end comparison of benchmarks/README.md ("End to end"): `albtrace enrich` through its
# launcher against `gzip -dc` on the same multi-member .gz, output to /dev/null, in rounds that run
# each command once, so that both see the same moment of a noisy machine. Prints each round's wall
# times and ratio, then the medians: the README quotes the median of the per-round ratios and the
# ratio of the medians.
#
#   ./mvnw -B -q -pl cli,test-support -am package -DskipTests
#   benchmarks/enrich-vs-gzip.sh [ROUNDS] [FILE]
#
# ROUNDS defaults to 30. FILE defaults to the README's input, made once if missing: 172,000 lines
# in 12 gzip members (16 MB, 110 MB of log), SampleLogGenerator --seed 42.
# Needs GNU date (nanoseconds), gzip and awk.
set -eu
cd "$(dirname -- "$0")/.."
rounds=${1:-30}
default=benchmarks/target/alb-172000x12.log.gz
file=${2:-$default}
launcher=cli/target/albtrace
[ -x "$launcher" ] || { echo "no $launcher: build it first (see the top of this script)" >&2; exit 2; }
if [ "$file" != "$default" ] && [ ! -f "$file" ]; then echo "no such file: $file" >&2; exit 2; fi
if [ ! -f "$file" ]; then
  java -cp test-support/target/classes io.albtrace.testsupport.SampleLogGenerator \
    --lines 172000 --members 12 --seed 42 "$file"
fi

# One run of $@ with its output thrown away; prints its wall time in ms.
ms() {
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

rows=benchmarks/target/enrich-vs-gzip.txt
mkdir -p benchmarks/target
echo "round gzip_ms albtrace_ms gzip/albtrace"
: > "$rows"
i=1
while [ "$i" -le "$rounds" ]; do
  g=$(ms gzip -dc "$file")
  a=$(ms "$launcher" enrich "$file")
  echo "$i $g $a" | awk '{ printf "%d %d %d %.3f\n", $1, $2, $3, $2 / $3 }' | tee -a "$rows"
  i=$((i + 1))
done
awk '
  { n++; g[n] = $2; a[n] = $3; r[n] = $4; if ($4 >= 0.8) met++ }
  function median(v, k,   i, j, t) {
    for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
  }
  END {
    mg = median(g, n); ma = median(a, n); mr = median(r, n)
    printf "%d rounds: medians gzip -dc %.0f ms, albtrace enrich %.0f ms; ratio of the medians %.3f; median of the per-round ratios %.3f; %d rounds at 0.8 or more\n", n, mg, ma, mg / ma, mr, met + 0
  }' "$rows"
