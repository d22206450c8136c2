#!/usr/bin/env bash
# Starts the one-node Slurm test cluster (installing its Debian packages when missing) so that the
# Slurm integration tests run against real daemons. .ci/run runs this as root before ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The daemons bind the address the hostname resolves to, which must be loopback; fresh CI machines
# sometimes map the hostname to their network address or not at all.
host=$(hostname)
addr=$(getent ahostsv4 "$host" | awk 'NR==1{print $1}' || true)
case "$addr" in
  127.*) ;;
  *) echo "[20-slurm] mapping $host to 127.0.1.1 in /etc/hosts (was '${addr:-unresolved}')" >&2
     # first line wins; rewrite in place because /etc/hosts is often a bind mount in containers
     hosts=$(cat /etc/hosts); printf '127.0.1.1 %s\n%s\n' "$host" "$hosts" > /etc/hosts ;;
esac
scripts/slurm-test-cluster.sh start
