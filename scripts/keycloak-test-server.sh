#!/usr/bin/env bash
# keycloak-test-server.sh - a throw-away Keycloak (OpenID Connect provider) on 127.0.0.1 for the single sign-on
# integration test (allot-web SignOnKeycloakIT). Keycloak's distribution comes from Maven Central through ./mvnw;
# the test realm (client "allot", users dana/dana-pass in gpu-deciders and vic/vic-pass in no group) is the
# keycloak-test-realm.json of the shared recipes next to the repository (../shared/recipes).
#
#   keycloak-test-server.sh start [--wait]  download and unpack once, start in the background and return at once
#                                           (--wait: until the realm answers); does nothing when it already answers
#   keycloak-test-server.sh stop            stop it
#   keycloak-test-server.sh status          exit 0 only when the realm answers
#
# The test reads the issuer URL from target/keycloak/issuer and waits for the realm itself, so CI starts Keycloak
# while Maven compiles. Without the realm file nothing starts and the test is skipped with a message.
# Overrides: ALLOT_KEYCLOAK_VERSION, ALLOT_KEYCLOAK_PORT, ALLOT_KEYCLOAK_HOME (where it is unpacked),
# ALLOT_RECIPES (the folder holding keycloak-test-realm.json).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=${ALLOT_KEYCLOAK_VERSION:-26.4.7}
port=${ALLOT_KEYCLOAK_PORT:-18089}
recipes=${ALLOT_RECIPES:-$root/../shared/recipes}
home=${ALLOT_KEYCLOAK_HOME:-${HOME:-/tmp}/.cache/allot/keycloak}
state=$root/target/keycloak
issuer="http://127.0.0.1:$port/realms/allot"
log() { echo "[keycloak-test-server] $*" >&2; }

answers() { curl -fsS -m 5 "$issuer/.well-known/openid-configuration" >/dev/null 2>&1; }

java_home() {
  for j in "${JAVA_HOME:-}" "$("$root/allot" --print-java-home 2>/dev/null || true)"; do
    [ -n "$j" ] && [ -x "$j/bin/java" ] && { echo "$j"; return; }
  done
  log "no JDK found; Keycloak needs Java 21 or newer"; return 1
}

start() {
  local realm=$recipes/keycloak-test-realm.json
  mkdir -p "$state"
  if [ ! -f "$realm" ]; then
    rm -f "$state/issuer"
    log "$realm is absent: Keycloak not started; the single sign-on integration test will be skipped"
    return 0
  fi
  if answers; then
    echo "$issuer" >"$state/issuer"
    log "already answering at $issuer"
    return 0
  fi
  if [ -f "$state/keycloak.pid" ] && kill -0 "$(cat "$state/keycloak.pid")" 2>/dev/null; then
    echo "$issuer" >"$state/issuer"
    log "already starting (pid $(cat "$state/keycloak.pid")): $issuer"
    return 0
  fi
  local dist=$home/keycloak-$version
  export JAVA_HOME; JAVA_HOME=$(java_home)
  if [ ! -x "$dist/bin/kc.sh" ]; then
    mkdir -p "$home"
    log "downloading org.keycloak:keycloak-quarkus-dist:$version from Maven Central"
    "$root/mvnw" -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
      -DoutputDirectory="$home" >/dev/null
    (cd "$home" && unzip -q -o "keycloak-quarkus-dist-$version.zip" && rm -f "keycloak-quarkus-dist-$version.zip")
  fi
  mkdir -p "$dist/data/import"
  cp "$realm" "$dist/data/import/allot-realm.json"
  rm -rf "$dist/data/h2"   # start-dev keeps its own database; a fresh one imports the realm as it is now
  date +%s >"$state/started-at"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    setsid nohup "$dist/bin/kc.sh" start-dev --http-port "$port" --http-host 127.0.0.1 --import-realm \
    >"$state/keycloak.log" 2>&1 </dev/null &
  echo $! >"$state/keycloak.pid"
  echo "$issuer" >"$state/issuer"
  log "starting in the background (pid $(cat "$state/keycloak.pid"), log $state/keycloak.log): $issuer"
}

wait_ready() {
  local limit=${1:-300}
  for _ in $(seq 1 "$limit"); do
    answers && { log "ready after $(($(date +%s) - $(cat "$state/started-at" 2>/dev/null || date +%s))) s"; return 0; }
    sleep 1
  done
  log "no answer within $limit s; see $state/keycloak.log"; return 1
}

stop() {
  if [ -f "$state/keycloak.pid" ]; then
    local pid; pid=$(cat "$state/keycloak.pid")
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    rm -f "$state/keycloak.pid"
    log "stopped (pid $pid)"
  fi
  rm -f "$state/issuer"
}

case "${1:-}" in
  start) start; if [ "${2:-}" = "--wait" ] && [ -f "$state/issuer" ]; then wait_ready; fi ;;
  stop) stop ;;
  status) answers && { echo "answering at $issuer"; exit 0; } || { echo "not answering at $issuer"; exit 1; } ;;
  *) echo "usage: $0 start [--wait] | stop | status" >&2; exit 2 ;;
esac
