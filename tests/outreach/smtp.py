"""A real SMTP server on a loopback port (aiosmtpd), for tests and the mail benchmark.

It counts what it received by Message-ID, so a test can tell a message sent twice from two
messages, and it can be told to answer with a given code for some recipients.
"""

import collections
import email
import logging
import socket
import threading

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO; a benchmark's 10,000 messages drown the output.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        self.ids = collections.Counter()
        # recipient substring -> "451 ..." or "550 ..." answered at RCPT TO
        self.refuse = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        for part, answer in self.refuse.items():
            if part in address:
                return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append(parsed)
            self.ids[parsed["Message-ID"]] += 1
        return "250 Message accepted"

    def bodies(self):
        with self.lock:
            return list(self.messages)


class SMTPServer:
    def __init__(self, port=None):
        self.recorder = Recorder()
        self.port = port or free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def ids(self):
        return self.recorder.ids

    @property
    def messages(self):
        return self.recorder.bodies()
