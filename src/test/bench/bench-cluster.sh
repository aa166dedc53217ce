#!/bin/sh
# make bench-cluster: the real-lab targets (boot, 50-probe grade, reset) on a disposable k3s + Calico
# cluster. Needs Docker that can run privileged containers and pull (or has cached) the images.
set -eu
cd "$(dirname "$0")/../../.."
mvn -B -q test-compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
echo "== k3s + Calico lab: boot to first task, one grade of 50 real probes, scenario reset"
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.netpollab.bench.ClusterBench
