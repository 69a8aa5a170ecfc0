#!/usr/bin/env bash
# Stops the private dockerd that setup.sh started, and removes the env file so the tests say
# plainly that no engine answers. Images stay in $E2E_ROOT/data and the rootfs tarballs in
# $E2E_CACHE, so the next setup.sh is quick.
#   --purge        also delete $E2E_ROOT (the engine's images and build cache)
#   --purge-cache  also delete $E2E_CACHE (the rootfs tarballs and .debs: next setup is cold)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/e2e/env.sh
. "$here/env.sh"

purge='' purge_cache=''
for arg in "$@"; do
  case $arg in
    --purge) purge=1 ;;
    --purge-cache) purge_cache=1 ;;
    *) echo "usage: $0 [--purge] [--purge-cache]" >&2; exit 2 ;;
  esac
done
log() { printf '[e2e teardown] %s\n' "$*"; }

pid=$(cat "$E2E_PIDFILE" 2>/dev/null || true)
# Only a dockerd that uses our pidfile: a recycled pid must not take some other process down.
if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--pidfile $E2E_PIDFILE"; then
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  # dockerd stops its containers and its containerd first; give it time, then insist.
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "dockerd still running after 30s: killing it"
    kill -KILL "$pid" || true
  fi
  log "dockerd stopped"
else
  log "no dockerd of ours is running (pidfile $E2E_PIDFILE)"
fi
rm -f "$E2E_ENV_FILE"

if [ -n "$purge" ]; then
  log "removing $E2E_ROOT"
  remove_tree "$E2E_ROOT"
fi
if [ -n "$purge_cache" ]; then
  log "removing $E2E_CACHE"
  remove_tree "$E2E_CACHE"
fi
