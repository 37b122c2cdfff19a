#!/usr/bin/env python3
"""End to end: the real sockscope binary against UDP programs written like the classic tutorials.

Usage: udp_tutorial_peers.py PATH_TO_SOCKSCOPE PATH_TO_UDPFLOOD (bench/udpflood)

Sockscope runs offscreen with command-line options only. A SOCK_DGRAM client talks to it; a
tutorial timestamp server answers the same client, so Sockscope's timestamp mode is checked
against the real thing; then the recording is read back and every datagram must be in it, in
order, with its exact bytes. Only loopback addresses and system-chosen ports are used.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from sockscope_process import CTIME, WAIT, SockscopeProcess, read_recording, wait_for

SOCKSCOPE = None


def timestamp_server(sock, count):
    """The tutorial UDP timestamp server: recvfrom, answer '[ctime] data', repeat."""
    for _ in range(count):
        data, addr = sock.recvfrom(1024)
        sock.sendto(b"[%s] %s" % (time.ctime().encode(), data), addr)


def udp_queue(port):
    """(bytes waiting in the kernel's receive queue, datagrams dropped) for the UDP socket
    bound to `port`, from /proc/net/udp: "sl local:PORT rem st tx:rx ... drops", in hex."""
    with open("/proc/net/udp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if int(fields[1].split(":")[1], 16) == port:
                return int(fields[4].split(":")[1], 16), int(fields[-1])
    return None


class UdpEndToEnd(unittest.TestCase):
    def start(self, *args):
        app = SockscopeProcess(SOCKSCOPE, *args)
        self.addCleanup(app.close)
        return app

    def test_timestamp_server_answers_like_the_tutorial(self):
        app = self.start("--udp", "127.0.0.1:0", "--auto-reply", "timestamp")
        port = app.bound_port()

        reference = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        reference.bind(("127.0.0.1", 0))
        self.addCleanup(reference.close)
        server = threading.Thread(target=timestamp_server, args=(reference, 2), daemon=True)
        server.start()

        client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        client.settimeout(WAIT)
        self.addCleanup(client.close)
        messages = [b"msg 1", b"bytes \x00\xff\r\n"]
        for message in messages:
            client.sendto(message, ("127.0.0.1", port))
            answer, sender = client.recvfrom(2048)
            self.assertEqual(sender, ("127.0.0.1", port))
            client.sendto(message, reference.getsockname())
            expected, _ = client.recvfrom(2048)
            # Same shape as the tutorial server's answer; only the clock may differ.
            pattern = b"^\\[" + CTIME.encode() + b"\\] " + re.escape(message) + b"$"
            self.assertRegex(answer, pattern)
            self.assertRegex(expected, pattern)
        server.join(WAIT)

        self.assertEqual(app.stop(), 0)
        traffic = [e for e in read_recording(app.log) if e["kind"] in ("recv", "send")]
        self.assertEqual([e["kind"] for e in traffic], ["recv", "send", "recv", "send"])
        for i, message in enumerate(messages):
            received, sent = traffic[2 * i], traffic[2 * i + 1]
            self.assertEqual(bytes.fromhex(received["hex"]), message)
            self.assertEqual(received["bytes"], len(message))
            self.assertEqual(received["peer"], "127.0.0.1:%d" % client.getsockname()[1])
            self.assertEqual(received["local"], "127.0.0.1:%d" % port)
            self.assertEqual(received["proto"], "udp")
            self.assertEqual(received["session"], "UDP")
            self.assertRegex(bytes.fromhex(sent["hex"]), b"\\] " + re.escape(message) + b"$")
        self.assertEqual(traffic[2]["text"], "bytes \\x00\\xff\\r\\n")

    def test_echo_on_every_address_over_ipv6(self):
        if not socket.has_ipv6:
            self.skipTest("no IPv6 on this machine")
        app = self.start("--udp", "0", "--auto-reply", "echo")
        port = app.bound_port()
        client = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        client.settimeout(WAIT)
        self.addCleanup(client.close)
        payload = bytes(range(256)) * 4
        client.sendto(payload, ("::1", port))
        echoed, _ = client.recvfrom(4096)
        self.assertEqual(echoed, payload)
        self.assertEqual(app.stop(), 0)
        received = [e for e in read_recording(app.log) if e["kind"] == "recv"]
        self.assertEqual(len(received), 1)
        self.assertEqual(bytes.fromhex(received[0]["hex"]), payload)
        self.assertEqual(received[0]["peer"], "[::1]:%d" % client.getsockname()[1])

    def test_recording_is_flushed_while_running(self):
        app = self.start("--udp", "127.0.0.1:0")
        port = app.bound_port()
        client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.addCleanup(client.close)
        client.sendto(b"live", ("127.0.0.1", port))
        entry = wait_for(lambda: [e for e in read_recording(app.log) if e["kind"] == "recv"],
                         "the datagram in the recording while sockscope runs")
        self.assertEqual(entry[0]["text"], "live")
        self.assertIsNone(app.proc.poll())

    def test_quit_records_every_datagram_that_was_read(self):
        """SIGTERM after a flood: every datagram the reader had taken from the kernel reaches
        the recording before Sockscope exits, however many wait to be logged. (Before, about
        half of 200,000 were dropped without a word.)"""
        app = SockscopeProcess(SOCKSCOPE, "--udp", "127.0.0.1:0")
        self.addCleanup(app.close)
        port = app.bound_port()
        count = 200_000
        # As fast as the machine sends (sendmmsg): faster than the window logs, so that a
        # backlog of datagrams read but not yet logged is there when the signal comes.
        subprocess.run([UDPFLOOD, "--to", "127.0.0.1:%d" % port, "--count", str(count),
                        "--rate", "0"], check=True, capture_output=True, timeout=WAIT)
        # Everything is read once the kernel's queue for the socket is empty; what did not fit
        # in it was dropped by the kernel, and counted there.
        queue = wait_for(lambda: (lambda q: q if q and q[0] == 0 else None)(udp_queue(port)),
                         "the reader to take every datagram off the kernel's queue")
        read = count - queue[1]
        self.assertEqual(app.stop(), 0)
        received = [e for e in read_recording(app.log) if e["kind"] == "recv"]
        self.assertEqual(len(received), read)

    def test_bad_arguments_exit_2_before_any_window(self):
        env = dict(os.environ)
        # No display at all: reaching the window would fail differently.
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        env.pop("QT_QPA_PLATFORM", None)
        folder = tempfile.mkdtemp()
        self.addCleanup(os.rmdir, folder)
        cases = [(["--udp", "70000"], "--udp"), (["--udp-remote", "host:"], "--udp-remote"),
                 (["--auto-reply", "shout"], "shout"),
                 # strict: no spaces, signs or leading zeros; no repeated option
                 (["--udp", "  80"], '"  80"'), (["--udp", "+21081"], '"+21081"'),
                 (["--udp", "021082"], '"021082"'),
                 (["--udp", "9000", "--udp", "9001"], "give it once"),
                 # the recording's file is tried first, and the system says why not
                 (["--udp", "0", "--log-file", folder], "Is a directory"),
                 (["--log-file", os.path.join(folder, "missing", "x.jsonl")],
                  "No such file or directory"),
                 # what the value holds reaches the terminal as text
                 (["--udp", "\x1b[31m80"], "\\x1b[31m80"),
                 (["--auto-reply", "echo\nnone"], "echo\\nnone")]
        for args, mentions in cases:
            with self.subTest(args=args):
                result = subprocess.run([SOCKSCOPE, *args], env=env, capture_output=True,
                                        text=True, timeout=WAIT)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stdout, "")
                lines = result.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                self.assertIn(mentions, lines[0])
                self.assertNotIn("\x1b", result.stderr)
        self.assertEqual(os.listdir(folder), [])

    def test_help_and_version(self):
        result = subprocess.run([SOCKSCOPE, "--help"], capture_output=True, text=True,
                                timeout=WAIT)
        self.assertEqual(result.returncode, 0)
        self.assertIn("--udp-remote HOST:PORT", result.stdout)
        result = subprocess.run([SOCKSCOPE, "--version"], capture_output=True, text=True,
                                timeout=WAIT)
        self.assertRegex(result.stdout, r"^sockscope \d+\.\d+\.\d+$")


if __name__ == "__main__":
    SOCKSCOPE = os.path.abspath(sys.argv.pop(1))
    UDPFLOOD = os.path.abspath(sys.argv.pop(1))  # bench/udpflood: a sender at loopback speed
    unittest.main(verbosity=2)
