#!/usr/bin/env python3
"""End to end: the real sockscope binary against TCP programs written like the classic tutorials.

Usage: tcp_tutorial_peers.py PATH_TO_SOCKSCOPE

Sockscope runs offscreen with command-line options only, against python3 standard-library
peers: a client that sendall()s and recv()s, a tutorial timestamp server that answers every
recv with "[ctime] data", and a server that answers once and closes. Every check that matters
is made through the recording: each byte in it, exactly, in order. Loopback only, system-chosen
ports.
"""
import os
import re
import socket
import subprocess
import sys
import threading
import time
import unittest

from sockscope_process import CTIME, WAIT, SockscopeProcess, read_recording, wait_for

SOCKSCOPE = None


def recv_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def timestamp_server(listener):
    """The tutorial TCP timestamp server: accept, then answer every recv with '[ctime] data'."""
    conn, _ = listener.accept()
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(b"[%s] %s" % (time.ctime().encode(), data))


def answer_once_server(listener, greeting):
    """The tutorial server that says one thing to whoever connects, then closes."""
    conn, _ = listener.accept()
    with conn:
        conn.sendall(greeting)


def payload_of(recording, kind):
    """Every byte of one direction, in order, joined from the recording's entries."""
    return b"".join(bytes.fromhex(e["hex"]) for e in recording if e["kind"] == kind)


def listener_v4():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    return listener


class TcpEndToEnd(unittest.TestCase):
    def start(self, *args):
        app = SockscopeProcess(SOCKSCOPE, *args)
        self.addCleanup(app.close)
        return app

    def close_and_stop(self, client, app):
        """Closes the client, waits until Sockscope has logged it, ends Sockscope and returns
        the whole recording."""
        client.close()
        wait_for(lambda: [e for e in read_recording(app.log)
                          if "closed the connection" in e.get("message", "")],
                 "sockscope to log the client's close")
        self.assertEqual(app.stop(), 0)
        return read_recording(app.log)

    def connect(self, family, address):
        client = socket.socket(family, socket.SOCK_STREAM)
        client.settimeout(WAIT)
        client.connect(address)
        self.addCleanup(client.close)
        return client

    def test_timestamp_server_answers_like_the_tutorial(self):
        app = self.start("--tcp-server", "127.0.0.1:0", "--auto-reply", "timestamp")
        port = app.listening_port()
        reference = listener_v4()
        self.addCleanup(reference.close)
        threading.Thread(target=timestamp_server, args=(reference,), daemon=True).start()

        client = self.connect(socket.AF_INET, ("127.0.0.1", port))
        peer = "127.0.0.1:%d" % client.getsockname()[1]
        other = self.connect(socket.AF_INET, reference.getsockname())
        pattern_for = lambda m: b"^\\[" + CTIME.encode() + b"\\] " + re.escape(m) + b"$"
        messages = [b"hello", b"bytes \x00\xff\r\n"]
        for message in messages:
            client.sendall(message)
            answer = client.recv(2048)
            other.sendall(message)
            expected = other.recv(2048)
            # Same shape as the tutorial server's answer; only the clock may differ.
            self.assertRegex(answer, pattern_for(message))
            self.assertRegex(expected, pattern_for(message))
        recording = self.close_and_stop(client, app)
        connected = [e for e in recording if e["kind"] == "info"
                     and e["message"].startswith("Client user1 connected from " + peer)]
        self.assertEqual(len(connected), 1)
        self.assertEqual(connected[0]["peer"], peer)
        traffic = [e for e in recording if e["kind"] in ("recv", "send")]
        self.assertEqual([e["kind"] for e in traffic], ["recv", "send", "recv", "send"])
        for i, message in enumerate(messages):
            received, sent = traffic[2 * i], traffic[2 * i + 1]
            self.assertEqual(bytes.fromhex(received["hex"]), message)
            self.assertEqual(received["bytes"], len(message))
            self.assertEqual(received["peer"], peer)
            self.assertEqual(received["local"], "127.0.0.1:%d" % port)
            self.assertEqual(received["proto"], "tcp")
            self.assertEqual(received["session"], "TCP Server")
            self.assertRegex(bytes.fromhex(sent["hex"]), pattern_for(message))
        closes = [e for e in recording if e["kind"] == "info" and e["peer"] == peer
                  and "closed the connection (FIN)" in e["message"]]
        self.assertEqual(len(closes), 1)

    def test_sendall_client_gets_every_byte_back(self):
        if not socket.has_ipv6:
            self.skipTest("no IPv6 on this machine")
        app = self.start("--tcp-server", "0", "--auto-reply", "echo")
        port = app.listening_port()
        payload = bytes(range(256)) * 4096  # 1 MiB: many reads on both sides
        client = self.connect(socket.AF_INET6, ("::1", port))
        peer = "[::1]:%d" % client.getsockname()[1]
        client.sendall(payload)
        echoed = recv_exactly(client, len(payload))
        self.assertEqual(echoed, payload)
        recording = self.close_and_stop(client, app)
        self.assertEqual(payload_of(recording, "recv"), payload)
        self.assertEqual(payload_of(recording, "send"), payload)
        self.assertEqual(sum(e["bytes"] for e in recording if e["kind"] == "recv"), len(payload))
        self.assertEqual({e["peer"] for e in recording if e["kind"] in ("recv", "send")}, {peer})

    def test_sigterm_during_a_bulk_transfer_ends_it_promptly(self):
        """A client sendall()s 128 MiB; SIGTERM half-way ends Sockscope as quickly as at rest,
        and what it recorded is whole lines, every byte in order."""
        app = self.start("--tcp-server", "127.0.0.1:0")
        port = app.listening_port()
        client = self.connect(socket.AF_INET, ("127.0.0.1", port))
        payload = bytes(range(256)) * (1 << 19)

        def send_all():
            try:
                client.sendall(payload)
            except OSError:
                pass  # the server went away half-way, as it should

        sender = threading.Thread(target=send_all, daemon=True)
        sender.start()
        wait_for(lambda: [e for e in read_recording(app.log) if e["kind"] == "recv"],
                 "the first bytes in the recording")
        started = time.monotonic()
        self.assertEqual(app.stop(), 0)
        self.assertLess(time.monotonic() - started, WAIT)
        received = payload_of(read_recording(app.log), "recv")
        self.assertGreater(len(received), 0)
        self.assertEqual(received, payload[:len(received)])

    def test_client_against_a_server_that_answers_once_and_closes(self):
        listener = listener_v4()
        self.addCleanup(listener.close)
        greeting = b"Thank you for connecting\r\n\x00\x01"
        server = threading.Thread(target=answer_once_server, args=(listener, greeting),
                                  daemon=True)
        server.start()
        port = listener.getsockname()[1]
        app = self.start("--tcp-client", "127.0.0.1:%d" % port)
        closed = app.info("127.0.0.1:%d closed the connection (FIN)" % port,
                          "sockscope to see the server close")
        server.join(WAIT)
        self.assertEqual(app.stop(), 0)
        recording = read_recording(app.log)
        messages = [e.get("message", "") for e in recording if e["kind"] == "info"]
        self.assertTrue(any(m.startswith("Connecting to 127.0.0.1:%d" % port) for m in messages),
                        messages)
        self.assertTrue(any(m.startswith("Connected to 127.0.0.1:%d" % port) for m in messages),
                        messages)
        self.assertEqual(payload_of(recording, "recv"), greeting)
        self.assertEqual(closed["session"], "TCP Client")
        self.assertEqual(closed["peer"], "127.0.0.1:%d" % port)

    def test_refused_client_explains(self):
        listener = listener_v4()
        port = listener.getsockname()[1]
        listener.close()  # nothing listens there now
        app = self.start("--tcp-client", "127.0.0.1:%d" % port)
        error = wait_for(lambda: [e for e in read_recording(app.log) if e["kind"] == "error"],
                         "the refusal in the recording")[0]
        self.assertIn("Connection refused: nothing is listening on 127.0.0.1:%d" % port,
                      error["message"])
        self.assertEqual(app.stop(), 0)

    def test_bad_arguments_exit_2(self):
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        env.pop("QT_QPA_PLATFORM", None)
        for args, mentions in [(["--tcp-server", "70000"], "--tcp-server"),
                               (["--tcp-client", "host:"], "--tcp-client"),
                               (["--udp", "0", "--auto-reply", "relay"], "relay")]:
            with self.subTest(args=args):
                result = subprocess.run([SOCKSCOPE, *args], env=env, capture_output=True,
                                        text=True, timeout=WAIT)
                self.assertEqual(result.returncode, 2, result.stderr)
                lines = result.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                self.assertIn(mentions, lines[0])


if __name__ == "__main__":
    SOCKSCOPE = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
