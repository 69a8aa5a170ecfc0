# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts that source it
# Shared settings and helpers of the end-to-end harness, sourced by setup.sh, teardown.sh and run.sh.
# Every value can be overridden from the environment, e.g. to run a second, throwaway engine
# beside the usual one: E2E_ROOT=/tmp/other E2E_ENV_FILE=/tmp/other.env scripts/e2e/setup.sh

# Everything of the private engine: data-root, exec-root, socket, pidfile, logs. Under /tmp
# because it is scratch: losing it only costs one `docker import` of the cached rootfs.
E2E_ROOT=${E2E_ROOT:-/tmp/dockerfile-codemod-e2e}
# Kept across runs: debootstrap's .deb cache and the finished rootfs tarballs (the slow part).
E2E_CACHE=${E2E_CACHE:-/var/cache/dockerfile-codemod-e2e}
# What the tests read to find the engine (test/e2e/helpers/docker.ts).
E2E_ENV_FILE=${E2E_ENV_FILE:-/tmp/dockerfile-codemod-e2e.env}
# The Debian mirror this machine's apt uses (deb822 or one-line sources), else Debian's own.
apt_mirror() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '/^URIs:/ && $2 !~ /security/ { print $2; exit } /^deb / && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' ||
    true # a missing sources file, or cat cut short by awk's exit, is no error here
}
E2E_MIRROR=${E2E_MIRROR:-$(apt_mirror)}
E2E_MIRROR=${E2E_MIRROR:-http://deb.debian.org/debian}
E2E_SUITE=${E2E_SUITE:-bookworm}
# How long to wait for a freshly started dockerd to answer.
E2E_DOCKERD_TIMEOUT=${E2E_DOCKERD_TIMEOUT:-60}

# Debian's docker.io client: it still has the classic builder switch DOCKER_BUILDKIT=1. The newer
# client earlier on PATH (/usr/local/bin/docker) wants the buildx plugin for BuildKit, and there
# is none, so always call this one by its full path.
E2E_DOCKER=/usr/bin/docker
E2E_SOCKET="$E2E_ROOT/docker.sock"
E2E_PIDFILE="$E2E_ROOT/docker.pid"
E2E_DOCKERD_LOG="$E2E_ROOT/dockerd.log"

export DOCKER_HOST="unix://$E2E_SOCKET"
export DOCKER_BUILDKIT=1

# Removes a directory that may hold mounts (debootstrap's /proc and /sys, a killed dockerd's
# overlays): unmounts them deepest first, then deletes without crossing into another file system.
remove_tree() {
  local dir=$1 mnt
  { findmnt -rn -o TARGET | grep -F "$dir/" || true; } | sort -r | while read -r mnt; do umount -l "$mnt" || true; done
  rm -rf --one-file-system "$dir"
}
