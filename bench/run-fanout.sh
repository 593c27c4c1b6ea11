#!/usr/bin/env bash
# Note fan-out benchmark: SessionLab (grains, SQLite log with full sync) against a bare SignalR relay hub, one run.
# Builds both in Release, starts both on 127.0.0.1 ephemeral ports with fresh temporary data, runs the load driver
# (bench/load/fanout.ts) against both, prints the comparison and stops them. Figures, not pass/fail.
#
#   bench/run-fanout.sh                                   # 200 sessions × (1 moderator + 10 observers), 2 notes/s each, 30 s
#   bench/run-fanout.sh --sessions 50 --duration 10       # any driver flag: --observers --rate --warmup --mode parallel …
#   bench/run-fanout.sh --cluster                         # SessionLab as two nodes of one cluster (PostgreSQL, Redis), clients split
#   bench/run-fanout.sh --throughput                      # saturation notes/s beside the bare hub, and catch-up of 1,000 missed events
set -euo pipefail

driver=fanout.ts
cluster=0
args=()
for arg in "$@"; do
  case "$arg" in
    --throughput) driver=throughput.ts ;;
    --cluster) cluster=1 ;;
    *) args+=("$arg") ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sessionlab-bench.XXXXXX")
pids=()

pg_bin=
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$pg_bin" ]; then as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
trap cleanup EXIT

# SessionLab starts with its owner already created (no first-run link), and the drivers sign in as that owner for a
# bearer token (bench/load/common.ts reads the same variables). The per-minute account limits are raised: a run
# creates hundreds of sessions and mints two invites for each.
export Accounts__InitialOwner__Email="${Accounts__InitialOwner__Email:-bench@sessionlab.test}"
export Accounts__InitialOwner__Password="${Accounts__InitialOwner__Password:-bench-owner-passphrase}"
export Accounts__InitialOwner__DisplayName="${Accounts__InitialOwner__DisplayName:-Bench Owner}"
export Accounts__RateLimits__StudiesPerMinute=100000 Accounts__RateLimits__SignInPerMinute=100000 Accounts__RateLimits__InvitesPerMinute=100000

if [ ! -d "$root/web/node_modules/@microsoft/signalr" ]; then
  (cd "$root/web" && npm ci --no-audit --no-fund)
fi
dotnet build "$root/src/SessionLab.Server" -c Release -p:SkipWebBuild=true -nologo -v quiet
dotnet build "$root/bench/SessionLab.Bench.BareHub" -c Release -nologo -v quiet

# 2,200 clients per server: raise the descriptor limit for the servers and the driver.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# start NAME DLL BANNER [ARGS…]: starts a server and waits for "<BANNER> is listening on <url>"; sets url and pid.
start() {
  local name=$1 dll=$2 banner=$3
  shift 3
  dotnet "$dll" --urls http://127.0.0.1:0 --Logging:LogLevel:Default=Warning "$@" >"$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  url=
  for _ in $(seq 1 600); do
    url=$(sed -n "s/^$banner is listening on \(http[^ ]*\).*/\1/p" "$work/$name.log" | head -n 1)
    [ -n "$url" ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$work/$name.log" >&2
      echo "$name exited before listening" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$name did not start listening within 60 s" >&2
  exit 1
}

second=()
if [ "$cluster" = 1 ]; then
  # Two nodes of one cluster: PostgreSQL for the log (as a cluster must), redis-server for membership, all on loopback.
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
  pg_port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$work/pg" -U sessionlab --auth=trust -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  node_args=(--Storage:Provider=Postgres "--Storage:PostgresConnectionString=Host=127.0.0.1;Port=$pg_port;Username=sessionlab;Database=postgres"
    --Cluster:Provider=Redis "--Cluster:ConnectionString=127.0.0.1:$redis_port" --Cluster:AdvertisedAddress=127.0.0.1)
  start sessionlab "$root/src/SessionLab.Server/bin/Release/net10.0/sessionlab.dll" SessionLab --Storage:DataDirectory="$work/data1" "${node_args[@]}"
  real_url=$url real_pid=$pid
  start sessionlab2 "$root/src/SessionLab.Server/bin/Release/net10.0/sessionlab.dll" SessionLab --Storage:DataDirectory="$work/data2" "${node_args[@]}"
  second=(--real-url-2 "$url" --real-pid-2 "$pid")
else
  limits=()
  # Saturation and catch-up measure the durable pipeline, not the per-connection and per-session command budgets
  # that keep one client from flooding a session: those are raised for this run.
  [ "$driver" = throughput.ts ] && limits=(--Sessions:CommandsPerSecond=100000 --Sessions:CommandBurst=100000 --Sessions:ConnectionCommandsPerSecond=100000 --Sessions:ConnectionCommandBurst=100000)
  start sessionlab "$root/src/SessionLab.Server/bin/Release/net10.0/sessionlab.dll" SessionLab --Storage:DataDirectory="$work/data" "${limits[@]}"
  real_url=$url real_pid=$pid
fi
start barehub "$root/bench/SessionLab.Bench.BareHub/bin/Release/net10.0/sessionlab-barehub.dll" BareHub
bare_url=$url bare_pid=$pid
echo "SessionLab $real_url (pid $real_pid), bare hub $bare_url (pid $bare_pid), $(nproc) cores" >&2

"$root/web/node_modules/.bin/tsx" "$root/bench/load/$driver" \
  --real-url "$real_url" --real-pid "$real_pid" "${second[@]}" --bare-url "$bare_url" --bare-pid "$bare_pid" "${args[@]}"
