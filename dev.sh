#!/usr/bin/env bash
# The two commands of the README's quick start, for a fresh Debian 12 / Ubuntu machine:
#
#   ./dev.sh run [sockscope options]   install what is missing, build, launch the window
#   ./dev.sh test                      install what is missing, build, run every test headless
#
#   ./dev.sh test --sanitize           the same suite built with AddressSanitizer and
#                                      UndefinedBehaviorSanitizer (in build-sanitize/)
#   ./dev.sh bench [--runs N]          the benchmark: the real window under load, as a table
#                  [--quick]           (under Xvfb when there is no display); with --peer
#                  [--peer packetsender]  packetsender, the same scenarios against Packet Sender
#
# All are idempotent: packages already installed are not touched and an up-to-date build
# does nothing. With CI=true, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

BUILD_PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-l10n-tools
                qt6-tools-dev-tools libgl-dev libx11-dev python3)
# The benchmark (and its smoke pass in the test suite) runs the real window under Xvfb, types
# into it with xdotool and pastes into it from xclip.
BENCH_PACKAGES=(xvfb xdotool xclip)
# bench --peer packetsender: Packet Sender opens its window only where xrandr is installed.
PEER_PACKAGES=(packetsender x11-xserver-utils)
RUN_PACKAGES=(libqt6svg6 qt6-qpa-plugins fonts-dejavu-core)
# The multicast test makes a network namespace of its own (unshare) with a veth pair (ip).
TEST_PACKAGES=(iproute2 util-linux)

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

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
run)
    install_missing "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
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
        build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DSOCKSCOPE_SANITIZE=ON
        export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
        export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        export LSAN_OPTIONS=suppressions=$PWD/.ci/lsan.supp:print_suppressions=0
        cd build-sanitize
    else
        [ $# -eq 0 ] || usage
        build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
        cd build
    fi
    exec ctest --output-on-failure --parallel 2
    ;;
bench)
    install_missing "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    case " $* " in
    *" --peer packetsender "* | *" --peer=packetsender "*) install_missing "${PEER_PACKAGES[@]}" ;;
    esac
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    exec python3 bench/run.py --build build "$@"
    ;;
*)
    usage
    ;;
esac
