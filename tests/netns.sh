#!/bin/sh
# Runs a test in a network namespace of its own, where multicast and network failures can be
# tried without touching the machine's network: lo up with a route for IPv4 groups, and a veth
# pair (v0, v1) whose v0 has a link-local IPv6 address for IPv6 groups. As root, or in a user
# namespace of its own where the system allows them. Exits 77 (ctest: skipped), saying why, where no namespace can
# be made.
#
#   netns.sh TEST [ARGS...]
set -u
if ! command -v ip >/dev/null 2>&1; then
    echo "SKIP: the ip command (iproute2) is not installed"
    exit 77
fi
if unshare -n true 2>/dev/null; then
    isolate="unshare -n"
elif unshare -rn true 2>/dev/null; then
    isolate="unshare -rn"
else
    echo "SKIP: cannot create a network namespace here: $(unshare -rn true 2>&1)"
    exit 77
fi
exec $isolate sh -c '
    set -e
    ip link set lo up
    ip route add 224.0.0.0/4 dev lo
    if ! ip link add v0 type veth peer name v1 2>/dev/null; then
        echo "SKIP: cannot create a veth pair in the namespace (no veth support)"
        exit 77
    fi
    ip link set v1 up
    ip link set v0 multicast on up
    ip -6 addr add fe80::1/64 dev v0 nodad
    SOCKSCOPE_NETNS_IPV4_IF=lo SOCKSCOPE_NETNS_IPV6_IF=v0 exec "$@"
' netns "$@"
