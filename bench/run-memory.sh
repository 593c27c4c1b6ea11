#!/usr/bin/env bash
# What a server holds for sessions nobody is in, and whether it gives it back: fills sessions with large notes
# (bench/load/memory.ts), lets every client go, and takes a heap dump (dotnet-gcdump) when the writing ends and after
# the idle wait, printing the heap size and how many notes are still held beside the process's RSS.
#
#   bench/run-memory.sh                       # 20 sessions × 5,000 notes of 2,000 characters, 210 s idle
#   bench/run-memory.sh --sessions 4 --notes 1000 --idle 60
#
# It runs the server twice in turn: as configured (sessions unload after Sessions:IdleDeactivation, 2 minutes) and
# with Orleans' own idle time (Sessions:IdleDeactivation=02:00:00, what SessionLab had before), for the comparison.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sessionlab-memory.XXXXXX")
gcdump="${DOTNET_GCDUMP:-$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")}"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# SessionLab starts with its owner already created (no first-run link), and the drivers sign in as that owner for a
# bearer token (bench/load/common.ts reads the same variables). The per-minute account limits are raised: a run
# creates hundreds of sessions and mints two invites for each.
export Accounts__InitialOwner__Email="${Accounts__InitialOwner__Email:-bench@sessionlab.test}"
export Accounts__InitialOwner__Password="${Accounts__InitialOwner__Password:-bench-owner-passphrase}"
export Accounts__InitialOwner__DisplayName="${Accounts__InitialOwner__DisplayName:-Bench Owner}"
export Accounts__RateLimits__StudiesPerMinute=100000 Accounts__RateLimits__SignInPerMinute=100000 Accounts__RateLimits__InvitesPerMinute=100000

[ -x "$gcdump" ] || dotnet tool install -g dotnet-gcdump >/dev/null
gcdump="${DOTNET_GCDUMP:-$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")}"
[ -d "$root/web/node_modules/@microsoft/signalr" ] || (cd "$root/web" && npm ci --no-audit --no-fund)
dotnet build "$root/src/SessionLab.Server" -c Release -p:SkipWebBuild=true -nologo -v quiet

run() {
  local name=$1 idle_setting=$2
  shift 2
  local data="$work/$name" log="$work/$name.log" mark="$work/$name.mark"
  mkdir -p "$data"
  # The command budgets are raised: this measures memory, not the rate limits.
  dotnet "$root/src/SessionLab.Server/bin/Release/net10.0/sessionlab.dll" --urls http://127.0.0.1:0 \
    --Storage:DataDirectory="$data" --Logging:LogLevel:Default=Warning --Sessions:IdleDeactivation="$idle_setting" \
    --Sessions:CommandsPerSecond=100000 --Sessions:CommandBurst=100000 \
    --Sessions:ConnectionCommandsPerSecond=100000 --Sessions:ConnectionCommandBurst=100000 >"$log" 2>&1 &
  pid=$!
  local url=
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^SessionLab is listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$log" >&2; echo "the server did not start" >&2; exit 1; }

  echo "== $name (Sessions:IdleDeactivation=$idle_setting)"
  : >"$mark"
  "$root/web/node_modules/.bin/tsx" "$root/bench/load/memory.ts" --url "$url" --pid "$pid" --mark-file "$mark" "$@" &
  local driver=$!
  for phase in "before" "after writing, all left" "after idle"; do
    until [ "$(cat "$mark")" = "$phase" ]; do
      kill -0 "$driver" 2>/dev/null || { echo "the driver stopped" >&2; exit 1; }
      sleep 0.5
    done
    if [ "$phase" != "before" ]; then
      "$gcdump" collect -p "$pid" -o "$work/$name-dump.gcdump" >/dev/null 2>&1
      heap=$("$gcdump" report "$work/$name-dump.gcdump" | sed -n 's/^ *\([0-9,]*\)  GC Heap bytes.*/\1/p')
      notes=$("$gcdump" report "$work/$name-dump.gcdump" | sed -n 's/^ *[0-9,]* *\([0-9,]*\)  SessionLab\.Sessions\.Note .*/\1/p')
      echo "heap ${phase}: ${heap:-?} bytes live, ${notes:-0} notes held"
    fi
    echo released >"$mark"
  done
  wait "$driver"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

run configured 00:02:00 "$@"
run orleans-default 02:00:00 "$@"
