"""What the end-to-end tests share: the real sockscope binary, offscreen, recording to a
temporary JSON Lines file that the tests read back."""
import json
import os
import signal
import subprocess
import tempfile
import time

WAIT = 30  # seconds: generous, the machine may be busy; every wait ends as soon as it can
CTIME = r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}"


def read_recording(path):
    """The entries of the recording so far. The app appends while we read: a line is whole
    only once its newline is there."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in lines[:-1] if line.strip()]


def wait_for(predicate, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.05)  # polling a file: there is no signal to wait on from another process
    raise AssertionError("timed out waiting for " + what)


class SockscopeProcess:
    def __init__(self, binary, *args):
        self.dir = tempfile.TemporaryDirectory()
        self.log = os.path.join(self.dir.name, "recording.jsonl")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=self.dir.name,
                   XDG_RUNTIME_DIR=self.dir.name)
        self.proc = subprocess.Popen([binary, "--log-file", self.log, *args], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def info(self, prefix, what):
        """The first info entry of the recording whose message starts with `prefix`."""
        def find():
            for entry in read_recording(self.log):
                if entry["kind"] == "info" and entry["message"].startswith(prefix):
                    return entry
            if self.proc.poll() is not None:
                raise AssertionError("sockscope exited: " + self.proc.stderr.read().decode())
            return None
        return wait_for(find, what)

    def bound_port(self):
        """The UDP port the session bound, read from the recording."""
        return int(self.info("Bound to", "sockscope to bind")["local"].rsplit(":", 1)[1])

    def listening_port(self):
        """The TCP server's port, read from the recording."""
        return int(self.info("Listening on", "sockscope to listen")["local"].rsplit(":", 1)[1])

    def stop(self):
        """SIGTERM ends Sockscope like closing its window: the recording is flushed."""
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(WAIT)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.dir.cleanup()
