#!/usr/bin/env bash
# Runs every SessionLab test on a fresh machine: installs what is missing (npm packages, Debian's chromium,
# PostgreSQL, redis-server and ffmpeg), builds the solution (which builds the browser app), runs the .NET tests, then the wire-level and browser tests
# against real servers they start themselves on 127.0.0.1. Ends with one line: "N passed, N failed".
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/.test-output"
rm -rf "$out" && mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SESSIONLAB_REPO_ROOT="$root" SESSIONLAB_TEST_OUTPUT="$out"

passed=0
failed=0
step() { printf '\n== %s\n' "$*"; }
broken() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }

step "Installing what the tests need"
if [ ! -f "$root/web/node_modules/.package-lock.json" ] || [ "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]; then
  (cd "$root/web" && npm ci --no-audit --no-fund) || broken "npm ci"
fi
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || broken "apt-get install chromium"
  else
    broken "chromium is missing; install Debian's chromium package (sudo apt-get install chromium)"
  fi
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || broken "apt-get install postgresql"
  else
    broken "PostgreSQL server binaries are missing; install Debian's postgresql package"
  fi
fi
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null) || broken "apt-get install redis-server"
  else
    broken "redis-server is missing; install Debian's redis-server package (the cluster tests use it for membership)"
  fi
fi
# ffmpeg is optional for SessionLab (MP4 clip export says so when it is missing), so the tests check whichever
# is true; installing it here lets them run the real export. A failed install is reported, not counted.
if ! command -v ffmpeg >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null) \
    || echo "note: ffmpeg could not be installed; the clip export tests check the 'not available' answer instead"
fi
export SESSIONLAB_CHROMIUM="${SESSIONLAB_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
export SESSIONLAB_AZURITE_BLOB="$root/web/node_modules/.bin/azurite-blob"

step "Building"
if ! dotnet build "$root/SessionLab.sln" -c Debug -nologo -clp:ErrorsOnly; then
  broken "dotnet build"
  echo "$passed passed, $failed failed"
  exit 1
fi

step ".NET tests"
mapfile -t test_projects < <(find "$root/tests" -name '*.Tests.csproj' | sort)
for project in "${test_projects[@]}"; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Debug --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$out/dotnet" || true
  trx="$out/dotnet/$name.trx"
  if [ ! -f "$trx" ]; then
    broken "$name reported no results"
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

step "Type-checking the wire-level and browser tests"
for suite in wire browser; do
  (cd "$root/web" && npx --no-install tsc -p "tests/$suite/tsconfig.json") || broken "tests/$suite does not type-check"
done

step "Wire-level and browser tests (official SignalR JS client, real Chromium)"
mapfile -t node_tests < <(cd "$root/web" && find tests -name '*.test.ts' 2>/dev/null | sort)
if [ "${#node_tests[@]}" -gt 0 ]; then
  (cd "$root/web" && node --test --test-concurrency=1 --import tsx \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$out/node.tap" "${node_tests[@]}") || true
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out/node.tap" 2>/dev/null | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out/node.tap" 2>/dev/null | tail -n 1)
  if [ -z "$p" ]; then
    broken "the node test runner reported no results"
  else
    passed=$((passed + p))
    failed=$((failed + ${f:-0}))
  fi
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
