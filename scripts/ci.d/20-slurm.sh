#!/usr/bin/env bash
# Starts the one-node Slurm test cluster (installing its Debian packages when missing) so that the
# allot-slurm integration tests run against real daemons. .ci/run runs this as root before ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/slurm-test-cluster.sh start
