#!/usr/bin/env bash
# Profiles Parley's echo (server and client processes) with `perf record -e cpu-clock` while one
# client keeps N calls in flight over a Unix socket, then prints the top symbols of each process
# (demangled) and the share of broad cost groups.
#
#   Benchmarks/profile.sh [--in-flight N] [--duration S] [--no-build]   (needs `perf`, Debian's linux-perf)
#
# cpu-clock sampling works where hardware counters are "not supported" (virtual machines).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
in_flight=64
duration=5
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --in-flight) in_flight="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "profile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
# SwiftPM keeps a path dependency's file list in the build description: drop it so that files
# added to (or moved in) Parley since the last build are compiled too.
[ "$build" = 0 ] || rm -f "$here"/.build/*/release/description.json
[ "$build" = 0 ] || (cd "$here" && nice -n 19 swift build -c release --product parley-echo >&2)
bin="$here/.build/release/parley-echo"
work="$(mktemp -d "${TMPDIR:-/tmp}/parley-profile.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -INT "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

perf record -q -e cpu-clock -F 2000 -o "$work/server.data" "$bin" server --unix "$work/s" > "$work/out" 2> /dev/null &
server_pid=$!
for _ in $(seq 300); do grep -q ready "$work/out" && break; sleep 0.1; done
perf record -q -e cpu-clock -F 2000 -o "$work/client.data" \
  "$bin" client --endpoint "unix:$work/s" --in-flight "$in_flight" --warmup 1 --duration "$duration"
kill -INT "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

for side in server client; do
  perf report -i "$work/$side.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null \
    | grep '%' | grep -v '^#' | swift demangle --simplified > "$work/$side.txt"
  echo "== $side: top symbols (share of samples)"
  head -n 25 "$work/$side.txt" | sed -E 's/ {2,}/  /g; s/( +-)+ *$//' | cut -c1-160
  echo "== $side: cost groups"
  awk '
    { p = $1; sub(/%/, "", p); line = $0 }
    line ~ /\[k\]/ { g["kernel (syscalls, scheduling, wake-ups)"] += p; next }
    line ~ /JSONReader|JSONWriter|JSONEnvelopeCodec|Envelope/ { g["Parley JSON envelope codec"] += p; next }
    line ~ /String|Hasher|_allASCII|Dictionary/ { g["strings, hashing, dictionaries (envelope fields, lookups)"] += p; next }
    line ~ /malloc|free|_int_|swift_retain|swift_release|Release|Retain|isUniquelyReferenced|dealloc|alloc/ { g["allocation and reference counting"] += p; next }
    line ~ /libswift_Concurrency|libdispatch|swift_task|Task|futex|sem_|pthread|continuation|Continuation/ { g["task runtime, executors, thread wake-ups"] += p; next }
    line ~ /parley-echo/ { g["other Parley / harness code"] += p; next }
    { g["other (libc, Swift stdlib)"] += p }
    END { for (k in g) printf "  %5.1f%%  %s\n", g[k], k }' "$work/$side.txt" | sort -rn
done
