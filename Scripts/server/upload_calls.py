#!/usr/bin/env python3
"""upload_calls.py URL KEY DIR — POST every call in DIR to URL/v1/calls, PARALLEL at a time, from one process.

A call is DIR/NAME.wav with NAME.json (transcript) and NAME.meta.json (metadata) when present. Each upload carries
`Idempotency-Key: PREFIX-NAME`. One process with one keep-alive connection per thread: a curl process per call cost
the machine more CPU than the server spent receiving the call, which skewed the throughput comparison.

  --parallel N      uploads at once (default 8)
  --retry SECONDS   keep retrying a call that is refused, gets no answer or 5xx (e.g. while `serve` restarts), with
                    the same Idempotency-Key, for up to SECONDS; default 0: the first failure ends the run
  --prefix P        Idempotency-Key prefix (default "upload")
Prints one line per accepted call (`NAME ID`) as it goes, and at the end on stderr the client's own CPU seconds
(`client cpu USER SYS`); exits 1 on a call not accepted.
"""
import argparse
import http.client
import json
import os
import resource
import sys
import threading
import time
import urllib.parse
import uuid


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("key")
    parser.add_argument("dir")
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--retry", type=float, default=0)
    parser.add_argument("--prefix", default="upload")
    return parser.parse_args()


def multipart(stem, boundary):
    """The form body: audio, transcript and metadata parts, as curl -F would send them."""
    parts = []
    for field, ext, ctype in (("audio", ".wav", "audio/wav"), ("transcript", ".json", "application/json"),
                              ("metadata", ".meta.json", "application/json")):
        path = stem + ext
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                     f'filename="{os.path.basename(path)}"\r\nContent-Type: {ctype}\r\n\r\n'.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def main():
    args = parse_args()
    target = urllib.parse.urlsplit(args.url)
    names = sorted(n[:-4] for n in os.listdir(args.dir) if n.endswith(".wav"))
    pending = list(reversed(names))
    lock = threading.Lock()
    failures = []

    def worker():
        connection = None
        while True:
            with lock:
                if not pending or failures:
                    return
                name = pending.pop()
            boundary = uuid.uuid4().hex
            body = multipart(os.path.join(args.dir, name), boundary)
            headers = {"Authorization": f"Bearer {args.key}", "Idempotency-Key": f"{args.prefix}-{name}",
                       "Content-Type": f"multipart/form-data; boundary={boundary}"}
            deadline = time.monotonic() + args.retry
            while True:
                reused = connection is not None
                try:
                    if not reused:
                        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
                    connection.request("POST", "/v1/calls", body=body, headers=headers)
                    response = connection.getresponse()
                    answer = response.read()
                    status = response.status
                    if response.will_close:
                        connection.close()
                        connection = None
                except (OSError, http.client.HTTPException) as error:
                    if connection is not None:
                        connection.close()
                    connection = None
                    if reused:
                        continue  # the server closed an idle keep-alive connection: send again on a new one
                    status, answer = None, str(error).encode()
                if status in (200, 202):
                    with lock:
                        print(name, json.loads(answer)["id"], flush=True)
                    break
                if status is not None and status < 500 or time.monotonic() > deadline:
                    with lock:
                        failures.append(f"upload of {name} answered {status}: {answer[:200].decode(errors='replace')}")
                    return
                time.sleep(0.1)

    threads = [threading.Thread(target=worker) for _ in range(args.parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for failure in failures:
        print(failure, file=sys.stderr)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"client cpu {usage.ru_utime:.1f} {usage.ru_stime:.1f}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
