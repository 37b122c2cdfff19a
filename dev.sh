#!/usr/bin/env bash
# The two commands of the README's quick start, for a fresh Debian 12 / Ubuntu machine:
#
#   ./dev.sh run [sockscope options]   install what is missing, build, launch the window
#   ./dev.sh test                      install what is missing, build, run every test headless
#
#   ./dev.sh test --sanitize           the same suite, but the benchmark's smoke pass, built
#                                      with AddressSanitizer and UndefinedBehaviorSanitizer
#                                      (in build-sanitize/)
#   ./dev.sh bench [--runs N]          the benchmark: the real window under load, as a table
#                  [--quick]           (under Xvfb when there is no display); with --peer
#                  [--peer packetsender]  packetsender, the same scenarios against Packet Sender
#   ./dev.sh fuzz [SECONDS]            the libFuzzer targets of fuzz/, built with clang in
#                                      build-fuzz/, each run SECONDS (60) from its seeds and
#                                      from what earlier runs found; a crash fails, and its
#                                      input is kept in build-fuzz/crashes/
#   ./dev.sh test --sanitize --build-only, ./dev.sh fuzz --build-only
#                                      only build (CI builds the fuzz targets while the
#                                      sanitizer pass runs its tests)
#
# All are idempotent: packages already installed are not touched and an up-to-date build
# does nothing. With CI=true, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

BUILD_PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-l10n-tools
                qt6-tools-dev-tools qt6-svg-dev libgl-dev libx11-dev python3)
# The benchmark (and its smoke pass in the test suite) runs the real window under Xvfb, types
# into it with xdotool and pastes into it from xclip.
BENCH_PACKAGES=(xvfb xdotool xclip)
# bench --peer packetsender: Packet Sender opens its window only where xrandr is installed.
PEER_PACKAGES=(packetsender x11-xserver-utils)
RUN_PACKAGES=(libqt6svg6 qt6-qpa-plugins fonts-dejavu-core)
# The multicast test makes a network namespace of its own (unshare) with a veth pair (ip).
TEST_PACKAGES=(iproute2 util-linux)
# The fuzz targets: clang, its libFuzzer and sanitizer runtimes, and llvm-symbolizer for the
# stack traces of a crash.
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev llvm-14)

# The build the window, the suite and the benchmark share: optimised, with line tables for
# backtraces, callgrind and perf (-g1), but without the full debug information of -g, which
# took a fifth of every compile.
RELEASE_BUILD=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")

install_missing() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

build() {
    local dir=$1
    shift
    local werror=OFF
    [ "${CI:-}" = true ] && werror=ON
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S . -B "$dir" -G Ninja -DSOCKSCOPE_WERROR="$werror" "$@" >/dev/null
    else
        cmake "$dir" -DSOCKSCOPE_WERROR="$werror" >/dev/null
    fi
    cmake --build "$dir"
}

# Runs one fuzz target for $2 seconds and says in one line how it went; fails on a crash.
# New inputs go to build-fuzz/corpus/<target>/ (kept between runs), never to the committed seeds.
fuzz_target() {
    local target=$1 seconds=$2
    local corpus=$PWD/build-fuzz/corpus/$target crashes=$PWD/build-fuzz/crashes
    local log=$PWD/build-fuzz/logs/$target.log
    mkdir -p "$corpus" "$crashes" "${log%/*}"
    local options=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10
                   -rss_limit_mb=2048 -artifact_prefix="$crashes/$target-")
    [ -f "fuzz/$target.dict" ] && options+=(-dict="$PWD/fuzz/$target.dict")
    if "build-fuzz/fuzz/$target" "${options[@]}" "$corpus" "$PWD/fuzz/corpus/$target" \
        >"$log" 2>&1; then
        local runs speed coverage
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        coverage=$(sed -n 's/.*DONE *cov: \([0-9]*\).* corp: \([0-9]*\).*/\1 edges, \2 inputs/p' \
            "$log")
        printf 'fuzz: %-18s ok     %s runs in %ss (%s/s), %s\n' "$target" "${runs:-?}" \
            "$seconds" "${speed:-?}" "${coverage:-?}"
        return 0
    fi
    local input
    input=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
    printf 'fuzz: %-18s FAILED %s\n' "$target" "${input:-(no input kept; see the log)}"
    # What broke, and where: the sanitizer's or the target's report and its stack.
    sed -n '/invariant broken\|==ERROR\|runtime error\|ERROR: libFuzzer/,/^SUMMARY:/p' "$log" \
        | head -n 60 | sed 's/^/    /'
    echo "    log: $log"
    [ -n "$input" ] && echo "    again: build-fuzz/fuzz/$target $input"
    return 1
}

fuzz() {
    local seconds=${1:-60}
    [[ $seconds =~ ^[1-9][0-9]*$ || $seconds = --build-only ]] || usage
    install_missing "${BUILD_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
    build build-fuzz -DCMAKE_BUILD_TYPE=Debug -DSOCKSCOPE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14
    [ "$seconds" = --build-only ] && return 0
    export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
    export UBSAN_OPTIONS=print_stacktrace=1
    # The command-line target's --log-file checks create files in a temporary folder of their
    # own; after a crash it stays, here.
    export TMPDIR=$PWD/build-fuzz/tmp
    mkdir -p "$TMPDIR"
    # One target per core at a time.
    local jobs targets=0 running=0 failed=0 source
    jobs=$(nproc)
    for source in fuzz/*_fuzz.cpp; do
        if [ "$running" -ge "$jobs" ]; then
            wait -n || failed=$((failed + 1))
            running=$((running - 1))
        fi
        source=${source##*/}
        fuzz_target "${source%.cpp}" "$seconds" &
        running=$((running + 1))
        targets=$((targets + 1))
    done
    while [ "$running" -gt 0 ]; do
        wait -n || failed=$((failed + 1))
        running=$((running - 1))
    done
    echo "fuzz: $((targets - failed)) passed, $failed failed"
    [ "$failed" -eq 0 ]
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
run)
    install_missing "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
    build build "${RELEASE_BUILD[@]}"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "dev.sh: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset);" \
             "run it from a desktop session, or under Xvfb: xvfb-run -a ./dev.sh run" >&2
        exit 1
    fi
    exec build/bin/sockscope "$@"
    ;;
test)
    install_missing "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${BENCH_PACKAGES[@]}" \
        "${TEST_PACKAGES[@]}"
    if [ "${1:-}" = --sanitize ]; then
        [ $# -le 2 ] && [[ ${2:---build-only} = --build-only ]] || usage
        # Line tables (-g1) are all a sanitizer's report needs for its file:line, and much
        # less for every compile and link to write and read than full debug information.
        build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
            -DSOCKSCOPE_SANITIZE=ON
        [ "${2:-}" = --build-only ] && exit 0
        export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
        export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        export LSAN_OPTIONS=suppressions=$PWD/.ci/lsan.supp:print_suppressions=0
        cd build-sanitize
        # The benchmark's smoke pass measures speed, which the sanitizers change tenfold; the
        # real window still runs under them in the end-to-end tests, flood included.
        exec ctest --output-on-failure --parallel 2 --exclude-regex '^bench_smoke$'
    fi
    [ $# -eq 0 ] || usage
    build build "${RELEASE_BUILD[@]}"
    cd build
    exec ctest --output-on-failure --parallel 2
    ;;
bench)
    install_missing "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    case " $* " in
    *" --peer packetsender "* | *" --peer=packetsender "*) install_missing "${PEER_PACKAGES[@]}" ;;
    esac
    build build "${RELEASE_BUILD[@]}"
    exec python3 bench/run.py --build build "$@"
    ;;
fuzz)
    [ $# -le 1 ] || usage
    fuzz "$@"
    ;;
*)
    usage
    ;;
esac
