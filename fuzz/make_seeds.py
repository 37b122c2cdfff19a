#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets: fuzz/corpus/<target>/<name>.

    fuzz/make_seeds.py

Each seed is an input laid out as its target's header comment says, named for what it holds,
taken from the unit tests, the README's examples and the cases the code treats apart. The files
are committed; run this again after changing a seed here or a target's layout. To add a seed by
hand instead, put any file into fuzz/corpus/<target>/ (`./dev.sh fuzz` reads the folder as it
is): a crash file from build-fuzz/crashes/, once its bug is fixed, is a good one.
"""

import datetime
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

UTF8, GB18030, BIG5, SHIFT_JIS, LATIN1 = range(5)
NONE = 255  # no limit, for the payload codec's limits


def payloadcodec():
    def seed(payload, encoding=UTF8, first=0, lines=NONE, max_bytes=NONE, max_chars=NONE,
             separator=" "):
        choice = encoding + 5 * " :,-".index(separator)
        return bytes([choice, first, lines, max_bytes, max_chars]) + payload

    every_byte = bytes(range(256))
    return {
        "empty": seed(b""),
        "http-request": seed(b"GET / HTTP/1.1\r\nHost: example.invalid\r\n\r\n"),
        "every-byte": seed(every_byte, first=3, lines=2, max_bytes=40, max_chars=60,
                           separator=":"),
        "every-byte-latin1": seed(every_byte, encoding=LATIN1, separator="-"),
        "hexdump-example": seed(b"Hello, world!\n\x00\x01\xff", lines=1),
        "utf8-shown": seed("héllo wörld € 😀 日本".encode(), max_chars=7),
        # Escaped: bidi override, zero-width space, byte order mark, line separator, private use,
        # a C1 control, and combining marks at the start, after a space, after an escape.
        "utf8-hidden": seed("\u202eabc\u200b\ufeff\u2028\ue000\u0085".encode()
                            + "\u0301a\u0301 \u0301\t\u0301\"\u0301".encode()),
        "utf8-invalid": seed(b"\xff\xfe\xc3\x28\xe2\x82\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80"),
        "utf8-cut-by-limit": seed("a€€😀".encode(), max_bytes=3, max_chars=2),
        "ellipsis-in-payload": seed("…".encode() * 3, max_bytes=3),
        "typed-escapes": seed(b"line\\r\\n\\ttab \\0 \\\\ \\x41\\xfF end"),
        "typed-bad-escapes": seed(b"\\q \\x4 \\xzz \\"),
        "typed-hex": seed(b"0x48 65:6c,6c-6f 0X0A de ad BE EF\t00"),
        "typed-hex-errors": seed(b"0x 12 3 0x0x12 00x1 zz"),
        "gb18030": seed("你好，世界".encode("gb18030") + b"\x81\x30\x81\x30\x81", GB18030,
                        separator=","),
        "big5": seed("你好，世界".encode("big5") + b"\xa1", BIG5),
        "shift-jis": seed("こんにちは ｱｲｳ".encode("shift_jis") + b"\x82", SHIFT_JIS),
        "latin1": seed("café ±".encode("latin-1") + b"\xa0\xad\x85", LATIN1),
        "long": seed(b"0123456789abcdef" * 64 + b"\x00\xff", first=60, lines=5, max_bytes=100,
                     max_chars=80),
    }


def streamframer():
    NONE_, LF, CRLF, DELIMITER, LEN16, LEN32 = range(6)

    def seed(framing, stream, delimiter=b"", sizes=(0,)):
        return (bytes([framing, len(delimiter)]) + delimiter + bytes([len(sizes) - 1])
                + bytes(sizes) + stream)

    return {
        "none": seed(NONE_, b"a\nb\n"),
        "lf-lines": seed(LF, b"one\ntwo\n\nthree", sizes=(1, 2, 3)),
        "lf-invalid-utf8": seed(LF, b"\xc3\x28\n\xff\xfe\n", sizes=(4,)),
        "crlf-lines": seed(CRLF, b"a\r\nb\r\r\n\r\nc\r", sizes=(2,)),
        "crlf-given-a-delimiter": seed(CRLF, b"x;y\r\n", delimiter=b";"),
        "delimiter-http-headers": seed(DELIMITER, b"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody",
                                       delimiter=b"\r\n\r\n", sizes=(3, 0, 5)),
        "delimiter-overlapping": seed(DELIMITER, b"aaaaabaa", delimiter=b"aa", sizes=(1,)),
        "delimiter-nul": seed(DELIMITER, b"one\x00two\x00\x00", delimiter=b"\x00"),
        "delimiter-empty": seed(DELIMITER, b"no messages"),
        "len16": seed(LEN16, b"\x00\x03abc\x00\x00\x00\x05hel", sizes=(1, 4)),
        "len16-long": seed(LEN16, b"\x01\x00" + bytes(256) + b"\x00", sizes=(7,)),
        "len32": seed(LEN32, b"\x00\x00\x00\x02hi\x00\x00\x00\x00\xff\xff\xff\xff", sizes=(3,)),
    }


def commandline():
    def seed(*arguments):
        return b"\x00".join(a.encode() if isinstance(a, str) else a for a in arguments)

    return {
        "nothing": b"",
        "udp": seed("--udp", "9000"),
        "udp-remote": seed("--udp", "9000", "--udp-remote", "[::1]:9001", "--auto-reply",
                           "timestamp"),
        "tcp": seed("--tcp-server", "[::1]:9000", "--tcp-client", "localhost:9001",
                    "--auto-reply", "relay"),
        "relay-on-udp": seed("--udp", "9000", "--auto-reply", "relay"),
        "equals-forms": seed("--udp=127.0.0.1:0", "-tcp-client=h:1"),
        "log-file": seed("--log-file", "capture.jsonl", "--udp", "0"),
        "log-file-twice": seed("--log-file", "a", "--log-file", "b"),
        "log-file-folder": seed("--log-file", "."),
        "log-file-empty": seed("--log-file="),
        "log-file-after-bad": seed("--udp", "0", "--auto-reply", "relay", "--log-file", "x"),
        "help": seed("--help"),
        "version": seed("-v"),
        "after-double-dash": seed("--", "--help"),
        "stray": seed("9000"),
        "missing-value": seed("--udp"),
        "unknown": seed("--tcp-serverr", "1"),
        "ports": seed("--udp", "  80", "--tcp-server", "+80", "--tcp-client", "h:080",
                      "--udp-remote", "h:65536"),
        "hosts": seed("--tcp-client", "::1:9000", "--udp-remote", "[::1", "--udp", "[a]b]:0"),
        "no-host": seed("--tcp-client", ":9000"),
        "digits-of-other-scripts": seed("--udp", "\u0668\u0660", "--tcp-server", "\uff18\uff10"),
        "escaped-in-message": seed("--udp", b"\x1b[31m80", "--auto-reply", "echo\nnone",
                                   "--u\u202edp", "1", b"x\x7f"),
        "invalid-utf8": seed("--udp", b"\xff\xfe9000"),
        "fault": seed("--udp", "0", "--auto-reply", "echo", "--fault",
                      "drop=50, delay=100-500,duplicate=5%,reorder=10"),
        "fault-bad": seed("--fault", "drop=150,delay=500-100,,lose=1,drop=2", "--tcp-server", "0",
                          "--code", "qt"),
    }


def jsonline():
    def milliseconds(text):
        moment = datetime.datetime.fromisoformat(text)
        return round(moment.timestamp() * 1000)

    def time48(ms):
        return (ms & (2**48 - 1)).to_bytes(6, "big")

    def ipv4(text, port):
        return bytes([1]) + bytes(int(part) for part in text.split(".")) + struct.pack(">H", port)

    def ipv6(packed, port, scope=None):
        if scope is None:
            return bytes([2]) + packed + struct.pack(">H", port)
        return bytes([3]) + packed + bytes([len(scope)]) + scope + struct.pack(">H", port)

    NO_ENDPOINT = b"\x00"
    LOOPBACK6 = bytes(15) + b"\x01"
    MAPPED = bytes(10) + b"\xff\xff" + bytes([127, 0, 0, 1])
    LINK_LOCAL = b"\xfe\x80" + bytes(13) + b"\x01"
    RECV, SEND, INFO, ERROR = range(4)
    TCP, SAME_PLACE, NEXT_TIME = 4, 0x40, 0x80

    def entry(direction, time, local=NO_ENDPOINT, peer=NO_ENDPOINT, session=b"", message=b"",
              payload=b"", flags=0, encoding=UTF8):
        head = bytes([direction | encoding << 3 | flags])
        head += bytes([time]) if flags & NEXT_TIME else time48(time)
        if not flags & SAME_PLACE:
            head += local + peer + bytes([len(session)]) + session
        return head + bytes([len(message)]) + message + struct.pack(">H", len(payload)) + payload

    now = milliseconds("2026-11-21T14:28:49.286+01:00")
    udp = (ipv4("0.0.0.0", 9000), ipv4("127.0.0.1", 33838), b"UDP")
    every_byte = bytes(range(256))
    return {
        "readme-udp-recv": entry(RECV, now, *udp, payload=b"msg 1"),
        "readme-tcp-info": entry(INFO, now, ipv4("0.0.0.0", 9000), ipv4("127.0.0.1", 41000),
                                 b"TCP Server", b"Client 127.0.0.1:41000 connected", flags=TCP),
        "framed-message": entry(INFO, now, *udp, message=b"message", payload=b"line\r\n",
                                flags=TCP),
        "empty-datagram": entry(SEND, now, *udp),
        "error-with-quotes": entry(ERROR, now, *udp, message=b"bad \"x\"\n\t\x01\x7f\\"),
        "ipv6": entry(RECV, now, ipv6(bytes(16), 9000), ipv6(LOOPBACK6, 5000),
                      "会话".encode(), payload="你好".encode()),
        "ipv6-mapped-and-scoped": entry(SEND, now, ipv6(MAPPED, 1), ipv6(LINK_LOCAL, 2, b"eth0"),
                                        b"UDP", payload=b"x"),
        "every-byte-utf8": entry(RECV, now, *udp, payload=every_byte),
        "every-byte-gb18030": entry(RECV, now, *udp, payload=every_byte, encoding=GB18030),
        "every-byte-big5": entry(RECV, now, *udp, payload=every_byte, encoding=BIG5),
        "every-byte-shift-jis": entry(RECV, now, *udp, payload=every_byte, encoding=SHIFT_JIS),
        "every-byte-latin1": entry(RECV, now, *udp, payload=every_byte, encoding=LATIN1),
        "hidden-characters": entry(RECV, now, *udp,
                                   payload="\u202eabc\u200b\u0301 \u0301".encode()),
        # One writer, a second boundary crossed by a millisecond, and the same place again.
        "stream-of-entries": entry(RECV, milliseconds("2026-03-08T05:29:59.998+00:00"), *udp,
                                   payload=b"a")
                             + entry(SEND, 1, flags=SAME_PLACE | NEXT_TIME, payload=b"b")
                             + entry(RECV, 1, flags=SAME_PLACE | NEXT_TIME, payload=b"c")
                             + entry(INFO, 0, *udp, flags=NEXT_TIME, message=b"d"),
        "before-1970": entry(RECV, -1, *udp, payload=b"old"),
        "daylight-saving-starts": entry(RECV, milliseconds("2026-03-08T05:30:00+00:00"), *udp),
        "year-6000": entry(RECV, milliseconds("6000-12-31T23:59:59.999+00:00"), *udp),
        "year-1": entry(RECV, milliseconds("0001-01-01T00:00:00+00:00"), *udp),
    }


def main():
    targets = {
        "payloadcodec_fuzz": payloadcodec(),
        "streamframer_fuzz": streamframer(),
        "commandline_fuzz": commandline(),
        "jsonline_fuzz": jsonline(),
    }
    for target, seeds in targets.items():
        folder = os.path.join(HERE, "corpus", target)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name, data in seeds.items():
            with open(os.path.join(folder, name), "wb") as seed:
                seed.write(data)
        print(f"{folder}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
