#!/usr/bin/env python3
"""A throwaway SMTP server for the email tests.

Every message it accepts is appended to --out as one JSON line:
{"message_id", "to", "subject", "body", "attachments", "tls", "received_at"},
where each attachment is {"filename", "content_type", "method", "content"}
and "tls" is the TLS version the message came over ("TLSv1.3"), or null.

  --fail-first N  answer the first N messages with "451 try again later"
                  (a temporary failure: the sender must retry later)
  --delay S       wait S seconds after receiving a message before saying
                  "250 OK", widening the window in which a sender can die
                  mid-send
  --starttls CERT KEY  offer STARTTLS with this certificate and refuse mail
                  before it (aiosmtpd's require_starttls)
  --tls CERT KEY  speak TLS from the first byte (SMTPS, as on port 465)

Like a real relay, it takes responsibility for a message only by answering
"250 OK": a message whose sender hung up before that answer is not
delivered (RFC 5321 section 6.1), and is only noted on stderr.

Prints "ready <port>" on stdout once it listens.
"""

import argparse
import asyncio
import json
import signal
import ssl
import sys
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, fail_first, delay):
        self.out = out
        self.fail_left = fail_first
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 Temporary failure, try again later"
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        body = msg.get_body(preferencelist=("plain",))
        record = {
            "message_id": str(msg.get("Message-ID", "")).strip(),
            "to": [str(a) for a in envelope.rcpt_tos],
            "header_to": str(msg.get("To", "")),
            "subject": str(msg.get("Subject", "")),
            "body": body.get_content() if body is not None else "",
            "attachments": [
                {
                    "filename": part.get_filename() or "",
                    "content_type": part.get_content_type(),
                    "method": part.get_param("method") or "",
                    "content": part.get_content() if part.get_content_maintype() == "text" else "",
                }
                for part in msg.iter_attachments()
            ],
            "tls": tls_version(server),
            "received_at": time.time(),
        }
        if self.delay:
            await asyncio.sleep(self.delay)
        transport = getattr(server, "transport", None)
        if transport is None or transport.is_closing():
            print(f"sender gone before 250: {record['message_id']} not delivered", file=sys.stderr, flush=True)
            return "451 4.4.2 Connection lost"
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()
        return "250 OK"


def tls_version(server):
    """The TLS version of the session, after STARTTLS or from the start."""
    transport = getattr(server, "transport", None)
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    return ssl_object.version() if ssl_object is not None else None


def server_context(cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    tls = {}
    if args.starttls:
        tls = {"tls_context": server_context(*args.starttls), "require_starttls": True}
    elif args.tls:
        tls = {"ssl_context": server_context(*args.tls)}

    # Block the stop signals before the server thread starts (threads
    # inherit the mask), then wait for one here.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(
        Sink(args.out, args.fail_first, args.delay), hostname="127.0.0.1", port=args.port, **tls
    )
    controller.start()
    print(f"ready {args.port}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
