#!/usr/bin/env bash
# Starts Keycloak (an OpenID Connect provider) in the background for the single sign-on integration test; the test
# waits for it, so Keycloak boots while Maven compiles. .ci/run runs this before ./mvnw verify. Without the test
# realm of the shared recipes nothing starts and the test is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/keycloak-test-server.sh start
