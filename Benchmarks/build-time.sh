#!/usr/bin/env bash
# Clean-build time of a small consumer package: the same echo service built with Parley
# (ParleyPlugin + one contract, the Parley checkout by path) and with gRPC Swift 2
# (grpc-swift-2 2.4.3, grpc-swift-nio-transport 2.9.2, grpc-swift-protobuf 2.4.1, swift-protobuf
# 1.39.0). Templates live in Benchmarks/consumers/.
#
#   Benchmarks/build-time.sh [--only parley,grpc] [-c debug|release] [--json PATH]
#
# Each package is copied to a fresh temporary folder; dependencies are resolved first (not timed:
# this machine resolves GitHub URLs from local mirrors through git's `url.insteadOf`), then
# `swift build` runs from clean and is timed: wall-clock seconds and the CPU seconds (user + system)
# of the build and every compiler it started, the number least disturbed by other load. The built
# program then runs once (it serves the echo service and calls it) to show the build works.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
only="parley,grpc"
configuration="debug"
json=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    -c|--configuration) configuration="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "build-time.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$configuration" in debug|release) ;; *) echo "build-time.sh: -c wants debug or release" >&2; exit 2 ;; esac

work="$(mktemp -d "${TMPDIR:-/tmp}/parley-buildtime.XXXXXX")"
trap 'rm -rf "$work"' EXIT
wants() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

lines=()
measure() {
  local impl="$1" dir="$work/$1"
  cp -R "$here/consumers/$impl" "$dir"
  if [ -f "$dir/Package.swift.in" ]; then
    sed -e "s|@PARLEY_ROOT@|$root|" -e "s|@PARLEY_PACKAGE@|$(basename "$root")|" "$dir/Package.swift.in" > "$dir/Package.swift"
    rm "$dir/Package.swift.in"
  fi
  echo "== $impl: resolving" >&2
  local resolve_start resolve_end
  resolve_start=$(date +%s.%N)
  (cd "$dir" && swift package resolve >&2)
  resolve_end=$(date +%s.%N)
  echo "== $impl: clean swift build -c $configuration (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  local load_before timing
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S" -o "$work/$impl.time" bash -c "cd '$dir' && swift build -c '$configuration' >&2"
  timing="$(tail -n 1 "$work/$impl.time")"
  local wall user sys
  read -r wall user sys <<< "$timing"
  local reply
  reply="$(cd "$dir" && "$(swift build -c "$configuration" --show-bin-path)/EchoApp" 2>&1 | tail -n 1)"
  local files
  files="$(cd "$dir" && find .build/checkouts -name '*.swift' 2>/dev/null | wc -l)"
  echo "== $impl: wall ${wall}s, cpu $(awk "BEGIN { print $user + $sys }")s, run: $reply" >&2
  lines+=("$(printf '{"implementation":"%s","configuration":"%s","wallSeconds":%s,"cpuSeconds":%s,"resolveSeconds":%s,"loadBefore":%s,"dependencySwiftFiles":%s,"run":"%s"}' \
    "$impl" "$configuration" "$wall" "$(awk "BEGIN { print $user + $sys }")" \
    "$(awk "BEGIN { printf \"%.1f\", $resolve_end - $resolve_start }")" "$load_before" "$files" "$reply")")
}

wants parley && measure parley
wants grpc && measure grpc

echo
printf '%-8s %-8s %10s %10s\n' "package" "config" "wall s" "CPU s"
for line in "${lines[@]}"; do
  node -e 'const r = JSON.parse(process.argv[1]); console.log(`${r.implementation.padEnd(8)} ${r.configuration.padEnd(8)} ${String(r.wallSeconds).padStart(10)} ${r.cpuSeconds.toFixed(1).padStart(10)}`)' "$line"
done
if [ "${#lines[@]}" = 2 ]; then
  node -e 'const a = JSON.parse(process.argv[1]), b = JSON.parse(process.argv[2]); console.log(`Parley / gRPC Swift: wall ${(a.wallSeconds / b.wallSeconds).toFixed(2)}×, CPU ${(a.cpuSeconds / b.cpuSeconds).toFixed(2)}×`)' "${lines[0]}" "${lines[1]}"
fi
if [ -n "$json" ]; then
  commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
  { echo "{\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"parleyCommit\":\"$commit\",\"cpus\":$(nproc),\"system\":\"$(uname -srm)\",\"results\":["
    ( IFS=,; echo "${lines[*]}" )
    echo "]}"; } > "$json"
  echo "wrote $json" >&2
fi
