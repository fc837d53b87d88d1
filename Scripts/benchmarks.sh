#!/usr/bin/env bash
# Runs every benchmark and prints its tables: factum in release and debug builds, against
# swift-openapi-generator 1.14.3 built once, in release, from the machine's package copy in a
# scratch folder outside the repository (FACTUM_BENCH_DIR, default: $TMPDIR/factum-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${FACTUM_BENCH_DIR:-${TMPDIR:-/tmp}/factum-bench}"
peer="$scratch/swift-openapi-generator/.build/release/swift-openapi-generator"
if [ ! -x "$peer" ]; then
    echo "Building swift-openapi-generator 1.14.3 in $scratch (once; a few minutes)…" >&2
    mkdir -p "$scratch"
    rm -rf "$scratch/swift-openapi-generator"
    source="${FACTUM_OPENAPI_GENERATOR_SOURCE:-https://github.com/apple/swift-openapi-generator}"
    git clone --quiet --branch 1.14.3 "$source" "$scratch/swift-openapi-generator"
    (cd "$scratch/swift-openapi-generator" && swift build -c release --product swift-openapi-generator >&2)
fi

echo "Building factum (debug and release)…" >&2
swift build --product factum >&2
swift build -c release --product factum >&2
swift build -c release --product FactumBenchmarks >&2
swift build --product FactumBenchmarks >&2
swift build -c release --product FactumRuntimeBenchmarks >&2
swift build --product FactumRuntimeBenchmarks >&2

echo "## Release build"
.build/release/FactumBenchmarks lint naming generator compile \
    --factum-release .build/release/factum --factum-debug .build/debug/factum --openapi-generator "$peer" \
    --modules .build/release/Modules
echo
.build/release/FactumRuntimeBenchmarks
echo
echo "## Debug build"
.build/debug/FactumBenchmarks lint naming
echo
.build/debug/FactumRuntimeBenchmarks
