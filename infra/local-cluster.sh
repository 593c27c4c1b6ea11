#!/usr/bin/env bash
# Runs SessionLab as a three-node cluster on this machine, to try what a team that outgrew one server deploys:
# a throw-away PostgreSQL (Debian's postgresql) for everything the nodes keep, a redis-server for membership, and three
# servers on http://127.0.0.1:5081, :5082 and :5083, each with its own Orleans silo. Everything listens on 127.0.0.1
# and stops on Ctrl-C. Kill a node (kill -9) to watch its sessions come back on the others.
# Usage: infra/local-cluster.sh [nodes]   (default 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
nodes=${1:-3}
work=$(mktemp -d /tmp/sessionlab-cluster.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is missing: apt-get install postgresql" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install redis-server" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pids=()
redis_pid=
cleanup() {
  # Nodes first, while the stores they say goodbye to are still up; whatever has not left after 20 s is killed.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"

pg_port=$(free_port)
as_pg "$pg_bin/initdb" -D "$work/pg" -U sessionlab --auth=trust -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" >/dev/null
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!

dotnet build "$root/src/SessionLab.Server" -c Release -nologo -clp:ErrorsOnly -o "$work/app" >/dev/null
for i in $(seq 1 "$nodes"); do
  dotnet "$work/app/sessionlab.dll" \
    --urls "http://127.0.0.1:$((5080 + i))" \
    --Storage:DataDirectory="$work/node$i" \
    --Storage:Provider=Postgres \
    --Storage:PostgresConnectionString="Host=127.0.0.1;Port=$pg_port;Username=sessionlab;Database=postgres" \
    --Cluster:Provider=Redis \
    --Cluster:ConnectionString="127.0.0.1:$redis_port" \
    --Cluster:ClusterId=local \
    --Cluster:AdvertisedAddress=127.0.0.1 \
    --SessionLab:PublicUrl="http://127.0.0.1:$((5080 + i))" \
    > >(sed -u "s/^/[node $i] /") 2>&1 &
  pids+=($!)
  sleep 2
done
echo "Three nodes: http://127.0.0.1:5081, :5082, :5083 (PostgreSQL on $pg_port, Redis on $redis_port). Ctrl-C stops them all."
wait
