#!/usr/bin/env bash
# Side-by-side echo comparison: C (the physical limit), Node.js, gRPC Swift 2 and Parley run the
# same 64-byte echo one after another on this machine and print one table (and write JSON).
#
#   Benchmarks/run.sh [--warmup S] [--duration S] [--only c,node,grpc,parley,parley-loop] [--json PATH] [--no-build]
#
# `parley` is the runtime with its defaults (handlers and callers on the cooperative pool);
# `parley-loop` runs both on the connection's I/O thread (PARLEY_ECHO_LOOP=1, see ParleyEcho).
#
# Every scenario starts a fresh server, runs one client connection for --warmup seconds (not
# counted) and then --duration seconds (measured), with 1 call in flight (sequential) or 64
# (pipelined), over a Unix socket or TCP loopback; "1 core" pins server and client to CPU 0 with
# taskset. Servers and sockets live in a temporary directory that is removed on exit or failure.
set -euo pipefail

arguments="$*"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
warmup=1
duration=3
only="c,node,grpc,parley,parley-loop"
json=""
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$json" ] || json="$here/results/comparison-$(date -u +%Y%m%dT%H%M%SZ).json"
mkdir -p "$(dirname "$json")"

work="$(mktemp -d "${TMPDIR:-/tmp}/parley-compare.XXXXXX")"
server_pid=""
client_pid=""
cleanup() {
  if [ -n "$client_pid" ]; then kill "$client_pid" 2>/dev/null || true; wait "$client_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wants() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# MARK: Build (niced: the machine is shared)
swift_bin=""
if [ "$build" = 1 ]; then
  if wants c; then
    mkdir -p "$here/bin"
    nice -n 19 cc -O2 -Wall -pthread -o "$here/bin/c-echo" "$here/c/echo.c"
  fi
  if wants parley || wants parley-loop; then
    # SwiftPM keeps a path dependency's file list in the build description: drop it so that
    # files added to Parley since the last build are compiled too.
    rm -f "$here"/.build/*/release/description.json
    (cd "$here" && nice -n 19 swift build -c release --product parley-echo >&2)
  fi
  if wants grpc; then
    (cd "$here" && nice -n 19 swift build -c release --product grpc-echo >&2)
  fi
fi
if wants parley || wants parley-loop || wants grpc; then
  swift_bin="$(cd "$here" && swift build -c release --show-bin-path)"
fi

command_for() {
  case "$1" in
    c) echo "$here/bin/c-echo" ;;
    node) echo "node $here/node/echo.js" ;;
    parley) echo "$swift_bin/parley-echo" ;;
    parley-loop) echo "env PARLEY_ECHO_LOOP=1 $swift_bin/parley-echo" ;;
    grpc) echo "$swift_bin/grpc-echo" ;;
  esac
}

lines="$work/results.jsonl"
: > "$lines"

# run_scenario IMPL TRANSPORT IN_FLIGHT PLACEMENT
run_scenario() {
  local impl="$1" transport="$2" in_flight="$3" placement="$4"
  local -a cmd pin=()
  read -r -a cmd <<< "$(command_for "$impl")"
  [ "$placement" = "1 core" ] && pin=(taskset -c 0)
  local address
  if [ "$transport" = unix ]; then address=(--unix "$work/$impl.sock"); rm -f "$work/$impl.sock"
  else address=(--tcp 127.0.0.1:0); fi
  local out="$work/server.out" result="" error=""
  : > "$out"
  "${pin[@]}" "${cmd[@]}" server "${address[@]}" > "$out" 2> "$work/server.err" &
  server_pid=$!
  local endpoint=""
  for _ in $(seq 300); do
    endpoint="$(sed -n 's/^ready //p' "$out" | head -n 1)"
    [ -n "$endpoint" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$endpoint" ]; then
    error="server did not start: $(head -c 300 "$work/server.err" | tr '\n"' ' ' )"
  else
    local limit
    limit=$(awk "BEGIN { print int($warmup + $duration + 60) }")
    # In the background and waited for, so a signal runs the cleanup at once.
    timeout "$limit" "${pin[@]}" "${cmd[@]}" client --endpoint "$endpoint" --in-flight "$in_flight" \
      --warmup "$warmup" --duration "$duration" > "$work/client.out" 2> "$work/client.err" &
    client_pid=$!
    local status=0
    wait "$client_pid" || status=$?
    client_pid=""
    result="$(tail -n 1 "$work/client.out")"
    if [ "$status" != 0 ] || [ -z "$result" ]; then
      error="client failed: $(head -c 300 "$work/client.err" | tr '\n"' ' ')"
      result=""
    fi
  fi
  # The server's CPU time (user + system) over its whole life, for CPU per call.
  local server_cpu=null
  if [ -r "/proc/$server_pid/stat" ]; then
    server_cpu="$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$server_pid/stat")"
  fi
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  local label="$impl $transport $in_flight $placement"
  if [ -n "$result" ]; then
    echo "  done: $label $result" >&2
  else
    echo "  FAILED: $label: $error" >&2
    result='{"error":"'"$error"'"}'
  fi
  printf '{"implementation":"%s","transport":"%s","inFlight":%s,"placement":"%s","serverCpuSeconds":%s,"result":%s}\n' \
    "$impl" "$transport" "$in_flight" "$placement" "$server_cpu" "$result" >> "$lines"
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "running: warm-up ${warmup}s + ${duration}s per scenario; load average $load_before" >&2
for impl in c node grpc parley parley-loop; do
  wants "$impl" || continue
  for transport in unix tcp; do
    for in_flight in 1 64; do
      run_scenario "$impl" "$transport" "$in_flight" "any cores"
    done
  done
  run_scenario "$impl" unix 1 "1 core"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

node "$here/node/report.js" "$lines" "$json" \
  --warmup "$warmup" --duration "$duration" --load-before "$load_before" --load-after "$load_after" \
  --command "Benchmarks/run.sh${arguments:+ $arguments}"
