"""Checks that llama-server tokenizes the tiny model's texts into exactly the ids it was trained on.

    python3 verify_tokens.py --url http://127.0.0.1:18080 --check fixtures/tiny-model/token-check.json

Stdlib only. Waits (bounded) for the server's /health first. Exit 0 when every text matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request


def post(url: str, body: dict, timeout: float = 10) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def wait_healthy(base: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if json.load(response).get("status") == "ok":
                    return
        except (urllib.error.URLError, OSError, ValueError) as error:
            last = str(error)
        time.sleep(0.2)
    raise SystemExit(f"{base}/health not ok after {seconds:.0f} s: {last}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--check", required=True)
    parser.add_argument("--wait", type=float, default=60)
    args = parser.parse_args()
    base = args.url.rstrip("/")
    wait_healthy(base, args.wait)
    with open(args.check, encoding="utf-8") as handle:
        checks = json.load(handle)
    failures = 0
    for check in checks:
        got = post(f"{base}/tokenize", {"content": check["text"], "add_special": check["add_special"],
                                        "parse_special": True})["tokens"]
        if got != check["ids"]:
            failures += 1
            print(f"MISMATCH {check['text']!r} add_special={check['add_special']}\n"
                  f"  trained:   {check['ids']}\n  llama.cpp: {got}", file=sys.stderr)
    print(f"[real-runtime] tokenizer check: {len(checks) - failures}/{len(checks)} texts give the trained ids",
          file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
