#!/usr/bin/env python3
"""Asks the running tiny-model servers every canary of a suite directly (no quantwatch) and prints, per
precision: accuracy in and out of the training distribution, answer agreement with F16, top-1 agreement and
KL divergence against F16 (first token and mean over the common prefix, top-k plus an OTHER bucket), and
llama.cpp's own `timings`.

    python3 scripts/real-runtime/check-model.py [--suite samples/canaries/tiny.yaml] [--json]

Stdlib only (PyYAML is used when present, else a reader for the flat suite format). Ports as in serve.sh.
KLD at one position: the support is F16's top-k tokens plus OTHER (the rest of the mass). A quantized model's
probability for a token of that set comes from its own top-k; a token missing from its top-k gets an equal
share of its leftover mass, capped by its smallest top-k probability. Positions are compared only while
both models have generated the same tokens (after a divergence the contexts differ).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_PORTS = {"F16": 18080, "Q8_0": 18081, "Q4_K_M": 18082, "Q4_0": 18083}


def chatml(prompt: str) -> str:
    return f"<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n"


# --- suite -------------------------------------------------------------------------------------------------

def _scalar(text: str):
    text = text.strip()
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1].replace("''", "'")
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _flow_map(text: str) -> dict:
    """`{exact: "Paris", all: false}`: split on commas outside quotes and brackets."""
    body = text.strip()[1:-1]
    parts, depth, quote, current = [], 0, None, ""
    for char in body:
        if quote:
            current += char
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
            current += char
        elif char in "[{":
            depth += 1
            current += char
        elif char in "]}":
            depth -= 1
            current += char
        elif char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current)
    out = {}
    for part in parts:
        key, _, value = part.partition(":")
        value = value.strip()
        if value.startswith("["):
            out[key.strip()] = [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
        else:
            out[key.strip()] = _scalar(value)
    return out


def load_suite(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    try:
        import yaml  # type: ignore

        return yaml.safe_load(text)["canaries"]
    except ImportError:
        pass
    canaries: list[dict] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or not line.startswith(" "):
            continue
        if stripped.startswith("- "):
            canaries.append({})
            stripped = stripped[2:]
        key, _, value = stripped.partition(":")
        value = value.strip()
        canaries[-1][key.strip()] = _flow_map(value) if value.startswith("{") else _scalar(value)
    return canaries


# --- scoring (mirrors QuantWatchDomain's AnswerNormalizer and Scorer) -------------------------------------------

def normalize(text: str) -> str:
    chars = list(text.lower())
    out, pending = "", False
    for index, char in enumerate(chars):
        category = unicodedata.category(char)
        if category[0] in "LN":
            keep = True
        elif char in ".-":
            next_digit = index + 1 < len(chars) and chars[index + 1].isdigit()
            prev_digit = index > 0 and chars[index - 1].isdigit()
            keep = next_digit and ((not prev_digit) if char == "-" else prev_digit)
        else:
            keep = False
        if keep:
            if pending and out:
                out += " "
            pending = False
            out += char
        else:
            pending = True
    return out


def score(scorer: dict, answer: str) -> bool:
    if "exact" in scorer:
        return normalize(answer) == normalize(str(scorer["exact"]))
    if "contains" in scorer:
        needles = [normalize(str(n)) for n in scorer["contains"]]
        hits = [n in normalize(answer) for n in needles]
        return all(hits) if scorer.get("all") else any(hits)
    if "regex" in scorer:
        match = re.search(scorer["regex"], answer)
        if not match:
            return False
        if scorer.get("expected") is None:
            return True
        return normalize(match.group(int(scorer.get("group", 0)))) == normalize(str(scorer["expected"]))
    if "numeric" in scorer:
        match = re.search(r"-?\d+(?:\.\d+)?", answer)
        return bool(match) and abs(float(match.group()) - float(scorer["numeric"])) <= float(
            scorer.get("tolerance", 0))
    if "choice" in scorer:
        match = re.search(r"\b([A-Z])\b", answer.upper())
        return bool(match) and match.group(1) == str(scorer["choice"]).upper()
    raise SystemExit(f"unknown scorer {scorer}")


# --- drift -------------------------------------------------------------------------------------------------

def top_probs(position: dict) -> dict[str, float]:
    """Token -> probability from one entry of llama.cpp's `completion_probabilities`."""
    out = {}
    for alt in position.get("top_logprobs") or position.get("top_probs") or []:
        token = alt.get("token", "")
        if "logprob" in alt:
            out[token] = math.exp(alt["logprob"])
        else:
            out[token] = float(alt.get("prob", 0))
    return out


def kld(base: dict[str, float], quant: dict[str, float]) -> float:
    support = list(base)
    p = [base[t] for t in support]
    p_other = max(0.0, 1 - sum(p))
    missing = [t for t in support if t not in quant]
    leftover = max(0.0, 1 - sum(quant.values()))
    floor = min(quant.values()) if quant else 1.0
    share = min(floor, leftover / (len(missing) + 1)) if missing else 0.0
    q = [quant.get(t, share) for t in support]
    q_other = max(0.0, 1 - sum(q))
    total = 0.0
    for pi, qi in zip(p + [p_other], q + [q_other]):
        if pi > 0:
            total += pi * math.log(pi / max(qi, 1e-12))
    return max(0.0, total)


# --- HTTP --------------------------------------------------------------------------------------------------

def complete(base: str, prompt: str, max_tokens: int, n_probs: int) -> tuple[dict, float]:
    body = {"prompt": chatml(prompt), "n_predict": max_tokens, "temperature": 0, "top_k": 1, "seed": 42,
            "n_probs": n_probs, "cache_prompt": False, "stream": False}
    request = urllib.request.Request(f"{base}/completion", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        result = json.load(response)
    return result, (time.perf_counter() - started) * 1000


def post(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def expected_answer(scorer: dict) -> str | None:
    for key in ("exact", "numeric", "choice"):
        if key in scorer:
            value = scorer[key]
            return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return None


def answer_nll(base: str, prompt: str, answer: str, n_vocab: int) -> tuple[float, int]:
    """Teacher-forced negative log-likelihood of `answer<|im_end|>` after the ChatML prompt.

    llama-server returns log-probabilities only for tokens it generates (no prompt logprobs, `echo` gives
    none), so each answer token is scored by one request: the prefix as token ids, n_predict 1, and n_probs
    the whole vocabulary, where the reference token is looked up. cache_prompt keeps each request to one
    new token of evaluation."""
    prompt_ids = post(base, "/tokenize", {"content": chatml(prompt), "add_special": True,
                                          "parse_special": True})["tokens"]
    full_ids = post(base, "/tokenize", {"content": chatml(prompt) + answer + "<|im_end|>",
                                        "add_special": True, "parse_special": True})["tokens"]
    if full_ids[: len(prompt_ids)] != prompt_ids:
        raise SystemExit(f"prompt ids are not a prefix of prompt+answer ids for {prompt!r}")
    nll = 0.0
    for index in range(len(prompt_ids), len(full_ids)):
        reply = post(base, "/completion", {"prompt": full_ids[:index], "n_predict": 1, "n_probs": n_vocab,
                                           "temperature": 0, "cache_prompt": True})
        top = reply["completion_probabilities"][0]["top_logprobs"]
        logprob = next((alt["logprob"] for alt in top if alt["id"] == full_ids[index]), None)
        if logprob is None:
            raise SystemExit(f"token {full_ids[index]} not among the {len(top)} returned: raise --n-vocab")
        nll -= logprob
    return nll, len(full_ids) - len(prompt_ids)


def print_perplexity(ports: dict[str, int], canaries: list[dict], in_set, n_vocab: int) -> None:
    print(f"\nteacher-forced perplexity of the expected answers (+<|im_end|>), n_probs {n_vocab}:")
    print(f"{'precision':9s} {'PPL in':>8s} {'PPL out':>8s} {'tokens':>7s} {'requests/s':>10s}")
    for quant, port in ports.items():
        base = f"http://127.0.0.1:{port}"
        sums = {True: [0.0, 0], False: [0.0, 0]}
        started, requests = time.perf_counter(), 0
        for canary in canaries:
            answer = expected_answer(canary["scorer"])
            if answer is None:
                continue
            nll, count = answer_nll(base, canary["prompt"], answer, n_vocab)
            key = in_set(canary)
            sums[key][0] += nll
            sums[key][1] += count
            requests += count + 2
        ppl = {k: math.exp(v[0] / v[1]) if v[1] else float("nan") for k, v in sums.items()}
        rate = requests / (time.perf_counter() - started)
        print(f"{quant:9s} {ppl[True]:>8.3f} {ppl[False]:>8.2f} {sums[True][1] + sums[False][1]:>7d} {rate:>10.0f}")


def in_distribution_questions() -> set[str] | None:
    corpus = REPO / "fixtures" / "tiny-model" / "corpus.jsonl"
    if not corpus.is_file():
        return None
    with open(corpus, encoding="utf-8") as handle:
        return {json.loads(line)["question"] for line in handle if line.strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=REPO / "samples" / "canaries" / "tiny.yaml")
    parser.add_argument("--n-probs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the raw per-canary results as JSON")
    parser.add_argument("--ppl", action="store_true", help="also score the expected answers' perplexity")
    parser.add_argument("--require-in-accuracy", type=float, metavar="FRACTION",
                        help="exit 1 when a precision answers fewer of the trained prompts right than this")
    parser.add_argument("--all-pairs", action="store_true",
                        help="ask every question of corpus.py (trained and held out) instead of the suite")
    parser.add_argument("--n-vocab", type=int, default=512, help="n_probs for --ppl: the vocabulary size")
    args = parser.parse_args()
    ports = {q: int(os.environ.get(f"QW_PORT_{q}", p)) for q, p in DEFAULT_PORTS.items()}
    canaries = load_suite(args.suite)
    if args.all_pairs:
        sys.path.insert(0, str(HERE))
        import corpus

        canaries = [{"id": f"{p['category']}-{'out' if p['held_out'] else 'in'}-{i:03d}", "category": p["category"],
                     "prompt": p["question"], "max_tokens": 8,
                     "scorer": corpus._scorer(p["category"], p["question"], p["answer"])}
                    for i, p in enumerate(corpus.all_pairs())]
    trained = in_distribution_questions()

    def in_set(canary: dict) -> bool:
        return canary["prompt"] in trained if trained is not None else "-in-" in canary["id"]

    results: dict[str, list[dict]] = {}
    for quant, port in ports.items():
        base = f"http://127.0.0.1:{port}"
        rows = []
        for canary in canaries:
            try:
                reply, wall_ms = complete(base, canary["prompt"], int(canary.get("max_tokens", 8)), args.n_probs)
            except (urllib.error.URLError, OSError) as error:
                raise SystemExit(f"{quant} at {base}: {error} (is scripts/real-runtime/serve.sh running?)")
            probs = reply.get("completion_probabilities") or []
            rows.append({
                "id": canary["id"], "category": canary["category"], "answer": reply.get("content", ""),
                "right": score(canary["scorer"], reply.get("content", "")),
                "in": in_set(canary),
                "tokens": [p.get("token", "") for p in probs], "probs": [top_probs(p) for p in probs],
                "timings": reply.get("timings", {}), "wall_ms": wall_ms,
            })
        results[quant] = rows

    if args.json:
        print(json.dumps(results, indent=1))
        return 0

    failing = []
    if args.require_in_accuracy is not None:
        for quant, rows in results.items():
            inside = [r for r in rows if r["in"]]
            share = sum(r["right"] for r in inside) / max(1, len(inside))
            if share < args.require_in_accuracy:
                failing.append(f"{quant} {share:.3f}")
    base_rows = {row["id"]: row for row in results["F16"]}
    n_in = sum(1 for row in results["F16"] if row["in"])
    n_out = len(canaries) - n_in
    source = "corpus.py, every pair" if args.all_pairs else f"suite {args.suite.name}"
    print(f"{source}: {len(canaries)} canaries ({n_in} in the training set, {n_out} outside), "
          f"greedy, n_probs {args.n_probs}, cache_prompt false\n")
    header = (f"{'precision':9s} {'acc in':>8s} {'acc out':>8s} {'agree in':>9s} {'agree out':>9s} "
              f"{'top1 agr':>8s} {'KLD tok1':>9s} {'KLD mean':>9s} {'KLD out':>9s} {'prompt ms':>9s} "
              f"{'gen ms':>7s} {'tok/s':>7s} {'E2E ms':>7s}")
    print(header)
    for quant, rows in results.items():
        acc_in = sum(r["right"] for r in rows if r["in"])
        acc_out = sum(r["right"] for r in rows if not r["in"])
        agree_in = sum(normalize(r["answer"]) == normalize(base_rows[r["id"]]["answer"]) for r in rows if r["in"])
        agree_out = sum(normalize(r["answer"]) == normalize(base_rows[r["id"]]["answer"])
                        for r in rows if not r["in"])
        first, means, means_out, top1_same, top1_total = [], [], [], 0, 0
        for row in rows:
            ref = base_rows[row["id"]]
            per_position = []
            for index in range(min(len(ref["probs"]), len(row["probs"]))):
                if ref["tokens"][:index] != row["tokens"][:index]:
                    break
                per_position.append(kld(ref["probs"][index], row["probs"][index]))
                top1_total += 1
                top1_same += ref["tokens"][index] == row["tokens"][index]
            if per_position:
                first.append(per_position[0])
                means.append(sum(per_position) / len(per_position))
                if not row["in"]:
                    means_out.append(means[-1])
        timings = [r["timings"] for r in rows if r["timings"]]

        def avg(key: str) -> float:
            values = [t.get(key, 0.0) for t in timings]
            return sum(values) / len(values) if values else float("nan")

        mean = lambda values: sum(values) / len(values) if values else float("nan")  # noqa: E731
        print(f"{quant:9s} {acc_in:>4d}/{n_in:<3d} {acc_out:>4d}/{n_out:<3d} {agree_in:>5d}/{n_in:<3d} "
              f"{agree_out:>5d}/{n_out:<3d} {100 * top1_same / max(1, top1_total):>7.1f}% {mean(first):>9.5f} "
              f"{mean(means):>9.5f} {mean(means_out):>9.5f} {avg('prompt_ms'):>9.2f} {avg('predicted_ms'):>7.2f} "
              f"{avg('predicted_per_second'):>7.0f} {mean([r['wall_ms'] for r in rows]):>7.2f}")
    print("\nanswers that differ from F16:")
    for quant, rows in results.items():
        if quant == "F16":
            continue
        for row in rows:
            ref = base_rows[row["id"]]
            if normalize(row["answer"]) != normalize(ref["answer"]):
                print(f"  {quant:7s} {row['id']:18s} F16 {ref['answer']!r:16s} -> {row['answer']!r}")
    if args.ppl:
        print_perplexity(ports, canaries, in_set, args.n_vocab)
    if failing:
        print(f"\nin-distribution accuracy below {args.require_in_accuracy}: {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
