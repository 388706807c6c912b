#!/usr/bin/env bash
# What one call costs each side of Parley's echo, in numbers the machine's load barely moves:
# CPU time, heap allocations and system calls per call, for the server and the client process
# separately, while one client keeps N calls in flight over a Unix socket.
#
#   Benchmarks/costs.sh [--loop] [--in-flight N] [--duration S] [--bin PATH] [--no-build]
#
# --loop runs handlers and callers on the I/O thread (PARLEY_ECHO_LOOP=1); --bin measures another
# build of parley-echo (e.g. one built from an older commit, for an A/B comparison). CPU time and
# system calls come from `perf stat` (Debian's linux-perf); allocations from an LD_PRELOAD counter
# (c/malloc-count.c, built with cc). Each figure is divided by the calls the client completed,
# so the connection's setup is included (negligible over a few seconds).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
in_flight=64
duration=3
loop=0
bin=""
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --loop) loop=1; shift ;;
    --in-flight) in_flight="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "costs.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  # SwiftPM keeps a path dependency's file list in the build description: drop it so that files
  # added to (or moved in) Parley since the last build are compiled too.
  [ "$build" = 0 ] || rm -f "$here"/.build/*/release/description.json
  [ "$build" = 0 ] || (cd "$here" && nice -n 19 swift build -c release --product parley-echo >&2)
  bin="$here/.build/release/parley-echo"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/parley-costs.XXXXXX")"
chmod 700 "$work"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cc -O2 -Wall -shared -fPIC -o "$work/malloc-count.so" "$here/c/malloc-count.c" -ldl
export PARLEY_ECHO_LOOP="$loop"
events="task-clock,syscalls:sys_enter_sendmsg,syscalls:sys_enter_read,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex,syscalls:sys_enter_write,context-switches"

# Starts the server (with `$1` preloaded, if any) and waits until it is ready.
start_server() {
  rm -f "$work/server.out" "$work/echo.sock"
  LD_PRELOAD="$1" PARLEY_MALLOC_COUNT_FILE="$work/server.mallocs" "$bin" server --unix "$work/echo.sock" \
    >"$work/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q ready "$work/server.out" 2>/dev/null && return; sleep 0.05; done
  echo "costs.sh: the server did not start" >&2
  exit 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

client() {
  "$@" "$bin" client --endpoint "unix:$work/echo.sock" --in-flight "$in_flight" --warmup 0 --duration "$duration"
}

# 1. CPU time and system calls (perf stat on each process).
start_server ""
perf stat -x, -e "$events" -p "$server_pid" -o "$work/server.stat" &
perf_pid=$!
sleep 0.2
client perf stat -x, -e "$events" -o "$work/client.stat" >"$work/perf-run.json"
kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true
stop_server

# 2. Heap allocations (LD_PRELOAD counter in each process).
start_server "$work/malloc-count.so"
client env LD_PRELOAD="$work/malloc-count.so" PARLEY_MALLOC_COUNT_FILE="$work/client.mallocs" >"$work/malloc-run.json"
stop_server

python3 - "$work" "$in_flight" "$loop" <<'PY'
import json, sys
work, in_flight, loop = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
def calls(name):
    return json.loads(open(f"{work}/{name}").read().strip().splitlines()[-1])["totalCalls"]
def stat(name):
    values = {}
    for line in open(f"{work}/{name}"):
        fields = line.strip().split(",")
        if len(fields) > 2 and fields[0].replace(".", "").isdigit():
            values[fields[2].replace("syscalls:sys_enter_", "")] = float(fields[0])
    return values
perf_calls, malloc_calls = calls("perf-run.json"), calls("malloc-run.json")
print(f"parley-echo, {in_flight} in flight, Unix socket, {'I/O thread' if loop else 'defaults (pool)'}: "
      f"{perf_calls:,} calls measured with perf, {malloc_calls:,} with the allocation counter")
print(f"{'per call':<18}{'server':>10}{'client':>10}")
server, client = stat("server.stat"), stat("client.stat")
print(f"{'CPU µs':<18}{server['task-clock'] * 1000 / perf_calls:>10.2f}{client['task-clock'] * 1000 / perf_calls:>10.2f}")
for key in ["sendmsg", "read", "epoll_wait", "write", "futex", "context-switches"]:
    print(f"{key:<18}{server.get(key, 0) / perf_calls:>10.3f}{client.get(key, 0) / perf_calls:>10.3f}")
allocations = [int(open(f"{work}/{side}.mallocs").read()) / malloc_calls for side in ("server", "client")]
print(f"{'heap allocations':<18}{allocations[0]:>10.2f}{allocations[1]:>10.2f}")
PY
