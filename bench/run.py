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
import threading
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

    def __init__(self, build, args, settings="", record=True, logging=()):
        """`logging`: more categories to turn on, e.g. ("sockscope.detail",); what they say
        goes to a file that log_has() reads while the app runs."""
        self.home = tempfile.mkdtemp(prefix="sockscope-bench-")
        if settings:  # QSettings' INI text, e.g. "[tcpServer]\nmaxClients=2000\n"
            folder = os.path.join(self.home, ".config", "Sockscope")
            os.makedirs(folder)
            with open(os.path.join(folder, "Sockscope.conf"), "w") as f:
                f.write(settings)
        self.recording = os.path.join(self.home, "recording.jsonl") if record else None
        self.stderr_path = os.path.join(self.home, "stderr.txt")
        rules = ";".join(f"{category}.info=true" for category in ("sockscope.stats", *logging))
        env = dict(os.environ, HOME=self.home, QT_QPA_PLATFORM="xcb", QT_LOGGING_RULES=rules)
        record_args = ["--log-file", self.recording] if record else []
        with open(self.stderr_path, "w") as stderr:
            super().__init__(build, [os.path.join(build, "bin", "sockscope"), *args, *record_args],
                             env, time.time_ns(), stderr=stderr)

    def log_has(self, text):
        with open(self.stderr_path, errors="replace") as f:
            return text in f.read()

    def wait_log(self, text, timeout=120):
        deadline = time.monotonic() + timeout
        while not self.log_has(text):
            if time.monotonic() > deadline or self.process.poll() is not None:
                fail(f"sockscope did not log {text!r}")
            time.sleep(0.05)

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
        self.interrupt()
        with open(self.stderr_path, errors="replace") as f:
            stderr = f.read()
        for m in re.finditer(r"sockscope\.stats: (.+?): received (\d+) messages \((\d+) bytes\).*?; (\d+) log rows",
                             stderr):
            totals[m.group(1)] = {"received": int(m.group(2)), "bytes": int(m.group(3)),
                                  "logged": int(m.group(4))}
        return totals

    def recorded(self, kind="recv"):
        with open(self.recording) as f:
            return sum(1 for line in f if f'"kind":"{kind}"' in line)

    def recorded_calls(self, prefix):
        """(lines, calls): the recording's call lines that start with `prefix`, and how many
        calls they stand for (a burst's line says "× N")."""
        lines = calls = 0
        with open(self.recording) as f:
            for line in f:
                if '"kind":"call"' not in line:
                    continue
                call = json.loads(line)["call"]
                if call.startswith(prefix):
                    lines += 1
                    times = call.split(" × ", 1)
                    calls += int("".join(c for c in times[1].split("  #")[0] if c.isdigit())) \
                        if len(times) == 2 else 1
        return lines, calls

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
    """Types `keys` (xdotool's names, e.g. "ctrl+l", or several: "ctrl+f Tab") into the window
    of `pid`, as a user would."""
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                            check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", *keys.split()], check=True)


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


def views_settings(group, more=""):
    """QSettings' INI text that opens the tab of settings group `group` with the kernel's view
    shown and its log as a sequence diagram (what a student watches while a flood comes), plus
    `more` lines of that group."""
    return f"[{group}]\nkernelView=true\n{more}[log]\n{group}\\diagramView=true\n"


def udp_flood_run(build, count, rate, log_cap=None, peer=False, calls=False, views=False):
    """One flood against a fresh window (Packet Sender's with `peer`): what was read, recorded,
    logged, and how it felt.

    With `log_cap` (the log's row limit), the flood comes in two parts with a pause between:
    first exactly log_cap datagrams, to measure the memory of a full log, then the rest, to see
    that the cap bounds it. At the end sockscope's log is cleared with Ctrl+L to see the memory
    go back. Packet Sender records nothing and counts nothing we can read: those stay None.
    With `calls`, the window shows its socket calls (--socket-calls), which are recorded too.
    With `views`, the kernel's view is shown and the log is a sequence diagram.
    """
    window = PacketSender(build) if peer else App(
        build, ["--udp", "127.0.0.1:0", *(["--socket-calls"] if calls else [])],
        settings=views_settings("udp") if views else "")
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
            "calls": window.recorded_calls("data, addr = s.recvfrom") if calls else None,
            "logged": None if peer else totals.get("UDP", {}).get("received", -1),
            "max_stall_ms": stalls["max_ms"], "cpu_us": 1e6 * cpu / max(1, read),
            "full_log_mib": rss[0] - idle_rss, "rss_growth_mib": rss[-1] - idle_rss,
            "peak_growth_mib": peak_rss - idle_rss,
            "cleared_mib": None if cleared_rss is None else cleared_rss - idle_rss,
            "startup_ms": window.startup["first_answer_ms"], "idle_rss_mib": idle_rss,
        }
    finally:
        window.cleanup()


def quit_run(build, count):
    """An unthrottled flood, then Ctrl+C as soon as the kernel's queue is empty: how long the
    window takes to log and record the datagrams its reader took and it had not logged yet,
    and whether every one of them is in the recording."""
    window = App(build, ["--udp", "127.0.0.1:0"])
    try:
        port = window.udp_port()
        flood(build, port, count, 0)
        wait_drained(window.pid)
        drops = next(s["drops"] for s in udp_sockets(window.pid) if s["port"] == port)
        start = time.monotonic()
        window.interrupt()
        seconds = time.monotonic() - start
        return {"quit_ms": 1000 * seconds, "read": count - drops, "recorded": window.recorded()}
    finally:
        window.cleanup()


def quit_backlog_run(build, backlog):
    """A recording that cannot keep up (into a FIFO that nobody reads yet) throttles the UDP
    session, whose reader keeps what it reads (nearly all of `backlog` datagrams: those before
    the recording fell behind are logged); then Ctrl+C while the FIFO is read as fast as it
    comes: how long the window takes to log and record all it read, and whether every datagram
    read is in the recording."""
    folder = tempfile.mkdtemp(prefix="sockscope-fifo-")
    fifo = os.path.join(folder, "recording.fifo")
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the app's check wants a reader
    window = App(build, ["--udp", "127.0.0.1:0", "--log-file", fifo], record=False)
    recorded = []
    try:
        port = window.udp_port()
        # Below loopback speed, so that the reader, not the kernel's queue, takes the flood.
        flood(build, port, backlog, 400_000)
        wait_drained(window.pid)
        drops = next(s["drops"] for s in udp_sockets(window.pid) if s["port"] == port)
        os.set_blocking(reader, True)

        def drain():
            count, tail = 0, b""
            while chunk := os.read(reader, 1 << 20):
                lines = (tail + chunk).split(b"\n")
                tail = lines.pop()
                count += sum(1 for line in lines if b'"kind":"recv"' in line)
            recorded.append(count)

        thread = threading.Thread(target=drain)
        thread.start()
        start = time.monotonic()
        window.interrupt()
        seconds = time.monotonic() - start
        thread.join(timeout=60)
        read = backlog - drops
        return {"quit_ms": 1000 * seconds, "read": read,
                "recorded": recorded[0] if recorded else 0}
    finally:
        os.close(reader)
        window.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def tcp_swarm_run(build, clients, messages=3, interval_ms=100, peer=False, timeout=10,
                  views=False):
    """`clients` connect at once to a fresh server tab (Packet Sender's TCP server with `peer`)
    and each send `messages` lines. A client whose server has not closed `timeout` seconds
    after its start gives up (Packet Sender's never closes). With `views`, the kernel's view is
    shown and the log is a sequence diagram."""
    limit = f"maxClients={2 * clients}\n"
    window = PacketSender(build) if peer else App(
        build, ["--tcp-server", "127.0.0.1:0"],
        settings=views_settings("tcpServer", limit) if views else f"[tcpServer]\n{limit}")
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


def blast(build, *args):
    """bench/tcpblast with `args`, started; for --mode serve and sink, with the port it listens on."""
    process = subprocess.Popen([os.path.join(build, "bench", "tcpblast"), *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = json.loads(process.stdout.readline())["port"] if "--to" not in args else None
    return process, port


def blast_result(process, timeout=300):
    """The last JSON line of a tcpblast that ends by itself."""
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("a bulk TCP transfer did not end")
    if process.returncode != 0:
        fail(f"a bulk TCP transfer failed: {err.strip()}")
    return json.loads(out.strip().splitlines()[-1])


def tcp_reference_run(build, size):
    """bench/tcpblast's bare reader, which keeps nothing: what loopback allows right now."""
    sink, port = blast(build, "--mode", "sink")
    sender, _ = blast(build, "--mode", "send", "--to", f"127.0.0.1:{port}", "--bytes", size)
    rate = blast_result(sender)["rate"]
    blast_result(sink)
    return rate


def disk_write_rate(folder, size):
    """What writing `size` bytes into a new file in `folder` allows right now, 1 MiB at a time
    (through the page cache, as the recording writes): the bare writer the recording compares
    with. Dirty pages are written out first and after, so that each measure starts alike."""
    os.sync()
    path = os.path.join(folder, "bare-write.bin")
    block = b"x" * (1 << 20)
    start = time.monotonic()
    with open(path, "wb", buffering=0) as f:
        for _ in range(size >> 20):
            f.write(block)
    rate = size / (time.monotonic() - start)
    os.remove(path)
    os.sync()
    return rate


def tcp_drained(pid, timeout=300):
    """For a peer that never closes: until the TCP sockets of `pid` have nothing left to read."""
    deadline = time.monotonic() + timeout
    while any(int(fields[4].split(":")[1], 16) for fields in own_sockets(pid, ("tcp", "tcp6"))):
        if time.monotonic() > deadline:
            fail(f"process {pid} did not read what was sent to it")
        time.sleep(0.005)


def tcp_bulk_run(build, size, tab, record, peer=False):
    """One bulk transfer of `size` bytes into a fresh window: into the TCP server tab (tcpblast
    connects and sends), or into the TCP client tab (it connects to tcpblast, which sends), with
    or without the recording. The bare reader reads as much right before and right after, and
    the mean of the two is the reference, so that the rates compared come from the same moment
    of a noisy machine. Packet Sender (`peer`) has a server only, and never closes a connection:
    its time is until its socket has nothing left to read."""
    before = tcp_reference_run(build, size)
    # The recording writes about three bytes of file per byte of this text payload.
    disk = disk_write_rate(tempfile.gettempdir(), 3 * size) if record and not peer else None
    server = None
    if tab == "client":
        server, port = blast(build, "--mode", "serve", "--bytes", size, "--wait-ms", 3000)
        window = App(build, ["--tcp-client", f"127.0.0.1:{port}"], record=record)
    else:
        window = PacketSender(build) if peer else App(build, ["--tcp-server", "127.0.0.1:0"],
                                                     record=record)
    try:
        idle_rss = rss_mib(window.pid)
        probe = Probe(build, window.pid)
        probe.wait_ready()
        if server:
            result = blast_result(server)
        elif peer:
            start = time.monotonic()
            sender, _ = blast(build, "--mode", "send", "--to", f"127.0.0.1:{window.tcp_port()}",
                              "--bytes", size)
            if sender.stdout.readline():  # {"sent_seconds": …}: all sent; some may wait unread
                tcp_drained(window.pid)
                result = {"rate": size / (time.monotonic() - start)}
            else:  # it reset the connection: "send: Connection reset by peer after N bytes"
                reset = re.search(r"after (\d+) bytes", sender.stderr.read())
                result = {"rate": None, "reset_after": int(reset.group(1)) if reset else 0}
            sender.kill()
            sender.communicate()
        else:
            sender, _ = blast(build, "--mode", "send", "--to", f"127.0.0.1:{window.tcp_port()}",
                              "--bytes", size)
            result = blast_result(sender)
        window.wait_idle(timeout=600)
        stalls = probe.stop()
        settled = wait_rss_settled(window.pid)
        window.stop()
        reference = (before + tcp_reference_run(build, size)) / 2
        if result["rate"] is None:
            return {"reset_after": result["reset_after"], "reference": reference}
        return {"rate": result["rate"], "reference": reference,
                "ratio_pct": 100.0 * result["rate"] / reference,
                "max_stall_ms": stalls["max_ms"], "rss_growth_mib": settled - idle_rss,
                "file_per_byte": os.path.getsize(window.recording) / size if record and not peer else None,
                "file_rate": os.path.getsize(window.recording) * result["rate"] / size if disk else None,
                "disk_rate": disk}
    finally:
        if server and server.poll() is None:
            server.kill()
            server.communicate()
        window.cleanup()


def udp_large_run(build, rate, seconds, peer=False):
    """Datagrams of the largest size, 65,507 bytes, at `rate` a second for `seconds`, into a
    fresh window: how much its memory grows, and how it feels."""
    window = PacketSender(build) if peer else App(build, ["--udp", "127.0.0.1:0"])
    try:
        idle_rss = rss_mib(window.pid)
        probe = Probe(build, window.pid)
        probe.wait_ready()
        flood(build, window.udp_port(), rate * seconds, rate, size=65_507)
        window.wait_idle(timeout=600)
        stalls = probe.stop()
        peak = rss_mib(window.pid, "VmHWM")
        settled = wait_rss_settled(window.pid)
        window.stop()
        return {"rss_growth_mib": settled - idle_rss, "peak_growth_mib": peak - idle_rss,
                "max_stall_ms": stalls["max_ms"]}
    finally:
        window.cleanup()


class Clipboard:
    """Text on the X clipboard, offered by xclip until stop(), for the window to paste."""

    def __init__(self, text, folder):
        path = os.path.join(folder, "clipboard.txt")
        with open(path, "w") as f:
            f.write(text)
        self.process = subprocess.Popen(["xclip", "-quiet", "-selection", "clipboard", "-i", path],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)  # xclip owns the selection once it has started; it says nothing

    def stop(self):
        self.process.terminate()
        self.process.wait()


def paste(app, size, tab_keys):
    """Pastes `size` characters of hex into the composer of the tab `tab_keys` selects, as a
    user does with Ctrl+V, and waits until the composer has read them."""
    clipboard = Clipboard("de ad be ef " * (size // 12), app.home)
    try:
        press(app.pid, tab_keys)
        press(app.pid, "ctrl+v")
        app.wait_log(f"large message read: {size // 12 * 12} characters")
    finally:
        clipboard.stop()


def paste_run(build, size):
    """Pasting `size` characters into the composer: the longest the window stalls."""
    app = App(build, ["--udp", "127.0.0.1:0"], record=False, logging=("sockscope.composer",))
    try:
        probe = Probe(build, app.pid)
        probe.wait_ready()
        paste(app, size, "ctrl+1")
        time.sleep(1)  # what follows a paste (painting, the history) is part of it
        stalls = probe.stop()
        app.stop()
        return {"max_stall_ms": stalls["max_ms"]}
    finally:
        app.cleanup()


def select_run(build, size):
    """A row of `size` bytes, sent from the TCP client tab to a bare reader, is selected with
    the keyboard: the longest the window stalls while the detail pane shows it."""
    sink, port = blast(build, "--mode", "sink")
    app = App(build, ["--tcp-client", f"127.0.0.1:{port}"], record=False,
              logging=("sockscope.composer", "sockscope.detail"))
    try:
        press(app.pid, "ctrl+2")
        press(app.pid, "ctrl+l")  # an empty log: the row sent is the first
        paste(app, size, "ctrl+2")
        press(app.pid, "Return")
        time.sleep(2)  # sent, and written to the socket
        probe = Probe(build, app.pid)
        probe.wait_ready()
        # The filter, then Tab through the log's toolbar to the table, and its first row.
        press(app.pid, "ctrl+f " + "Tab " * 10 + "Home")
        payload = size // 12 * 12
        app.wait_log(f"showing an entry of {payload} bytes")
        time.sleep(1)
        stalls = probe.stop()
        app.stop()
        return {"max_stall_ms": stalls["max_ms"]}
    finally:
        app.cleanup()
        sink.kill()
        sink.communicate()


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
        # Alt+E presses Repeat (its letter is its own).
        subprocess.run(["xdotool", "key", "alt+e"], check=True)
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
    # Large payloads: a bulk TCP transfer into each tab, with and without the recording (Packet
    # Sender: into its server, which records nothing); the largest datagrams; a large paste and
    # a large row selected (Packet Sender has no such actions).
    bulk = (64 << 20) if quick else (1 << 30)
    bulk_cases = [("server", False)] if peer else [(tab, record) for tab in ("server", "client")
                                                   for record in (False, True)]
    large_rate, large_seconds = 15_000, 1 if quick else 10
    return {
        "count": count, "rate": rate, "log_cap": log_cap, "clients": clients, "bulk": bulk,
        "large_rate": large_rate, "large_seconds": large_seconds,
        "paste_size": (1 if quick else 10) << 20, "row_size": (2 if quick else 16) << 20,
        "bulks": {case: [tcp_bulk_run(build, bulk, *case, peer=peer) for _ in range(runs)]
                  for case in bulk_cases},
        "large": [udp_large_run(build, large_rate, large_seconds, peer) for _ in range(runs)],
        "pastes": [] if peer else [paste_run(build, (1 if quick else 10) << 20) for _ in range(runs)],
        "selects": [] if peer else [select_run(build, (2 if quick else 16) << 20) for _ in range(runs)],
        "throttled": [udp_flood_run(build, count, rate, log_cap, peer) for _ in range(runs)],
        "unthrottled": [udp_flood_run(build, count, 0, None, peer) for _ in range(runs)],
        "with_calls": [] if peer else [udp_flood_run(build, count, rate, None, calls=True)
                                       for _ in range(runs)],
        "with_views": [] if peer else [udp_flood_run(build, count, rate, None, views=True)
                                       for _ in range(runs)],
        "reference": [] if peer else [reference_run(build, count) for _ in range(runs)],
        "quits": [] if peer else [quit_run(build, count) for _ in range(runs)],
        "backlog_quits": [] if peer else [quit_backlog_run(build, count) for _ in range(runs)],
        "swarms": [tcp_swarm_run(build, clients, peer=peer, timeout=5 if quick else 10)
                   for _ in range(runs)],
        "swarms_with_views": [] if peer else [
            tcp_swarm_run(build, clients, timeout=5 if quick else 10, views=True)
            for _ in range(runs)],
        "sends": {r: [send(build, repeat_count(r, quick, peer), r) for _ in range(runs)]
                  for r in REPEAT_RATES},
    }


def quit_rows(text, quits, time_label, kept_label):
    """Two rows for runs of a quit: how long it took, and whether every datagram read was
    recorded (Packet Sender records nothing)."""
    text(time_label, "(for reference)", summary([q["quit_ms"] for q in quits], "ms", 0), None,
         "(records nothing)")
    kept = all(q["recorded"] == q["read"] for q in quits)
    text(kept_label, "every one", "every one" if kept else "MISSING: " + ", ".join(
        f"read {q['read']} recorded {q['recorded']}" for q in quits), kept, "(records nothing)")


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
        others = get(theirs) if theirs else []
        other = summary(others, unit, digits) if others else "—" if theirs else ""
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
    if ours["with_calls"]:
        calls_rows(ours, row, text)
    if ours["with_views"]:
        row("  … with the kernel's view and the diagram shown: read", "100%",
            values("read_pct", "with_views"), "%", 2, lambda v: min(v) >= 100.0)
        viewed = ours["with_views"]
        whole = all(r["recorded"] == r["read"] and r["logged"] == r["read"] for r in viewed)
        text("  … … in the recording and counted in the log", "every one",
             "every one" if whole else "MISSING: " + ", ".join(
                 f"read {r['read']} recorded {r['recorded']} logged {r['logged']}" for r in viewed),
             whole)
        row("  … … longest window stall", "≤ 100 ms", values("max_stall_ms", "with_views"), "ms", 0,
            median_at_most(100))
        row("  … … CPU per datagram", "(for reference)", values("cpu_us", "with_views"), "µs", 1)
    row(f"UDP {count:,} × 64 B unthrottled: read", "≥ 90%", values("read_pct", "unthrottled"), "%", 1,
        median_at_least(90))
    row("  … sender's rate", "(for reference)", values("send_rate", "unthrottled", 1e-3), "k/s", 0)
    row("  … longest window stall", "≤ 200 ms", values("max_stall_ms", "unthrottled"), "ms", 0,
        median_at_most(200))
    row("  … RSS growth after it (the cap bounds it)", "≤ 32 MiB",
        values("rss_growth_mib", "unthrottled"), "MiB", 1, median_at_most(32))
    row("  … RSS growth at its peak", "(for reference)", values("peak_growth_mib", "unthrottled"),
        "MiB", 1)
    if ours["quits"]:
        quit_rows(text, ours["quits"],
                  "  … Ctrl+C right after it: time to log and record what was read",
                  "  … read before Ctrl+C and in the recording")
    if ours["reference"]:
        text("  … same flood into a bare C receiver: read", "(for reference)",
             summary([r["read_pct"] for r in ours["reference"]], "%", 1), None)
        text("  … sender's rate against it", "(for reference)",
             summary([r["send_rate"] / 1000 for r in ours["reference"]], "k/s", 0), None)
    if ours["backlog_quits"]:
        quit_rows(text, ours["backlog_quits"],
                  f"UDP {ours['count']:,} waiting at Ctrl+C: time to log and record them",
                  "  … read and in the recording")
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
    if ours["swarms_with_views"]:
        views = ours["swarms_with_views"]
        row("  … with the kernel's view and the diagram shown: connected", f"{clients:,}",
            values("connected", "swarms_with_views"), "", 0, lambda v: min(v) == clients)
        whole = all(s["logged_bytes"] == s["bytes"] == s["recorded_bytes"]
                    and s["closed_cleanly"] == clients for s in views)
        text("  … … logged and recorded", "every byte", "every byte" if whole else "MISSING: "
             + ", ".join(f"sent {s['bytes']} logged {s['logged_bytes']}" for s in views), whole)
        row("  … … longest window stall", "(for reference)",
            values("max_stall_ms", "swarms_with_views"), "ms", 0)

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

    large_payload_rows(ours, theirs, row, text)
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


def calls_rows(ours, row, text):
    """The throttled flood again with the socket calls shown: it holds, and the calls are a few
    lines for the bursts, not one for each datagram."""
    count, rate = ours["count"], ours["rate"]
    runs = ours["with_calls"]
    row(f"  … with socket calls shown (--socket-calls): read", "100%", values("read_pct", "with_calls"),
        "%", 2, lambda v: min(v) >= 100.0)
    row("  … … longest window stall", "≤ 100 ms", values("max_stall_ms", "with_calls"), "ms", 0,
        median_at_most(100))
    whole = all(r["calls"][1] == r["read"] == r["recorded"] for r in runs)
    text("  … … recvfrom calls recorded, as lines for bursts", "every one",
         "every one, in " + summary([r["calls"][0] for r in runs], "lines", 0) if whole
         else "MISSING: " + ", ".join(f"read {r['read']} calls {r['calls'][1]}" for r in runs),
         whole)


def large_payload_rows(ours, theirs, row, text):
    """The rows of large payloads: bulk TCP, the largest datagrams, a large paste and row."""
    bulk = ours["bulk"]
    size = f"{bulk >> 30} GiB" if bulk >= (1 << 30) else f"{bulk >> 20} MiB"

    def bulk_values(case, key, scale=1.0):
        return lambda results: [r[key] * scale for r in results["bulks"].get(case, []) if key in r]

    def resets(results, case):
        """How far a transfer went that the peer cut short, if it did."""
        cut = [r["reset_after"] for r in results["bulks"].get(case, []) if "reset_after" in r]
        return f"reset the connection after {summary(cut, 'bytes', 0)}" if cut else None

    def disk_rates(results, case):
        runs = results["bulks"].get(case, [])
        if not runs:
            return "—"
        return (summary([r["file_rate"] * 1e-6 for r in runs], "MB/s", 0) + ", bare writer "
                + summary([r["disk_rate"] * 1e-6 for r in runs], "MB/s", 0))

    def rates(results, case):
        runs = [r for r in results["bulks"].get(case, []) if "rate" in r]
        if not runs:
            return resets(results, case) or "—"
        return (summary([r["rate"] * 1e-9 for r in runs], "GB/s", 2) + ", bare reader "
                + summary([r["reference"] * 1e-9 for r in runs], "GB/s", 2))

    for tab in ("server", "client"):
        plain, recorded = (tab, False), (tab, True)
        row(f"TCP {size} into the {tab} tab: read rate, of a bare reader's", "≥ 50%",
            bulk_values(plain, "ratio_pct"), "%", 0, median_at_least(50))
        text("  … its rate, and the bare reader's in the same run", "(for reference)",
             rates(ours, plain), None, rates(theirs, plain) if theirs else "")
        row("  … longest window stall", "≤ 100 ms", bulk_values(plain, "max_stall_ms"), "ms", 0,
            median_at_most(100))
        row("  … RSS growth after it (default budget, 128 MiB)", "≤ 160 MiB",
            bulk_values(plain, "rss_growth_mib"), "MiB", 1, median_at_most(160))
        row("  … recorded: payload rate", "≥ 300 MB/s", bulk_values(recorded, "rate", 1e-6),
            "MB/s", 0, median_at_least(300))
        row("  … recorded: file bytes per payload byte", "(for reference)",
            bulk_values(recorded, "file_per_byte"), "", 2)
        text("  … recorded: file written, and a bare writer in the same run", "(for reference)",
             disk_rates(ours, recorded), None, "—" if theirs else "")
    rate, seconds = ours["large_rate"], ours["large_seconds"]
    row(f"UDP 65,507 B at {rate:,}/s for {seconds} s: RSS growth", "≤ 160 MiB",
        values("rss_growth_mib", "large"), "MiB", 1, median_at_most(160))
    row("  … RSS growth at its peak", "(for reference)", values("peak_growth_mib", "large"), "MiB", 1)
    row("  … longest window stall", "≤ 100 ms", values("max_stall_ms", "large"), "ms", 0,
        median_at_most(100))
    row(f"Pasting {ours['paste_size'] >> 20} MiB into the composer: longest stall", "≤ 100 ms",
        values("max_stall_ms", "pastes"), "ms", 0, median_at_most(100))
    row(f"Selecting a {ours['row_size'] >> 20} MiB row: longest stall", "≤ 100 ms",
        values("max_stall_ms", "selects"), "ms", 0, median_at_most(100))


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
