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
swift build -c release --package-path Benchmarks --product GeneratorBenchmarks >&2
swift build --package-path Benchmarks --product GeneratorBenchmarks >&2
swift build -c release --package-path Benchmarks --product RuntimeBenchmarks >&2
swift build --package-path Benchmarks --product RuntimeBenchmarks >&2

echo "## Release build"
Benchmarks/.build/release/GeneratorBenchmarks lint naming render generator compile \
    --factum-release .build/release/factum --factum-debug .build/debug/factum --openapi-generator "$peer" \
    --modules Benchmarks/.build/release/Modules
echo
Benchmarks/.build/release/RuntimeBenchmarks
echo
echo "## The build plugin"
adopter="$scratch/adopter"
rm -rf "$adopter" && mkdir -p "$adopter/Sources/Restaurant"
ln -sfn "$PWD" "$scratch/factum"
cat > "$adopter/Package.swift" <<'MANIFEST'
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "Adopter",
    dependencies: [.package(path: "../factum")],
    targets: [.target(name: "Restaurant", dependencies: [.product(name: "Factum", package: "factum")],
                      plugins: [.plugin(name: "FactumGenerator", package: "factum")])]
)
MANIFEST
cp Schemas/Kitchen.domain.yaml Schemas/Patron.domain.yaml Schemas/Game.domain.yaml "$adopter/Sources/Restaurant/"
cp Sources/KitchenExample/Kitchen.swift "$adopter/Sources/Restaurant/"
timed() { local start end; start=$(date +%s.%N); (cd "$adopter" && swift build > "$scratch/build.log" 2>&1); end=$(date +%s.%N); awk "BEGIN { printf \"%.2f\", $end - $start }"; }
cold=$(timed)
# SwiftPM relinks a plugin's tool on the build after a cold one, which reruns the plugin once.
settle=$(timed); settle_generated=$(grep -c "Generating Swift" "$scratch/build.log" || true)
noop=$(timed); noop_generated=$(grep -c "Generating Swift" "$scratch/build.log" || true)
sed -i 's/description: A cook finished a dish for an order./description: A cook finished a dish for an order, as ordered./' "$adopter/Sources/Restaurant/Kitchen.domain.yaml"
edit=$(timed); edit_generated=$(grep -c "Generating Swift" "$scratch/build.log" || true)
echo "| swift build of a package adopting the plugin (3 domain files) | time | plugin commands run |"
echo "| --- | ---: | ---: |"
echo "| cold (builds factum's tool and runtime too) | ${cold} s | 1 |"
echo "| the next build (SwiftPM relinks the plugin's tool) | ${settle} s | ${settle_generated} |"
echo "| again, nothing changed (baseline) | ${noop} s | ${noop_generated} |"
echo "| after editing one domain file's description | ${edit} s | ${edit_generated} |"

echo
echo "## Debug build"
Benchmarks/.build/debug/GeneratorBenchmarks lint naming render
echo
Benchmarks/.build/debug/RuntimeBenchmarks

echo
echo "## The SQLite ledger (release)"
swift run -c release --package-path Benchmarks LedgerBenchmarks

echo
echo "## The PostgreSQL ledger (release, a throwaway cluster)"
bash Scripts/with-postgres.sh swift run -c release --package-path Benchmarks PostgresBenchmarks
