#!/usr/bin/env bash
# Prepares the Docker end-to-end tests (test/e2e):
#   1. Debian's docker.io and debootstrap, installed only when missing;
#   2. a private dockerd (own data-root, exec-root, pidfile and socket under $E2E_ROOT), started
#      only when nothing answers on that socket;
#   3. local base images made with debootstrap, because nothing can be pulled from a registry here:
#        e2e/debian:bookworm  minbase, with the apt hooks of the official debian images
#        e2e/python:bookworm  the same plus Debian's python3, pip and venv
#      Each is built once; the rootfs tarball is cached under $E2E_CACHE for the next engine;
#   4. the environment the tests need, printed and written to $E2E_ENV_FILE.
# Idempotent and safe to run again (a warm run takes a second or two). Needs root.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/e2e/env.sh
. "$here/env.sh"

PYTHON_IMAGE=e2e/python:$E2E_SUITE
DEBIAN_IMAGE=e2e/debian:$E2E_SUITE
RECIPE_LABEL=org.dockerfile-codemod.e2e.recipe

t0=$EPOCHREALTIME
# Seconds since $1, one decimal.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf '[e2e setup %6ss] %s\n' "$(since "$t0")" "$*"; }
die() {
  log "ERROR: $*" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || die "run as root: dockerd and debootstrap need it"
# A unix socket path has room for 107 bytes; dockerd's error for a longer one is cryptic.
[ ${#E2E_SOCKET} -le 100 ] || die "E2E_ROOT is too long for a unix socket path: $E2E_SOCKET"
mkdir -p "$E2E_ROOT" "$E2E_CACHE"
# One setup at a time: two concurrent debootstraps into the same cache would trip over each other.
exec 9>"$E2E_CACHE/setup.lock"
if ! flock -n 9; then
  log "another setup.sh is running (lock $E2E_CACHE/setup.lock); waiting for it"
  flock -w 900 9 || die "still locked after 15 minutes: is a setup.sh stuck? (fuser -v $E2E_CACHE/setup.lock)"
fi

# --- 1. packages -------------------------------------------------------------------------------
# docker.io brings dockerd, the BuildKit-capable 20.10 client, containerd, runc and tini;
# debootstrap needs Debian's archive keyring to check the mirror's signatures.
wanted=(docker.io debootstrap debian-archive-keyring)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "packages present: ${wanted[*]}"
else
  s=$EPOCHREALTIME
  log "installing ${missing[*]} (apt log: $E2E_ROOT/apt.log)"
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  } >"$E2E_ROOT/apt.log" 2>&1 || {
    tail -n 20 "$E2E_ROOT/apt.log" >&2
    die "apt-get failed"
  }
  log "installed ${missing[*]} in $(since "$s")s"
fi

# --- 2. private dockerd ------------------------------------------------------------------------
engine_answers() { timeout 10 "$E2E_DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  log "dockerd already answers on $DOCKER_HOST"
else
  s=$EPOCHREALTIME
  pid=$(cat "$E2E_PIDFILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # Ours, still starting (or hung): starting a second one would only fail on the pidfile.
    log "dockerd (pid $pid) is running but not answering yet; waiting for it"
  else
    log "starting dockerd on $DOCKER_HOST (log: $E2E_DOCKERD_LOG)"
    # No bridge, NAT or iptables: builds use --network=host, and a sandbox may not allow them.
    # setsid: its own session, so it outlives this script and the shell that ran it; 9>&-: it
    # must not inherit the setup lock, or the next setup.sh would wait for it forever.
    setsid dockerd \
      --data-root "$E2E_ROOT/data" --exec-root "$E2E_ROOT/exec" --pidfile "$E2E_PIDFILE" \
      --host "$DOCKER_HOST" \
      --bridge=none --iptables=false --ip-masq=false --ip-forward=false \
      >"$E2E_DOCKERD_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
  fi
  deadline=$((SECONDS + E2E_DOCKERD_TIMEOUT))
  until engine_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 25 "$E2E_DOCKERD_LOG" >&2 || true
      die "dockerd exited before answering; see the log lines above ($E2E_DOCKERD_LOG)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 25 "$E2E_DOCKERD_LOG" >&2 || true
      die "dockerd (pid $pid) did not answer within ${E2E_DOCKERD_TIMEOUT}s; log above; stop it with scripts/e2e/teardown.sh"
    fi
    sleep 0.5
  done
  log "dockerd answers after $(since "$s")s"
fi
log "engine: docker $("$E2E_DOCKER" version --format '{{.Server.Version}}'), storage driver $("$E2E_DOCKER" info --format '{{.Driver}}'), data in $E2E_ROOT/data"

# --- 3. base images ----------------------------------------------------------------------------
# The apt configuration of the official debian images (debuerreotype-minimizing-config), so that
# apt behaves here as on Docker Hub's images. docker-clean is the one that matters for this
# project: it deletes the downloaded .debs after every apt run, which is what defeats a naive
# cache mount on /var/cache/apt. Its text is byte for byte the official file.
minimize() {
  local root=$1
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
# Since for most Docker users, package installs happen in "docker build" steps,
# they essentially become individual layers due to the way Docker handles
# layering, especially using CoW filesystems.  What this means for us is that
# the caches that APT keeps end up just wasting space in those layers, making
# our layers unnecessarily large (especially since we'll normally never use
# these caches again and will instead just "docker build" again and make a brand
# new image).

# Ideally, these would just be invoking "apt-get clean", but in our testing,
# that ended up being cyclic and we got stuck on APT's lock, so we get this fun
# creation that's essentially just "apt-get clean".
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };

Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";

# Note that we do realize this isn't the ideal way to do this, and are always
# open to better suggestions (https://github.com/debuerreotype/debuerreotype/issues).
EOF
  # The other official tweaks, in short form: no translations, compressed lists, no fsync in
  # dpkg, and no service starts during installs.
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
  echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0644 "$root"/etc/apt/apt.conf.d/docker-* "$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  # Like the official images: no package lists or downloaded .debs (so `apt-get update` is
  # needed first), and none of the build host's identity.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  : >"$root/etc/resolv.conf"
  echo localhost >"$root/etc/hostname"
}

work=
trap '[ -z "$work" ] || remove_tree "$work"' EXIT

# `docker import` makes an image with no config at all: give it what the official ones have.
IMPORT_CHANGES=(
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'CMD ["bash"]'
)

# ensure_image TAG NAME INCLUDE: makes TAG from a minbase debootstrap plus INCLUDE (comma list),
# unless TAG already carries the label of the current recipe. The ids hash everything that
# shapes the rootfs (and the image config), so editing this script rebuilds what it changed and
# stale tarballs go away.
ensure_image() {
  local tag=$1 name=$2 include=$3 rootfs_id id tarball current s change
  rootfs_id=$(printf '%s\n' "$E2E_SUITE" "$include" "$(declare -f minimize)" | sha256sum | cut -c1-12)
  id=$(printf '%s\n' "$rootfs_id" "${IMPORT_CHANGES[@]}" | sha256sum | cut -c1-12)
  current=$("$E2E_DOCKER" image inspect -f "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$tag" 2>/dev/null || true)
  if [ "$current" = "$id" ]; then
    log "image $tag exists (recipe $id)"
    return
  fi
  tarball="$E2E_CACHE/$E2E_SUITE-$name-$rootfs_id.tar"
  if [ -s "$tarball" ]; then
    log "rootfs for $tag cached: $tarball"
  else
    s=$EPOCHREALTIME
    find "$E2E_CACHE" -maxdepth 1 -name "$E2E_SUITE-$name-*.tar*" -delete # older recipes
    work=$(mktemp -d "$E2E_CACHE/rootfs-$name.XXXXXX")
    log "debootstrap $E2E_SUITE minbase${include:+ + $include} from $E2E_MIRROR (log: $E2E_ROOT/debootstrap-$name.log)"
    # --cache-dir keeps the .debs, so the second image and later rebuilds download little.
    mkdir -p "$E2E_CACHE/debs"
    debootstrap --variant=minbase ${include:+"--include=$include"} --cache-dir="$E2E_CACHE/debs" \
      "$E2E_SUITE" "$work" "$E2E_MIRROR" >"$E2E_ROOT/debootstrap-$name.log" 2>&1 || {
      tail -n 20 "$E2E_ROOT/debootstrap-$name.log" >&2
      die "debootstrap failed"
    }
    minimize "$work"
    tar --numeric-owner -C "$work" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    remove_tree "$work"
    work=
    log "rootfs for $tag made in $(since "$s")s: $tarball ($(du -m "$tarball" | cut -f1) MB)"
  fi
  s=$EPOCHREALTIME
  local args=(--change "LABEL $RECIPE_LABEL=$id")
  for change in "${IMPORT_CHANGES[@]}"; do args+=(--change "$change"); done
  "$E2E_DOCKER" import "${args[@]}" "$tarball" "$tag" >/dev/null
  log "imported $tag in $(since "$s")s"
}

ensure_image "$DEBIAN_IMAGE" minbase ""
ensure_image "$PYTHON_IMAGE" python python3-pip,python3-venv

# --- 4. environment for the tests --------------------------------------------------------------
env_lines=$(printf 'export %s=%q\n' \
  DOCKER_HOST "$DOCKER_HOST" \
  DOCKER_BUILDKIT 1 \
  E2E_DOCKER "$E2E_DOCKER" \
  E2E_ROOT "$E2E_ROOT" \
  E2E_PYTHON_IMAGE "$PYTHON_IMAGE" \
  E2E_DEBIAN_IMAGE "$DEBIAN_IMAGE")
{
  echo "# Written by scripts/e2e/setup.sh at $(date -u +%FT%TZ); test/e2e/helpers/docker.ts reads it."
  echo "$env_lines"
} >"$E2E_ENV_FILE.partial"
mv "$E2E_ENV_FILE.partial" "$E2E_ENV_FILE"

log "ready in $(since "$t0")s. Environment (also in $E2E_ENV_FILE, for: . $E2E_ENV_FILE):"
echo "$env_lines"
echo "Run the tests: E2E_ENV_FILE=$E2E_ENV_FILE node --experimental-vm-modules node_modules/jest/bin/jest.js -c test/e2e/jest.config.mjs"
