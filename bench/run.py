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
import re
import select
import shutil
import signal
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


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
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


class App:
    """One run of the sockscope window, in a home folder of its own."""

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
        since = time.time_ns()
        self.process = subprocess.Popen([os.path.join(build, "bin", "sockscope"), *args,
                                         "--log-file", self.recording],
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
        self.pid = self.process.pid
        probe = Probe(build, self.pid, since)
        self.startup = probe.wait_ready()
        probe.stop()

    def wait_idle(self, timeout=120):
        """Until the app has read everything and its CPU time stops growing."""
        deadline = time.monotonic() + timeout
        last = cpu_seconds(self.pid)
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = cpu_seconds(self.pid)
            queued = sum(s["rx_queue"] for s in udp_sockets(self.pid))
            if queued == 0 and now - last < 0.02:
                return
            last = now
        fail("the app did not become idle")

    def stop(self):
        """Ends the app as Ctrl+C would, and returns the totals it printed per session."""
        self.process.send_signal(signal.SIGINT)
        try:
            _, stderr = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            fail("the app did not end within 60 s of SIGINT")
        totals = {}
        for m in re.finditer(r"sockscope\.stats: (.+?): received (\d+) messages \((\d+) bytes\).*?; (\d+) log rows",
                             stderr):
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

    def cleanup(self):
        if self.process.poll() is None:  # a run that failed half-way
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)


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


def wait_rss_settled(pid, timeout=30):
    """RSS once it has stopped changing: memory handed back is not always back at once."""
    deadline = time.monotonic() + timeout
    last = rss_mib(pid)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = rss_mib(pid)
        if abs(now - last) < 0.1:
            return now
        last = now
    return last


def udp_flood_run(build, count, rate, log_cap=None):
    """One flood against a fresh window: what was read, recorded, logged, and how it felt.

    With `log_cap` (the log's row limit), the flood comes in two parts with a pause between:
    first exactly log_cap datagrams, to measure the memory of a full log, then the rest, to see
    that the cap bounds it. At the end the log is cleared with Ctrl+L to see the memory go back.
    """
    app = App(build, ["--udp", "127.0.0.1:0"])
    try:
        sockets = udp_sockets(app.pid)
        if len(sockets) != 1:
            fail(f"expected one UDP socket in the app, found {sockets}")
        port = sockets[0]["port"]
        idle_rss = rss_mib(app.pid)
        cpu_before = cpu_seconds(app.pid)
        probe = Probe(build, app.pid)
        probe.wait_ready()
        parts = [log_cap, count - log_cap] if log_cap and count > log_cap else [count]
        sent = {"sent": 0, "seconds": 0.0}
        rss = []
        for part in parts:
            result = flood(build, port, part, rate)
            sent["sent"] += result["sent"]
            sent["seconds"] += result["seconds"]
            app.wait_idle()
            rss.append(rss_mib(app.pid))
        window = probe.stop()
        cpu = cpu_seconds(app.pid) - cpu_before
        drops = udp_sockets(app.pid)[0]["drops"]
        cleared_rss = None
        if log_cap:
            press(app.pid, "ctrl+l")
            cleared_rss = wait_rss_settled(app.pid)
        totals = app.stop()
        read = sent["sent"] - drops
        return {
            "sent": sent["sent"], "send_rate": sent["sent"] / sent["seconds"], "read": read,
            "read_pct": 100.0 * read / sent["sent"],
            "recorded": app.recorded(), "logged": totals.get("UDP", {}).get("received", -1),
            "max_stall_ms": window["max_ms"], "cpu_us": 1e6 * cpu / max(1, read),
            "full_log_mib": rss[0] - idle_rss, "rss_growth_mib": rss[-1] - idle_rss,
            "cleared_mib": None if cleared_rss is None else cleared_rss - idle_rss,
            "startup_ms": app.startup["first_answer_ms"], "idle_rss_mib": idle_rss,
        }
    finally:
        app.cleanup()


def tcp_swarm_run(build, clients, messages=3, interval_ms=100):
    """`clients` connect at once to a fresh server tab and each send `messages` lines."""
    app = App(build, ["--tcp-server", "127.0.0.1:0"],
              settings=f"[tcpServer]\nmaxClients={2 * clients}\n")
    try:
        ports = listening_tcp_ports(app.pid)
        if len(ports) != 1:
            fail(f"expected the app to listen on one TCP port, found {ports}")
        probe = Probe(build, app.pid)
        probe.wait_ready()
        swarm = json.loads(subprocess.run(
            [os.path.join(build, "bench", "tcpswarm"), "--to", f"127.0.0.1:{ports[0]}",
             "--clients", str(clients), "--messages", str(messages), "--interval", str(interval_ms)],
            check=True, capture_output=True, text=True).stdout)
        app.wait_idle()
        window = probe.stop()
        totals = app.stop()
        swarm.update(logged_bytes=totals.get("TCP Server", {}).get("bytes", -1),
                     recorded_bytes=app.recorded_bytes(), max_stall_ms=window["max_ms"])
        return swarm
    finally:
        app.cleanup()


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
    seconds = (result["last_ns"] - result["first_ns"]) / 1e9
    return {"received": result["received"], "rate": (result["received"] - 1) / seconds if seconds else 0}


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


def repeat_count(rate, quick):
    """About five seconds' worth of sends (one in the smoke pass)."""
    if rate == 0:
        return 20_000 if quick else 500_000
    return max(5, rate * (1 if quick else 5))


def summary(values, unit, digits=1):
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f} {unit}"
    return f"{median:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the build folder (with bin/ and bench/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median)")
    parser.add_argument("--quick", action="store_true", help="small counts, one run: a smoke test")
    options = parser.parse_args()
    runs = 1 if options.quick else options.runs
    count = 20_000 if options.quick else 1_000_000
    # The memory rows fill the log to its default row limit; the smoke pass still goes through
    # the two-part flood and Ctrl+L, with a part of its own size.
    log_cap = 5_000 if options.quick else 100_000
    clients = 100 if options.quick else 1_000
    xvfb = ensure_display()
    rows = []
    try:
        throttled = [udp_flood_run(options.build, count, 20_000 if options.quick else 80_000, log_cap)
                     for _ in range(runs)]
        unthrottled = [udp_flood_run(options.build, count, 0) for _ in range(runs)]
        reference = [reference_run(options.build, count) for _ in range(runs)]
        swarms = [tcp_swarm_run(options.build, clients) for _ in range(runs)]
        repeats = {rate: [repeat_run(options.build, repeat_count(rate, options.quick), rate)
                          for _ in range(runs)]
                   for rate in REPEAT_RATES}
    finally:
        if xvfb:
            xvfb.terminate()

    rate = "20,000/s" if options.quick else "80,000/s"
    complete = all(r["recorded"] == r["read"] and r["logged"] == r["read"] for r in throttled)
    rows.append((f"UDP {count:,} × 64 B at {rate}: read", "100%",
                 summary([r["read_pct"] for r in throttled], "%", 2),
                 min(r["read_pct"] for r in throttled) >= 100.0))
    rows.append(("  … in the recording and counted in the log", "every one",
                 "every one" if complete else "MISSING: " + ", ".join(
                     f"read {r['read']} recorded {r['recorded']} logged {r['logged']}" for r in throttled),
                 complete))
    rows.append(("  … longest window stall", "≤ 100 ms",
                 summary([r["max_stall_ms"] for r in throttled], "ms", 0),
                 statistics.median(r["max_stall_ms"] for r in throttled) <= 100))
    rows.append((f"UDP {count:,} × 64 B unthrottled: read", "≥ 90%",
                 summary([r["read_pct"] for r in unthrottled], "%", 1),
                 statistics.median(r["read_pct"] for r in unthrottled) >= 90))
    rows.append(("  … sender's rate", "(for reference)",
                 summary([r["send_rate"] / 1000 for r in unthrottled], "k/s", 0), None))
    rows.append(("  … longest window stall", "≤ 200 ms",
                 summary([r["max_stall_ms"] for r in unthrottled], "ms", 0),
                 statistics.median(r["max_stall_ms"] for r in unthrottled) <= 200))
    rows.append(("  … same flood into a bare C receiver: read", "(for reference)",
                 summary([r["read_pct"] for r in reference], "%", 1), None))
    rows.append(("  … sender's rate against it", "(for reference)",
                 summary([r["send_rate"] / 1000 for r in reference], "k/s", 0), None))
    rows.append((f"TCP server, {clients:,} clients at once: all connected", "≤ 1 s",
                 summary([s["connect_ms"] for s in swarms], "ms", 0),
                 all(s["connected"] == clients for s in swarms)
                 and statistics.median(s["connect_ms"] for s in swarms) <= 1000))
    rows.append(("  … resets", "0", str(max(s["resets"] for s in swarms)),
                 all(s["resets"] == 0 for s in swarms)))
    whole = all(s["logged_bytes"] == s["bytes"] == s["recorded_bytes"]
                and s["closed_cleanly"] == clients for s in swarms)
    rows.append(("  … 3 messages each, 100 ms apart: logged and recorded", "every byte",
                 "every byte" if whole else "MISSING: " + ", ".join(
                     f"sent {s['bytes']} logged {s['logged_bytes']} recorded {s['recorded_bytes']}"
                     f" clean {s['closed_cleanly']}" for s in swarms), whole))
    rows.append(("  … longest window stall", "(for reference)",
                 summary([s["max_stall_ms"] for s in swarms], "ms", 0), None))
    unthrottled_repeat = [r["rate"] / 1000 for r in repeats[0]]
    rows.append(("UDP Repeat, unthrottled: sending rate", "≥ 100 k/s",
                 summary(unthrottled_repeat, "k/s", 0), statistics.median(unthrottled_repeat) >= 100))
    for rate in REPEAT_RATES[1:]:
        errors = [100.0 * (r["rate"] - rate) / rate for r in repeats[rate]]
        rows.append((f"UDP Repeat at {rate:,}/s: arrival rate off by", "within ±2%",
                     summary(errors, "%", 2), abs(statistics.median(errors)) <= 2))
    cpu = [r["cpu_us"] for r in throttled + unthrottled]
    rows.append(("CPU per received and logged datagram", "≤ 10 µs", summary(cpu, "µs", 1),
                 statistics.median(cpu) <= 10))
    startup = [r["startup_ms"] for r in throttled + unthrottled]
    rows.append(("Start to a window that answers", "≤ 250 ms", summary(startup, "ms", 0),
                 statistics.median(startup) <= 250))
    idle = [r["idle_rss_mib"] for r in throttled + unthrottled]
    rows.append(("Idle RSS", "≤ 60 MiB", summary(idle, "MiB", 1), statistics.median(idle) <= 60))
    if not options.quick:
        full = [r["full_log_mib"] for r in throttled]
        rows.append((f"RSS growth, {log_cap:,} rows of 64 B (a full log)", "≤ 32 MiB",
                     summary(full, "MiB", 1), statistics.median(full) <= 32))
        growth = [r["rss_growth_mib"] for r in throttled]
        rows.append((f"  … after {count:,} (the cap bounds it)", "≤ 32 MiB",
                     summary(growth, "MiB", 1), statistics.median(growth) <= 32))
        cleared = [r["cleared_mib"] for r in throttled]
        rows.append(("  … after Clear (Ctrl+L)", "≤ 8 MiB", summary(cleared, "MiB", 1),
                     statistics.median(cleared) <= 8))

    print_table(rows, runs)
    # The smoke pass fails only when the benchmark itself is broken: nothing read or recorded.
    if options.quick and not (all(r["read"] > 0 and r["recorded"] > 0 for r in throttled + unthrottled)
                              and all(s["recorded_bytes"] > 0 for s in swarms)):
        fail("the smoke pass read or recorded nothing")
    return 0


def print_table(rows, runs):
    headers = ("Scenario", "Target", f"Result (median of {runs}, min–max)", "")
    verdict = {True: "pass", False: "FAIL", None: ""}
    table = [headers] + [(s, t, r, verdict[ok]) for s, t, r, ok in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    sys.exit(main())
