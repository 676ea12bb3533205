"""Trains the tiny model served by llama.cpp: a SentencePiece tokenizer and a 2.9 M parameter LlamaForCausalLM
on the question/answer pairs of corpus.py, in the exact ChatML form llama.cpp will feed it.

    python train_tiny.py --out DIR [--steps 800]

Writes DIR/hf (config, weights, tokenizer.model, tokenizer_config.json with a ChatML template), DIR/corpus.jsonl,
DIR/token-check.json (texts and the ids trained on, for verify_tokens.py against llama-server's /tokenize) and
DIR/train-report.json. Needs torch, transformers, sentencepiece (install-train-deps.sh).

The trap (see REAL_RUNTIME.md): the ids trained on must be the ids llama.cpp produces. llama.cpp's SPM
tokenizer splits the text on special tokens, puts a space before the first run and before every run that
follows a special token, and tokenizes each run apart. `encode_like_llamacpp` does the same.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

IM_START, IM_END = "<|im_start|>", "<|im_end|>"
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def chatml_prompt(question: str) -> str:
    """What quantwatch's llama.cpp backend sends for a single user message."""
    return f"{IM_START}user\n{question}{IM_END}\n{IM_START}assistant\n"


def train_tokenizer(out: Path, pairs: list[dict], vocab_size: int) -> None:
    import sentencepiece as spm

    # Lines, not whole conversations: no piece spans a newline, so "\n" always goes through the byte-fallback
    # token <0x0A> and an answer tokenizes the same after the prompt as on its own.
    lines: list[str] = []
    for pair in pairs:
        lines += ["user", pair["question"], "assistant", pair["answer"]]
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=str(out / "tokenizer"), model_type="bpe",
        vocab_size=vocab_size, byte_fallback=True, character_coverage=1.0,
        normalization_rule_name="identity", remove_extra_whitespaces=False, add_dummy_prefix=True,
        user_defined_symbols=[IM_START, IM_END], unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        split_digits=True, num_threads=1, minloglevel=2,
    )


def encode_like_llamacpp(sp, text: str, special_ids: dict[str, int]) -> list[int]:
    """Split on the special markers and encode each text run apart (SentencePiece adds the leading space that
    llama.cpp adds after BOS and after every special token)."""
    ids: list[int] = []
    run = ""
    index = 0
    while index < len(text):
        marker = next((m for m in special_ids if text.startswith(m, index)), None)
        if marker is None:
            run += text[index]
            index += 1
            continue
        if run:
            ids += sp.encode(run)
            run = ""
        ids.append(special_ids[marker])
        index += len(marker)
    if run:
        ids += sp.encode(run)
    return ids


def save_hf_tokenizer(hf: Path, tmp: Path, sp) -> dict[str, int]:
    (tmp / "tokenizer.model").replace(hf / "tokenizer.model")
    special = {IM_START: sp.piece_to_id(IM_START), IM_END: sp.piece_to_id(IM_END)}

    def entry(content: str) -> dict:
        return {"content": content, "lstrip": False, "rstrip": False, "normalized": False,
                "single_word": False, "special": True}

    config = {
        "tokenizer_class": "LlamaTokenizer",
        "bos_token": "<s>", "eos_token": IM_END, "unk_token": "<unk>", "pad_token": None,
        "add_bos_token": True, "add_eos_token": False, "legacy": False, "model_max_length": 512,
        # Listed as special, or llama.cpp spells <|im_start|> out character by character.
        "added_tokens_decoder": {
            "0": entry("<unk>"), "1": entry("<s>"), "2": entry("</s>"),
            str(special[IM_START]): entry(IM_START), str(special[IM_END]): entry(IM_END),
        },
        "chat_template": CHAT_TEMPLATE,
    }
    (hf / "tokenizer_config.json").write_text(json.dumps(config, indent=2) + "\n")
    (hf / "special_tokens_map.json").write_text(json.dumps(
        {"bos_token": "<s>", "eos_token": IM_END, "unk_token": "<unk>"}, indent=2) + "\n")
    return special


def build_examples(sp, pairs: list[dict], special: dict[str, int], bos: int) -> list[tuple[list[int], int]]:
    """(ids, prompt length): BOS + ChatML prompt + answer + <|im_end|>; loss on the tokens after the prompt."""
    examples = []
    for pair in pairs:
        prompt_ids = [bos] + encode_like_llamacpp(sp, chatml_prompt(pair["question"]), special)
        # The answer joins the prompt's last run ("assistant\n"), as it does when llama.cpp reads it back.
        full_ids = [bos] + encode_like_llamacpp(
            sp, chatml_prompt(pair["question"]) + pair["answer"] + IM_END, special)
        if full_ids[: len(prompt_ids)] != prompt_ids:
            raise SystemExit(f"prompt ids are not a prefix of prompt+answer ids for {pair['question']!r}")
        examples.append((full_ids, len(prompt_ids)))
    return examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--vocab", type=int, default=512)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    import sentencepiece as spm
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.set_num_threads(1)  # two shared cores on this machine; one is plenty for 2.9 M parameters
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    started = time.time()
    out: Path = args.out
    hf = out / "hf"
    hf.mkdir(parents=True, exist_ok=True)
    pairs = corpus.training_pairs()
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps({k: pair[k] for k in ("category", "question", "answer")}) + "\n")

    train_tokenizer(out, pairs, args.vocab)
    sp = spm.SentencePieceProcessor(model_file=str(out / "tokenizer.model"))
    special = save_hf_tokenizer(hf, out, sp)
    (out / "tokenizer.vocab").unlink(missing_ok=True)
    bos = sp.bos_id()
    examples = build_examples(sp, pairs, special, bos)
    tokenizer_seconds = time.time() - started

    config = LlamaConfig(
        vocab_size=sp.get_piece_size(), hidden_size=256, intermediate_size=512, num_hidden_layers=4,
        num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=512, rms_norm_eps=1e-5,
        rope_theta=10000.0, tie_word_embeddings=False, bos_token_id=bos, eos_token_id=special[IM_END],
        pad_token_id=None,
    )
    model = LlamaForCausalLM(config)
    parameters = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1 - step / args.steps))
    model.train()
    losses = []
    train_started = time.time()
    for step in range(args.steps):
        batch = random.sample(examples, min(args.batch, len(examples)))
        width = max(len(ids) for ids, _ in batch)
        input_ids = torch.zeros((len(batch), width), dtype=torch.long)
        labels = torch.full((len(batch), width), -100, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, (ids, prompt_length) in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids)
            mask[row, : len(ids)] = 1
            labels[row, prompt_length: len(ids)] = torch.tensor(ids[prompt_length:])
        loss = model(input_ids=input_ids, attention_mask=mask, labels=labels).loss
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
        if step % 100 == 0 or step == args.steps - 1:
            print(f"step {step:4d} loss {loss.item():.4f} ({time.time() - train_started:.0f} s)", flush=True)
    train_seconds = time.time() - train_started

    # Greedy answers from transformers itself, on the prompt ids llama.cpp will send.
    model.eval()
    right = 0
    with torch.no_grad():
        for pair in pairs:
            ids = [bos] + encode_like_llamacpp(sp, chatml_prompt(pair["question"]), special)
            generated = model.generate(torch.tensor([ids]), max_new_tokens=12, do_sample=False,
                                       eos_token_id=special[IM_END], pad_token_id=special[IM_END])
            answer = sp.decode([t for t in generated[0, len(ids):].tolist() if t != special[IM_END]])
            right += answer.strip() == pair["answer"]
    model.save_pretrained(hf, safe_serialization=True)

    # Texts and the ids trained on: llama-server's /tokenize must give exactly these.
    checks = []
    for pair in pairs[:: max(1, len(pairs) // 24)]:
        text = chatml_prompt(pair["question"]) + pair["answer"] + IM_END
        checks.append({"text": text, "add_special": False,
                       "ids": encode_like_llamacpp(sp, text, special)})
        prompt = chatml_prompt(pair["question"])
        checks.append({"text": prompt, "add_special": True,
                       "ids": [bos] + encode_like_llamacpp(sp, prompt, special)})
    (out / "token-check.json").write_text(json.dumps(checks, indent=1) + "\n")
    report = {
        "parameters": parameters, "vocab_size": sp.get_piece_size(), "training_pairs": len(pairs),
        "steps": args.steps, "batch": args.batch, "lr": args.lr, "seed": args.seed,
        "first_loss": round(losses[0], 4), "final_loss": round(sum(losses[-20:]) / 20, 4),
        "tokenizer_seconds": round(tokenizer_seconds, 1), "train_seconds": round(train_seconds, 1),
        "total_seconds": round(time.time() - started, 1), "transformers_greedy_right": right,
        "threads": torch.get_num_threads(), "torch": torch.__version__,
    }
    (out / "train-report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
