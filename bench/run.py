#!/usr/bin/env python3
"""Sockscope's benchmark: the real window under load on loopback, and a table of the results.

    bench/run.py --build BUILD_DIR [--runs 3] [--quick]

Each scenario starts `sockscope` in a fresh home folder (default settings), waits until its
window answers, loads it with the project's own tools (bench/udpflood.cpp) while
bench/windowprobe.cpp measures how long the window takes to answer _NET_WM_PING, and reads the
rest from the kernel and from the app itself:

- read by the app: datagrams sent minus the kernel's drop counter for the app's socket
  (/proc/net/udp, last column);
- in the recording: `recv` lines of the app's --log-file;
- counted in the log: the totals the app prints when it ends (QT_LOGGING_RULES
  sockscope.stats.info=true);
- CPU: utime + stime of the app (/proc/PID/stat) over the whole flood and drain;
- memory: VmRSS (/proc/PID/status).

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


def udp_sockets(pid):
    """The UDP sockets of `pid`: a list of dicts with port, rx_queue and drops."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    sockets = []
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                if fields[9] in inodes:
                    sockets.append({"port": int(fields[1].rsplit(":", 1)[1], 16),
                                    "rx_queue": int(fields[4].split(":")[1], 16),
                                    "drops": int(fields[-1])})
    return sockets


class App:
    """One run of the sockscope window, in a home folder of its own."""

    def __init__(self, build, args):
        self.home = tempfile.mkdtemp(prefix="sockscope-bench-")
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
        for m in re.finditer(r"sockscope\.stats: (.+?): received (\d+) messages .*?; (\d+) log rows", stderr):
            totals[m.group(1)] = {"received": int(m.group(2)), "logged": int(m.group(3))}
        return totals

    def recorded(self, kind="recv"):
        with open(self.recording) as f:
            return sum(1 for line in f if f'"kind":"{kind}"' in line)

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


def udp_flood_run(build, count, rate):
    """One flood against a fresh window: what was read, recorded, logged, and how it felt."""
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
        sent = flood(build, port, count, rate)
        app.wait_idle()
        window = probe.stop()
        cpu = cpu_seconds(app.pid) - cpu_before
        drops = udp_sockets(app.pid)[0]["drops"]
        rss = rss_mib(app.pid)
        totals = app.stop()
        read = sent["sent"] - drops
        return {
            "sent": sent["sent"], "send_rate": sent["rate"], "read": read,
            "read_pct": 100.0 * read / sent["sent"],
            "recorded": app.recorded(), "logged": totals.get("UDP", {}).get("received", -1),
            "max_stall_ms": window["max_ms"], "cpu_us": 1e6 * cpu / max(1, read),
            "rss_growth_mib": rss - idle_rss, "startup_ms": app.startup["first_answer_ms"],
            "idle_rss_mib": idle_rss,
        }
    finally:
        app.cleanup()


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
    xvfb = ensure_display()
    rows = []
    try:
        throttled = [udp_flood_run(options.build, count, 20_000 if options.quick else 80_000)
                     for _ in range(runs)]
        unthrottled = [udp_flood_run(options.build, count, 0) for _ in range(runs)]
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
    cpu = [r["cpu_us"] for r in throttled + unthrottled]
    rows.append(("CPU per received and logged datagram", "≤ 10 µs", summary(cpu, "µs", 1),
                 statistics.median(cpu) <= 10))
    startup = [r["startup_ms"] for r in throttled + unthrottled]
    rows.append(("Start to a window that answers", "≤ 250 ms", summary(startup, "ms", 0),
                 statistics.median(startup) <= 250))
    idle = [r["idle_rss_mib"] for r in throttled + unthrottled]
    rows.append(("Idle RSS", "≤ 60 MiB", summary(idle, "MiB", 1), statistics.median(idle) <= 60))
    if not options.quick:
        growth = [r["rss_growth_mib"] for r in throttled]
        rows.append(("RSS growth, 100,000 rows of 64 B (the cap)", "≤ 32 MiB",
                     summary(growth, "MiB", 1), statistics.median(growth) <= 32))

    print_table(rows, runs)
    # The smoke pass fails only when the benchmark itself is broken: nothing read or recorded.
    if options.quick and not all(r["read"] > 0 and r["recorded"] > 0 for r in throttled + unthrottled):
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
