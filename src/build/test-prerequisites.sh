#!/usr/bin/env bash
# Run by the build (exec-maven-plugin, phase process-test-classes) before the tests: makes sure the
# Debian packages the tests drive are there, so `./mvnw verify` passes by itself on a fresh machine.
#   chromium, chromium-driver  the browser tests (Selenium on /usr/bin/chromium + /usr/bin/chromedriver)
#   postgresql                 the failover test starts a PostgreSQL server outside the app
# Present: exits 0 at once, touching nothing. Missing, as root with apt-get: installs exactly the missing
# packages and says so in one line. Missing otherwise: fails in one line that says what to install.
# The paths can be moved with CHROMIUM_BIN, CHROMEDRIVER_BIN and POSTGRESQL_LIB (the build's own test does);
# the build sets the first two from -Dbrowser.chromium and -Dbrowser.chromedriver, as the browser tests read them.
set -uo pipefail

chromium=${CHROMIUM_BIN:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}
postgresql_lib=${POSTGRESQL_LIB:-/usr/lib/postgresql}

has_postgresql_server() {
  local bin
  for bin in "$postgresql_lib"/*/bin; do
    [[ -x $bin/postgres && -x $bin/initdb ]] && return 0
  done
  return 1
}

missing_packages() {
  local packages=()
  [[ -x $chromium ]] || packages+=(chromium)
  [[ -x $chromedriver ]] || packages+=(chromium-driver)
  has_postgresql_server || packages+=(postgresql)
  echo "${packages[*]}"
}

missing_paths() {
  local paths=()
  [[ -x $chromium ]] || paths+=("$chromium")
  [[ -x $chromedriver ]] || paths+=("$chromedriver")
  has_postgresql_server || paths+=("$postgresql_lib/*/bin/postgres and initdb")
  echo "${paths[*]}"
}

read -r -a missing <<<"$(missing_packages)"
((${#missing[@]} == 0)) && exit 0

what="${missing[*]}"
hint="run as root: apt-get install -y $what (Debian packages), or skip the tests with -DskipTests"
if [[ $(id -u) != 0 ]]; then
  echo "[test prerequisites] the tests need the Debian packages $what, and this user (not root) cannot install them: $hint" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "[test prerequisites] the tests need the Debian packages $what, and there is no apt-get here: install them, then run the build again" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >>"$log" 2>&1; }
# Lists are fetched only when there are none yet, or when the ones there no longer name the packages.
lists=("${APT_LISTS:-/var/lib/apt/lists}"/*_Packages*)
if [[ ! -e ${lists[0]} ]] || ! install; then
  apt-get update >>"$log" 2>&1 && install
fi
still=$(missing_paths)
if [[ -n $still ]]; then
  cat "$log" >&2
  echo "[test prerequisites] after apt-get install $what (its output is above) the tests still miss $still; $hint" >&2
  exit 1
fi
echo "[test prerequisites] installed the Debian packages $what with apt-get (they were missing and the tests need them)"
