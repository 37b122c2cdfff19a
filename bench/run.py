#!/usr/bin/env python3
"""Sockscope's benchmark: the real window under load on loopback, and a table of the results.

    bench/run.py --build BUILD_DIR [--runs 3] [--quick]

Each scenario starts `sockscope` in a fresh home folder (default settings), waits until its
window answers, loads it with the project's own tools while bench/windowprobe.cpp measures how
long the window takes to answer _NET_WM_PING, and reads the rest from the kernel and from the
app itself:

- UDP floods (bench/udpflood.cpp), paced and unthrottled. Read by the app: datagrams sent minus
  the kernel's drop counter for the app's socket (/proc/net/udp, last column). The same
  unthrottled flood also goes into bench/udpsink.cpp, a bare recvmmsg() receiver, to show what
  this machine's loopback allows;
- a TCP swarm (bench/tcpswarm.cpp): many clients connect at once to the server tab;
- in the recording: `recv` lines (and their bytes) of the app's --log-file;
- counted in the log: the totals the app prints when it ends (QT_LOGGING_RULES
  sockscope.stats.info=true);
- CPU: utime + stime of the app (/proc/PID/stat) over the whole flood and drain;
- memory: VmRSS (/proc/PID/status) with a full log, after the flood, and after Ctrl+L (Clear),
  typed into the window with xdotool.

Without a display it starts Xvfb. --quick runs every scenario once with small counts: CI's
smoke pass, which checks that the benchmark works, not the targets. Only loopback is used.
"""

import argparse
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def fail(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(1)


def ensure_display():
    """The display to use, starting Xvfb when there is none. Returns the Xvfb process or None."""
    if os.environ.get("DISPLAY"):
        return None
    if not shutil.which("Xvfb"):
        fail("no DISPLAY and no Xvfb; install the xvfb package")
    for number in range(90, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            break
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = f":{number}"
    deadline = time.monotonic() + 10
    while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        if time.monotonic() > deadline or xvfb.poll() is not None:
            fail("Xvfb did not start")
        time.sleep(0.05)
    return xvfb


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mib(pid, field="VmRSS"):
    """RSS of `pid` now, or with field="VmHWM" the most it has had."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def own_sockets(pid, tables):
    """The rows of /proc/net/`tables` (udp, tcp6, ...) that are sockets of `pid`, split in fields."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    for table in tables:
        with open(f"/proc/net/{table}") as f:
            next(f)
            for line in f:
                fields = line.split()
                if fields[9] in inodes:
                    yield fields


def local_port(fields):
    return int(fields[1].rsplit(":", 1)[1], 16)


def udp_sockets(pid):
    """The UDP sockets of `pid`: a list of dicts with port, rx_queue and drops."""
    return [{"port": local_port(fields), "rx_queue": int(fields[4].split(":")[1], 16),
             "drops": int(fields[-1])}
            for fields in own_sockets(pid, ("udp", "udp6"))]


def listening_tcp_ports(pid):
    """The TCP ports `pid` listens on."""
    return [local_port(fields) for fields in own_sockets(pid, ("tcp", "tcp6"))
            if fields[3] == "0A"]  # LISTEN


class Window:
    """A program under test with its window, in a home folder of its own."""

    def __init__(self, build, command, env, since, stderr=subprocess.PIPE):
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                        stderr=stderr, text=True)
        self.pid = self.process.pid
        probe = Probe(build, self.pid, since)
        self.startup = probe.wait_ready()
        probe.stop()

    def wait_idle(self, timeout=120):
        """Until it has read everything and its CPU time stops growing."""
        deadline = time.monotonic() + timeout
        last = cpu_seconds(self.pid)
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = cpu_seconds(self.pid)
            queued = sum(s["rx_queue"] for s in udp_sockets(self.pid))
            if queued == 0 and now - last < 0.02:
                return
            last = now
        fail(f"{self.name} did not become idle")

    def interrupt(self):
        """Ends it as Ctrl+C would; returns what it wrote to stderr."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.communicate(timeout=60)[1] or ""
        except subprocess.TimeoutExpired:
            self.process.kill()
            fail(f"{self.name} did not end within 60 s of SIGINT")

    def cleanup(self):
        if self.process.poll() is None:  # a run that failed half-way
            self.process.kill()
            self.process.communicate()
        shutil.rmtree(self.home, ignore_errors=True)


class App(Window):
    """One run of the sockscope window."""

    name = "sockscope"

    def __init__(self, build, args, settings=""):
        self.home = tempfile.mkdtemp(prefix="sockscope-bench-")
        if settings:  # QSettings' INI text, e.g. "[tcpServer]\nmaxClients=2000\n"
            folder = os.path.join(self.home, ".config", "Sockscope")
            os.makedirs(folder)
            with open(os.path.join(folder, "Sockscope.conf"), "w") as f:
                f.write(settings)
        self.recording = os.path.join(self.home, "recording.jsonl")
        env = dict(os.environ, HOME=self.home, QT_QPA_PLATFORM="xcb",
                   QT_LOGGING_RULES="sockscope.stats.info=true")
        super().__init__(build, [os.path.join(build, "bin", "sockscope"), *args,
                                 "--log-file", self.recording], env, time.time_ns())

    def udp_port(self):
        sockets = udp_sockets(self.pid)
        if len(sockets) != 1:
            fail(f"expected one UDP socket in the app, found {sockets}")
        return sockets[0]["port"]

    def tcp_port(self):
        ports = listening_tcp_ports(self.pid)
        if len(ports) != 1:
            fail(f"expected the app to listen on one TCP port, found {ports}")
        return ports[0]

    def stop(self):
        """Ends the app, and returns the totals it printed per session."""
        totals = {}
        for m in re.finditer(r"sockscope\.stats: (.+?): received (\d+) messages \((\d+) bytes\).*?; (\d+) log rows",
                             self.interrupt()):
            totals[m.group(1)] = {"received": int(m.group(2)), "bytes": int(m.group(3)),
                                  "logged": int(m.group(4))}
        return totals

    def recorded(self, kind="recv"):
        with open(self.recording) as f:
            return sum(1 for line in f if f'"kind":"{kind}"' in line)

    def recorded_bytes(self, kind="recv"):
        total = 0
        with open(self.recording) as f:
            for line in f:
                entry = json.loads(line)
                if entry["kind"] == kind:
                    total += entry["bytes"]
        return total


def free_ports(count, low=20_000, high=32_767):
    """`count` loopback ports below 32768 (Packet Sender's limit) that nothing uses now."""
    ports = []
    for port in random.sample(range(low, high), 200):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, \
                socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            try:
                udp.bind(("0.0.0.0", port))
                tcp.bind(("0.0.0.0", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    fail("no free ports below 32768")


class PacketSender(Window):
    """Packet Sender (the Debian package) with its UDP and TCP servers on and its SSL server off.

    It binds 0.0.0.0 on the ports of its settings file; its window opens only where `xrandr`
    (x11-xserver-utils) is installed.
    """

    name = "Packet Sender"

    def __init__(self, build):
        for program, package in (("packetsender", "packetsender"), ("xrandr", "x11-xserver-utils")):
            if not shutil.which(program):
                fail(f"--peer packetsender needs {program}: install the {package} package")
        self.home = tempfile.mkdtemp(prefix="packetsender-bench-")
        self.udp, self.tcp = free_ports(2)
        folder = os.path.join(self.home, ".local", "share", "PacketSender")
        os.makedirs(folder)
        with open(os.path.join(folder, "ps_settings.ini"), "w") as f:
            f.write(f"[General]\nudpPort={self.udp}\ntcpPort={self.tcp}\nudpServerEnable=true\n"
                    "tcpServerEnable=true\nsslServerEnable=false\nipMode=4\n")
        env = dict(os.environ, HOME=self.home, QT_QPA_PLATFORM="xcb")
        # Its warnings could fill a pipe nobody reads while it runs.
        super().__init__(build, ["packetsender"], env, time.time_ns(), stderr=subprocess.DEVNULL)
        if self.udp not in [s["port"] for s in udp_sockets(self.pid)] \
                or self.tcp not in listening_tcp_ports(self.pid):
            fail(f"Packet Sender did not open UDP {self.udp} and TCP {self.tcp}")

    def udp_port(self):
        return self.udp

    def tcp_port(self):
        return self.tcp

    def stop(self):
        self.interrupt()
        return {}


class Probe:
    """bench/windowprobe against one window."""

    def __init__(self, build, pid, since=0):
        args = [os.path.join(build, "bench", "windowprobe"), "--pid", str(pid)]
        if since:
            args += ["--since", str(since)]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)

    def wait_ready(self, timeout=30):
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.process.kill()
            fail(f"the window did not answer within {timeout} s")
        return json.loads(line)

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=10)
        return json.loads(out.strip().splitlines()[-1])


def flood(build, port, count, rate, size=64):
    args = [os.path.join(build, "bench", "udpflood"), "--to", f"127.0.0.1:{port}",
            "--count", str(count), "--size", str(size)]
    if rate:
        args += ["--rate", str(rate)]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def press(pid, keys):
    """Types `keys` (xdotool's names, e.g. ctrl+l) into the window of `pid`, as a user would."""
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                            check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", keys], check=True)


def wait_drained(pid, timeout=30):
    """Until nothing waits in the UDP sockets of `pid`."""
    deadline = time.monotonic() + timeout
    while any(s["rx_queue"] for s in udp_sockets(pid)):
        if time.monotonic() > deadline:
            fail(f"process {pid} did not read what was queued for it")
        time.sleep(0.05)


def wait_rss_settled(pid, steady=2.0, timeout=30):
    """RSS once it has not changed for `steady` seconds: the app hands freed memory back a
    second after the frees stop (Heap::returnFreedMemoryWhenQuiet)."""
    deadline = time.monotonic() + timeout
    last = rss_mib(pid)
    since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = rss_mib(pid)
        if abs(now - last) >= 0.1:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= steady:
            return now
    return last


def udp_flood_run(build, count, rate, log_cap=None, peer=False):
    """One flood against a fresh window (Packet Sender's with `peer`): what was read, recorded,
    logged, and how it felt.

    With `log_cap` (the log's row limit), the flood comes in two parts with a pause between:
    first exactly log_cap datagrams, to measure the memory of a full log, then the rest, to see
    that the cap bounds it. At the end sockscope's log is cleared with Ctrl+L to see the memory
    go back. Packet Sender records nothing and counts nothing we can read: those stay None.
    """
    window = PacketSender(build) if peer else App(build, ["--udp", "127.0.0.1:0"])
    try:
        port = window.udp_port()
        idle_rss = rss_mib(window.pid)
        cpu_before = cpu_seconds(window.pid)
        probe = Probe(build, window.pid)
        probe.wait_ready()
        parts = [log_cap, count - log_cap] if log_cap and count > log_cap else [count]
        sent = {"sent": 0, "seconds": 0.0}
        rss = []
        for part in parts:
            result = flood(build, port, part, rate)
            sent["sent"] += result["sent"]
            sent["seconds"] += result["seconds"]
            window.wait_idle(timeout=600)
            rss.append(wait_rss_settled(window.pid))
        stalls = probe.stop()
        cpu = cpu_seconds(window.pid) - cpu_before
        drops = next(s["drops"] for s in udp_sockets(window.pid) if s["port"] == port)
        peak_rss = rss_mib(window.pid, "VmHWM")
        cleared_rss = None
        if log_cap and not peer:
            press(window.pid, "ctrl+l")
            cleared_rss = wait_rss_settled(window.pid)
        totals = window.stop()
        read = sent["sent"] - drops
        return {
            "sent": sent["sent"], "send_rate": sent["sent"] / sent["seconds"], "read": read,
            "read_pct": 100.0 * read / sent["sent"],
            "recorded": None if peer else window.recorded(),
            "logged": None if peer else totals.get("UDP", {}).get("received", -1),
            "max_stall_ms": stalls["max_ms"], "cpu_us": 1e6 * cpu / max(1, read),
            "full_log_mib": rss[0] - idle_rss, "rss_growth_mib": rss[-1] - idle_rss,
            "peak_growth_mib": peak_rss - idle_rss,
            "cleared_mib": None if cleared_rss is None else cleared_rss - idle_rss,
            "startup_ms": window.startup["first_answer_ms"], "idle_rss_mib": idle_rss,
        }
    finally:
        window.cleanup()


def tcp_swarm_run(build, clients, messages=3, interval_ms=100, peer=False, timeout=10):
    """`clients` connect at once to a fresh server tab (Packet Sender's TCP server with `peer`)
    and each send `messages` lines. A client whose server has not closed `timeout` seconds
    after its start gives up (Packet Sender's never closes)."""
    window = PacketSender(build) if peer else App(
        build, ["--tcp-server", "127.0.0.1:0"], settings=f"[tcpServer]\nmaxClients={2 * clients}\n")
    try:
        probe = Probe(build, window.pid)
        probe.wait_ready()
        swarm = json.loads(subprocess.run(
            [os.path.join(build, "bench", "tcpswarm"), "--to", f"127.0.0.1:{window.tcp_port()}",
             "--clients", str(clients), "--messages", str(messages), "--interval", str(interval_ms),
             "--timeout", str(timeout)],
            check=True, capture_output=True, text=True).stdout)
        window.wait_idle(timeout=600)
        stalls = probe.stop()
        totals = window.stop()
        swarm.update(logged_bytes=None if peer else totals.get("TCP Server", {}).get("bytes", -1),
                     recorded_bytes=None if peer else window.recorded_bytes(),
                     max_stall_ms=stalls["max_ms"])
        return swarm
    finally:
        window.cleanup()


class Sink:
    """bench/udpsink: counts what arrives and when."""

    def __init__(self, build):
        self.process = subprocess.Popen([os.path.join(build, "bench", "udpsink")],
                                        stdout=subprocess.PIPE, text=True)
        self.port = json.loads(self.process.stdout.readline())["port"]

    def stop(self):
        wait_drained(self.process.pid)
        self.process.send_signal(signal.SIGINT)
        return json.loads(self.process.communicate(timeout=10)[0].strip().splitlines()[-1])

    def cleanup(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def repeat_run(build, count, rate):
    """The UDP tab's Repeat sends `count` datagrams of 64 bytes at `rate` a second (0: as fast
    as it can) to bench/udpsink; returns the rate they arrived at.

    The pace and count are set in the settings file; the message is typed into the window and
    Repeat pressed with xdotool, the way a user does it.
    """
    sink = Sink(build)
    pace = f"repeatPace=rate\nudp\\repeatRate={rate}" if rate else "repeatPace=interval\nudp\\repeatInterval=0"
    app = App(build, ["--udp", "127.0.0.1:0", "--udp-remote", f"127.0.0.1:{sink.port}"],
              settings=f"[composer]\nudp\\repeatCount={count}\nudp\\{pace}\n")
    try:
        press(app.pid, "ctrl+1")  # the UDP tab, with the message input focused
        subprocess.run(["xdotool", "type", "x" * 64], check=True)
        # Alt+R reaches Repeat (it focuses the button first while another label shares R), and
        # Space presses it.
        subprocess.run(["xdotool", "key", "alt+r", "space"], check=True)
        deadline = time.monotonic() + 60 + 2 * count / (rate or 100_000)
        while True:
            sent = app.recorded("send")
            if sent >= count:
                break
            if time.monotonic() > deadline:
                fail(f"Repeat sent {sent} of {count} datagrams")
            time.sleep(0.2)
        result = sink.stop()
        app.stop()
    finally:
        sink.cleanup()
        app.cleanup()
    return arrivals(result)


def arrivals(sink_result):
    """How many datagrams reached bench/udpsink, and the rate they arrived at."""
    seconds = (sink_result["last_ns"] - sink_result["first_ns"]) / 1e9
    received = sink_result["received"]
    return {"received": received, "rate": (received - 1) / seconds if seconds else 0}


def packetsender_send_run(build, count, rate):
    """Packet Sender's fastest way to send many datagrams, its command line's "intense traffic"
    mode, sends `count` datagrams of 64 bytes at `rate` a second (0: as fast as it can) to
    bench/udpsink; returns the rate they arrived at."""
    sink = Sink(build)
    home = tempfile.mkdtemp(prefix="packetsender-bench-")
    pace = ["--rate", str(rate)] if rate else ["--usdelay", "0"]
    try:
        # The data is hex, its default for UDP: 64 bytes of 'x'.
        subprocess.run(["packetsender", "--quiet", "--udp", "--num", str(count), *pace,
                        "127.0.0.1", str(sink.port), "78" * 64],
                       env=dict(os.environ, HOME=home), check=True, capture_output=True,
                       timeout=120 + 2 * count / (rate or 10_000))
        result = sink.stop()
    finally:
        sink.cleanup()
        shutil.rmtree(home, ignore_errors=True)
    return arrivals(result)


def reference_run(build, count):
    """The same unthrottled flood into bench/udpsink: what this machine's loopback allows."""
    sink = Sink(build)
    try:
        sent = flood(build, sink.port, count, 0)
        received = sink.stop()["received"]
    finally:
        sink.cleanup()
    return {"send_rate": sent["rate"], "read_pct": 100.0 * received / sent["sent"]}


# Rates Repeat is asked for; 0 is as fast as it can.
REPEAT_RATES = (0, 10, 1_000, 50_000)


def repeat_count(rate, quick, peer=False):
    """About five seconds' worth of sends (one in the smoke pass). Packet Sender's sender tops
    out near 1,000/s when given a rate and 60,000/s without: it gets counts it can send in
    seconds."""
    if rate == 0:
        return (20_000 if quick else 100_000) if peer else (20_000 if quick else 500_000)
    count = max(5, rate * (1 if quick else 5))
    return min(count, 1_000 if quick else 5_000) if peer else count


def summary(numbers, unit, digits=1):
    median = statistics.median(numbers)
    suffix = f" {unit}" if unit else ""
    if len(numbers) == 1:
        return f"{median:,.{digits}f}{suffix}"
    return f"{median:,.{digits}f}{suffix} ({min(numbers):,.{digits}f}–{max(numbers):,.{digits}f})"


def run_scenarios(build, runs, quick, peer=False):
    """Every scenario `runs` times against sockscope, or against Packet Sender with `peer`."""
    count = 20_000 if quick else 1_000_000
    # The memory rows fill the log to its default row limit; the smoke pass still goes through
    # the two-part flood and Ctrl+L, with a part of its own size.
    log_cap = 5_000 if quick else 100_000
    clients = 100 if quick else 1_000
    rate = 20_000 if quick else 80_000
    send = packetsender_send_run if peer else repeat_run
    return {
        "count": count, "rate": rate, "log_cap": log_cap, "clients": clients,
        "throttled": [udp_flood_run(build, count, rate, log_cap, peer) for _ in range(runs)],
        "unthrottled": [udp_flood_run(build, count, 0, None, peer) for _ in range(runs)],
        "reference": [] if peer else [reference_run(build, count) for _ in range(runs)],
        "swarms": [tcp_swarm_run(build, clients, peer=peer, timeout=5 if quick else 10)
                   for _ in range(runs)],
        "sends": {r: [send(build, repeat_count(r, quick, peer), r) for _ in range(runs)]
                  for r in REPEAT_RATES},
    }


def values(key, of="throttled", scale=1.0):
    """A row's numbers: `key` of every run of scenario `of`, from either program's results."""
    return lambda results: [r[key] * scale for r in results[of]]


def median_at_most(limit):
    return lambda v: statistics.median(v) <= limit


def median_at_least(limit):
    return lambda v: statistics.median(v) >= limit


def table_rows(ours, theirs=None):
    """(scenario, target, result, pass, Packet Sender's result) for each row of the table."""
    rows = []
    count, rate, log_cap, clients = (ours[k] for k in ("count", "rate", "log_cap", "clients"))

    def row(scenario, target, get, unit, digits, check=None):
        """A row that summarises get(results) for both programs; `check` judges ours."""
        mine = get(ours)
        other = summary(get(theirs), unit, digits) if theirs else ""
        rows.append((scenario, target, summary(mine, unit, digits), check(mine) if check else None, other))

    def text(scenario, target, result, ok, other=""):
        rows.append((scenario, target, result, ok, other if theirs else ""))

    throttled, swarms = ours["throttled"], ours["swarms"]
    row(f"UDP {count:,} × 64 B at {rate:,}/s: read", "100%", values("read_pct"), "%", 2,
        lambda v: min(v) >= 100.0)
    complete = all(r["recorded"] == r["read"] and r["logged"] == r["read"] for r in throttled)
    text("  … in the recording and counted in the log", "every one",
         "every one" if complete else "MISSING: " + ", ".join(
             f"read {r['read']} recorded {r['recorded']} logged {r['logged']}" for r in throttled),
         complete, "(records nothing)")
    row("  … longest window stall", "≤ 100 ms", values("max_stall_ms"), "ms", 0, median_at_most(100))
    row(f"UDP {count:,} × 64 B unthrottled: read", "≥ 90%", values("read_pct", "unthrottled"), "%", 1,
        median_at_least(90))
    row("  … sender's rate", "(for reference)", values("send_rate", "unthrottled", 1e-3), "k/s", 0)
    row("  … longest window stall", "≤ 200 ms", values("max_stall_ms", "unthrottled"), "ms", 0,
        median_at_most(200))
    row("  … RSS growth after it (the cap bounds it)", "≤ 32 MiB",
        values("rss_growth_mib", "unthrottled"), "MiB", 1, median_at_most(32))
    row("  … RSS growth at its peak", "(for reference)", values("peak_growth_mib", "unthrottled"),
        "MiB", 1)
    if ours["reference"]:
        text("  … same flood into a bare C receiver: read", "(for reference)",
             summary([r["read_pct"] for r in ours["reference"]], "%", 1), None)
        text("  … sender's rate against it", "(for reference)",
             summary([r["send_rate"] / 1000 for r in ours["reference"]], "k/s", 0), None)
    row(f"TCP server, {clients:,} clients at once: all connected within", "≤ 1 s",
        values("connect_ms", "swarms"), "ms", 0, median_at_most(1000))
    row("  … clients connected", f"{clients:,}", values("connected", "swarms"), "", 0,
        lambda v: min(v) == clients)
    row("  … resets", "0", values("resets", "swarms"), "", 0, lambda v: max(v) == 0)
    whole = all(s["logged_bytes"] == s["bytes"] == s["recorded_bytes"]
                and s["closed_cleanly"] == clients for s in swarms)
    text("  … 3 messages each, 100 ms apart: logged and recorded", "every byte",
         "every byte" if whole else "MISSING: " + ", ".join(
             f"sent {s['bytes']} logged {s['logged_bytes']} recorded {s['recorded_bytes']}"
             f" clean {s['closed_cleanly']}" for s in swarms), whole, "(records nothing)")
    row("  … clients the server closed cleanly", f"{clients:,}", values("closed_cleanly", "swarms"),
        "", 0, lambda v: min(v) == clients)
    row("  … longest window stall", "(for reference)", values("max_stall_ms", "swarms"), "ms", 0)

    def send_rates(rate, scale=1.0):
        return lambda results: [r["rate"] * scale for r in results["sends"][rate]]

    def off_by(rate):
        return lambda results: [100.0 * (x - rate) / rate for x in send_rates(rate)(results)]

    row("UDP Repeat, unthrottled: sending rate", "≥ 100 k/s", send_rates(0, 1e-3), "k/s", 0,
        median_at_least(100))
    for r in REPEAT_RATES[1:]:
        row(f"UDP Repeat at {r:,}/s: arrival rate off by", "within ±2%", off_by(r), "%", 2,
            lambda v: abs(statistics.median(v)) <= 2)

    def both(key):
        return lambda results: [r[key] for k in ("throttled", "unthrottled") for r in results[k]]

    row("CPU per received and logged datagram", "≤ 10 µs", both("cpu_us"), "µs", 1, median_at_most(10))
    row("Start to a window that answers", "≤ 250 ms", both("startup_ms"), "ms", 0, median_at_most(250))
    row("Idle RSS", "≤ 60 MiB", both("idle_rss_mib"), "MiB", 1, median_at_most(60))
    if log_cap >= 100_000:
        row(f"RSS growth, {log_cap:,} rows of 64 B (a full log)", "≤ 32 MiB", values("full_log_mib"),
            "MiB", 1, median_at_most(32))
        row(f"  … after {count:,} at {rate:,}/s (the cap bounds it)", "≤ 32 MiB",
            values("rss_growth_mib"), "MiB", 1, median_at_most(32))
        cleared = [r["cleared_mib"] for r in throttled]
        text("  … after Clear (Ctrl+L)", "≤ 8 MiB", summary(cleared, "MiB", 1),
             statistics.median(cleared) <= 8, "(no shortcut)")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the build folder (with bin/ and bench/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median)")
    parser.add_argument("--quick", action="store_true", help="small counts, one run: a smoke test")
    parser.add_argument("--peer", choices=["packetsender"],
                        help="also run the scenarios that apply against Packet Sender")
    options = parser.parse_args()
    runs = 1 if options.quick else options.runs
    xvfb = ensure_display()
    try:
        ours = run_scenarios(options.build, runs, options.quick)
        theirs = run_scenarios(options.build, runs, options.quick, peer=True) if options.peer else None
    finally:
        if xvfb:
            xvfb.terminate()

    print_table(table_rows(ours, theirs), runs, peer=theirs is not None)
    # The smoke pass fails only when the benchmark itself is broken: nothing read or recorded.
    floods = ours["throttled"] + ours["unthrottled"]
    if options.quick and not (all(r["read"] > 0 and r["recorded"] > 0 for r in floods)
                              and all(s["recorded_bytes"] > 0 for s in ours["swarms"])):
        fail("the smoke pass read or recorded nothing")
    return 0


def print_table(rows, runs, peer=False):
    headers = ("Scenario", "Target", f"Result (median of {runs}, min–max)", "")
    verdict = {True: "pass", False: "FAIL", None: ""}
    table = [headers] + [(s, t, r, verdict[ok]) for s, t, r, ok, _ in rows]
    if peer:
        table = [row + (other,) for row, other in zip(table, ["Packet Sender"] + [r[4] for r in rows])]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers) + peer)]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    sys.exit(main())
