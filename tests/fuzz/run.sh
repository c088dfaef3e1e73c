#!/usr/bin/env bash
# tests/fuzz/run.sh [BUILD_DIR] - builds every tests/fuzz/fuzz_*.c as a
# libFuzzer target with clang (ASan + UBSan) in BUILD_DIR (default
# build-fuzz, relative to the repository) and runs each one for
# FUZZ_SECONDS seconds (default 30) with inputs of up to 4096 bytes.
#
# Seeds come from tests/fuzz/corpus_<name>/ (read only); what the fuzzer
# finds goes to BUILD_DIR/fuzz-corpus/<target>/, crashing inputs to
# BUILD_DIR/fuzz-artifacts/<target>/. Exits non-zero when a target crashes,
# leaks, times out or trips a sanitizer.
#
# Reproduce a crash:  BUILD_DIR/fuzz_decode BUILD_DIR/fuzz-artifacts/fuzz_decode/crash-...
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
case $build in
/*) ;;
*) build=$root/$build ;;
esac
seconds=${FUZZ_SECONDS:-30}
max_len=${FUZZ_MAX_LEN:-4096}

# libFuzzer needs clang; take $CC only when it is a clang
cc=${CC:-}
if [[ $cc != *clang* ]]; then
	cc=$(command -v clang || command -v clang-14 || true)
fi
if [[ -z $cc ]]; then
	echo "run.sh: clang is needed for libFuzzer (apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
fi

shopt -s nullglob
sources=("$root"/tests/fuzz/fuzz_*.c)
if [[ ${#sources[@]} -eq 0 ]]; then
	echo "run.sh: no tests/fuzz/fuzz_*.c" >&2
	exit 2
fi
targets=()
for src in "${sources[@]}"; do
	targets+=("$(basename "$src" .c)")
done

# KRING_FUZZ also compiles the library (kring_core) with coverage
# instrumentation, so libFuzzer sees inside the decoders.
CC=$cc cmake -S "$root" -B "$build" -DKRING_FUZZ=ON -DKRING_SANITIZE=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target "${targets[@]}" -j "$(nproc)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for t in "${targets[@]}"; do
	seeds=$root/tests/fuzz/corpus_${t#fuzz_}
	work=$build/fuzz-corpus/$t
	artifacts=$build/fuzz-artifacts/$t
	mkdir -p "$work" "$artifacts"
	dirs=("$work")
	[[ -d $seeds ]] && dirs+=("$seeds")
	echo "=== $t: ${seconds}s, -max_len=$max_len"
	if "$build/$t" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "${dirs[@]}"; then
		echo "=== $t: no crash"
	else
		echo "=== $t: FAILED; inputs in $artifacts/" >&2
		failed+=("$t")
	fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
	echo "fuzz targets that failed: ${failed[*]}" >&2
	exit 1
fi
echo "all fuzz targets ran ${seconds}s without a crash"
