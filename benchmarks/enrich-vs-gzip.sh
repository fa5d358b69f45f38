#!/bin/sh
# The end-to-end comparison of benchmarks/README.md ("End to end"): `albtrace enrich` through its
# launcher against `gzip -dc` on the same multi-member .gz, output to /dev/null, in rounds that run
# each command once, so that both see the same moment of a noisy machine. Prints each round's wall
# times and ratio, then the medians: the README quotes the median of the per-round ratios and the
# ratio of the medians.
#
#   ./mvnw -B -q -pl cli,test-support -am package -DskipTests
#   benchmarks/enrich-vs-gzip.sh [--json OUT] [ROUNDS] [FILE]
#
# ROUNDS defaults to 30. FILE defaults to the README's input, made once if missing: 172,000 lines
# in 12 gzip members (16 MB, 110 MB of log), SampleLogGenerator --seed 42. --json also writes every
# round and the summary to OUT (the recorded run keeps it in benchmarks/results). FILE and OUT are
# relative to the repository's root. Needs GNU date (nanoseconds), gzip and awk.
set -eu
cd "$(dirname -- "$0")/.."
json=
if [ "${1:-}" = "--json" ]; then
  [ $# -ge 2 ] || { echo "--json needs a file" >&2; exit 2; }
  json=$2
  shift 2
fi
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

# The load averages (1, 5, 15 minutes), for the record.
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

rows=benchmarks/target/enrich-vs-gzip.txt
mkdir -p benchmarks/target
echo "round gzip_ms albtrace_ms gzip/albtrace"
: > "$rows"
load_before=$(load)
i=1
while [ "$i" -le "$rounds" ]; do
  g=$(ms gzip -dc "$file")
  a=$(ms "$launcher" enrich "$file")
  echo "$i $g $a" | awk '{ printf "%d %d %d %.3f\n", $1, $2, $3, $2 / $3 }' | tee -a "$rows"
  i=$((i + 1))
done
load_after=$(load)
awk -v json="$json" -v file="$file" -v gz_bytes="$(wc -c < "$file")" -v java="$(java -version 2>&1 | head -n 1 | tr -d '"')" \
    -v load_before="$load_before" -v load_after="$load_after" '
  { n++; g[n] = $2; a[n] = $3; r[n] = $4; if ($4 >= 0.8) met++ }
  function median(v, k,   i, j, t) {
    for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
  }
  END {
    if (json != "") {
      # before median() sorts the arrays in place
      printf "{\n  \"benchmark\": \"albtrace enrich FILE vs gzip -dc FILE, output to /dev/null, wall time\",\n" > json
      printf "  \"file\": \"%s\",\n  \"file_bytes\": %d,\n  \"java\": \"%s\",\n", file, gz_bytes, java > json
      printf "  \"load_1_5_15_min_before\": \"%s\",\n  \"load_1_5_15_min_after\": \"%s\",\n", load_before, load_after > json
      printf "  \"rounds\": [\n" > json
      for (i = 1; i <= n; i++) {
        printf "    {\"gzip_ms\": %d, \"albtrace_ms\": %d, \"ratio\": %.3f}%s\n", g[i], a[i], r[i], i < n ? "," : "" > json
      }
    }
    mg = median(g, n); ma = median(a, n); mr = median(r, n)
    printf "%d rounds: medians gzip -dc %.0f ms, albtrace enrich %.0f ms; ratio of the medians %.3f; median of the per-round ratios %.3f; %d rounds at 0.8 or more\n", n, mg, ma, mg / ma, mr, met + 0
    if (json != "") {
      printf "  ],\n  \"median_gzip_ms\": %.1f,\n  \"median_albtrace_ms\": %.1f,\n", mg, ma > json
      printf "  \"ratio_of_medians\": %.3f,\n  \"median_of_ratios\": %.3f,\n  \"rounds_at_0_8_or_more\": %d\n}\n", mg / ma, mr, met + 0 > json
    }
  }' "$rows"
