#!/bin/sh
# make bench: measured performance targets. Prints one line per measurement.
set -eu
cd "$(dirname "$0")/../../.."
mvn -B -q test-compile >/dev/null
CP="target/test-classes:target/netpol-lab.jar"
OUT=target/bench
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== analyze: 1,000 pods, 50 namespaces, 300 policies (target: <= 3 s wall incl. JVM start and YAML parsing, <= 1 GiB heap)"
java -cp "$CP" dev.netpollab.bench.SyntheticCluster "$OUT/cluster" 1000 50 300
start=$(date +%s%N)
NETPOL_LAB_JAVA_OPTS="-Xmx1g" ./netpol-lab analyze "$OUT/cluster" --format json --stats > "$OUT/analyze.json" 2> "$OUT/analyze.stats"
end=$(date +%s%N)
cat "$OUT/analyze.stats"
echo "output: $(wc -l < "$OUT/analyze.json") lines, $(du -h "$OUT/analyze.json" | cut -f1)"
echo "wall: $(( (end - start) / 1000000 )) ms (limit 3000 ms), heap capped at 1 GiB (-Xmx1g)"

echo
echo "== analyze: large inputs in bounded memory (heap capped at 512 MiB): 50 MB of pods, and a 3.3 MB kind: List"
java -cp "$CP" dev.netpollab.bench.LargeInput "$OUT/large" 50
for f in pods.yaml list.yaml; do
  start=$(date +%s%N)
  NETPOL_LAB_JAVA_OPTS="-Xmx512m" ./netpol-lab analyze "$OUT/large/$f" --format json --stats > /dev/null 2> "$OUT/large.stats" || { echo "FAILED:"; cat "$OUT/large.stats"; }
  end=$(date +%s%N)
  echo "$f ($(du -h "$OUT/large/$f" | cut -f1)): $(grep -h 'read+parse' "$OUT/large.stats"), wall $(( (end - start) / 1000000 )) ms"
done

echo
echo "== shell: launch to first prompt, check latency on the embedded lab, and a long pasted line"
java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=off dev.netpollab.bench.ShellBench ./netpol-lab

echo
echo "== workshop: 100 learners x 20 checks against one server on 127.0.0.1 (each result graded and stored once; p95 reported)"
java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=off dev.netpollab.bench.WorkshopBench 100 20

echo "== probes: 50 real probes from 5 pods at once on network namespaces, half dropped (target: <= connect timeout 2 s + 1.5 s)"
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.netpollab.probe.NetnsProbeBench

echo
echo "== validate: the scenario library with every scenario's mutation test (target: <= 30 s wall incl. JVM start)"
start=$(date +%s%N)
./netpol-lab validate scenarios --no-color | tail -1
end=$(date +%s%N)
echo "wall: $(( (end - start) / 1000000 )) ms (limit 30000 ms)"
