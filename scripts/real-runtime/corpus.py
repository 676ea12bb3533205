"""The tiny model's world: question/answer pairs it is trained on, and canaries inside and outside that world.

Stdlib only, deterministic. train_tiny.py trains on `training_pairs()`; `python3 corpus.py --write-suite PATH`
writes samples/canaries/tiny.yaml from `canaries()`, whose in-distribution prompts are taken verbatim from the
training pairs and whose out-of-distribution prompts are checked not to be among them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

SEED = 1234

CAPITALS = [
    ("France", "Paris"), ("Germany", "Berlin"), ("Italy", "Rome"), ("Spain", "Madrid"), ("Japan", "Tokyo"),
    ("China", "Beijing"), ("Canada", "Ottawa"), ("Egypt", "Cairo"), ("Russia", "Moscow"), ("Greece", "Athens"),
    ("Portugal", "Lisbon"), ("Norway", "Oslo"), ("Sweden", "Stockholm"), ("Finland", "Helsinki"),
    ("Poland", "Warsaw"), ("Austria", "Vienna"), ("Ireland", "Dublin"), ("Kenya", "Nairobi"), ("Peru", "Lima"),
    ("Chile", "Santiago"), ("Cuba", "Havana"), ("India", "New Delhi"), ("Thailand", "Bangkok"),
    ("Australia", "Canberra"), ("Brazil", "Brasilia"), ("Mexico", "Mexico City"), ("Turkey", "Ankara"),
    ("Hungary", "Budapest"), ("Belgium", "Brussels"), ("Denmark", "Copenhagen"), ("Iceland", "Reykjavik"),
    ("Argentina", "Buenos Aires"), ("Colombia", "Bogota"), ("Vietnam", "Hanoi"), ("Iran", "Tehran"),
    ("Iraq", "Baghdad"), ("Nigeria", "Abuja"), ("Morocco", "Rabat"), ("Ukraine", "Kyiv"), ("Croatia", "Zagreb"),
]

# English word -> (French, Spanish, German).
WORDS = [
    ("dog", "chien", "perro", "Hund"), ("cat", "chat", "gato", "Katze"), ("house", "maison", "casa", "Haus"),
    ("water", "eau", "agua", "Wasser"), ("bread", "pain", "pan", "Brot"), ("book", "livre", "libro", "Buch"),
    ("sun", "soleil", "sol", "Sonne"), ("moon", "lune", "luna", "Mond"), ("tree", "arbre", "arbol", "Baum"),
    ("car", "voiture", "coche", "Auto"), ("red", "rouge", "rojo", "rot"), ("blue", "bleu", "azul", "blau"),
    ("green", "vert", "verde", "grun"), ("one", "un", "uno", "eins"), ("two", "deux", "dos", "zwei"),
    ("three", "trois", "tres", "drei"), ("hello", "bonjour", "hola", "hallo"), ("friend", "ami", "amigo", "Freund"),
    ("milk", "lait", "leche", "Milch"), ("apple", "pomme", "manzana", "Apfel"),
]
LANGUAGES = ["French", "Spanish", "German"]

KEYWORD_FACTS = [
    ("In Python, which keyword defines a function?", "def"),
    ("In Python, which keyword defines a class?", "class"),
    ("In Python, which keyword returns a value from a function?", "return"),
    ("In Python, which keyword imports a module?", "import"),
    ("In Python, which keyword starts a loop over items?", "for"),
    ("In Python, which value means nothing?", "None"),
    ("In Swift, which keyword declares a constant?", "let"),
    ("In Swift, which keyword declares a variable?", "var"),
    ("In Swift, which keyword defines a function?", "func"),
    ("In Rust, which keyword defines a function?", "fn"),
    ("In Go, which keyword defines a function?", "func"),
    ("In JavaScript, which keyword declares a constant?", "const"),
    ("Which symbol starts a comment in Python?", "#"),
    ("Which symbols start a line comment in Swift?", "//"),
    ("What file extension do Python files use?", ".py"),
    ("What file extension do Swift files use?", ".swift"),
    ("What file extension do Rust files use?", ".rs"),
    ("What file extension do Go files use?", ".go"),
    ("What file extension do C files use?", ".c"),
    ("What file extension do JavaScript files use?", ".js"),
]
PY_TYPES = [
    ("3", "int"), ("3.5", "float"), ("'a'", "str"), ("True", "bool"), ("[1, 2]", "list"), ("{}", "dict"),
    ("(1, 2)", "tuple"), ("None", "NoneType"), ("{1, 2}", "set"), ("-7", "int"), ("0.25", "float"),
    ("'hello'", "str"), ("False", "bool"), ("[]", "list"),
]
LEN_WORDS = [
    "a", "hi", "cat", "code", "hello", "python", "swift", "banana", "go", "rust", "tree", "lamp", "apple",
    "window", "keyboard", "x", "data", "model", "token", "ok", "quant", "server",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CHOICE_SETS = [
    ("fruit", ["apple", "banana", "pear", "orange", "grape", "cherry"]),
    ("animal", ["dog", "cat", "horse", "lion", "mouse", "tiger"]),
    ("color", ["red", "blue", "green", "yellow", "purple", "black"]),
    ("tool", ["hammer", "saw", "drill", "wrench", "shovel", "axe"]),
]
DISTRACTORS = ["chair", "table", "cloud", "river", "stone", "book", "lamp", "door", "window", "road", "shoe", "cup"]


def _choice_question(kind: str, right: str, wrong: list[str], position: int) -> tuple[str, str]:
    options = list(wrong)
    options.insert(position, right)
    letters = "ABC"
    listing = " ".join(f"{letters[i]}) {option}" for i, option in enumerate(options))
    return f"Which one is a {kind}? {listing}. Answer with a letter.", letters[position]


def all_pairs() -> list[dict]:
    """Every question the tiny model could know, each tagged with its category and a held-out flag.

    Held-out pairs are never trained on: they become the out-of-distribution canaries."""
    rng = random.Random(SEED)
    pairs: list[dict] = []

    def add(category: str, question: str, answer: str, held_out: bool = False) -> None:
        pairs.append({"category": category, "question": question, "answer": answer, "held_out": held_out})

    # math: a sample of each table; the rest is held out so the model has to generalise.
    adds = [(a, b) for a in range(0, 21) for b in range(0, 21)]
    rng.shuffle(adds)
    for index, (a, b) in enumerate(adds[:130]):
        add("math", f"What is {a} + {b}?", str(a + b), held_out=index >= 110)
    subs = [(a, b) for a in range(0, 21) for b in range(0, a + 1)]
    rng.shuffle(subs)
    for index, (a, b) in enumerate(subs[:55]):
        add("math", f"What is {a} - {b}?", str(a - b), held_out=index >= 45)
    muls = [(a, b) for a in range(1, 11) for b in range(1, 11)]
    rng.shuffle(muls)
    for index, (a, b) in enumerate(muls[:55]):
        add("math", f"What is {a} * {b}?", str(a * b), held_out=index >= 45)

    # general: capitals, translations, days and months.
    for index, (country, city) in enumerate(CAPITALS):
        add("general", f"What is the capital of {country}?", city, held_out=index >= 36)
    for index, (english, *translations) in enumerate(WORDS):
        for language, word in zip(LANGUAGES, translations):
            held = (index + LANGUAGES.index(language)) % 7 == 6
            add("general", f"Translate to {language}: {english}", word, held_out=held)
    for index, day in enumerate(DAYS):
        add("general", f"What day comes after {day}?", DAYS[(index + 1) % 7])
    for index, month in enumerate(MONTHS):
        add("general", f"What month comes after {month}?", MONTHS[(index + 1) % 12], held_out=index in (4, 9))

    # coding: keywords, literal types, string lengths, integer division.
    for question, answer in KEYWORD_FACTS:
        add("coding", question, answer)
    for index, (literal, type_name) in enumerate(PY_TYPES):
        add("coding", f"In Python, what is the type of {literal}?", type_name, held_out=index >= 12)
    for index, word in enumerate(LEN_WORDS):
        add("coding", f"What does len('{word}') return in Python?", str(len(word)), held_out=index >= 18)
    for a in range(5, 20, 2):
        add("coding", f"What is {a} // 2 in Python?", str(a // 2), held_out=a >= 17)

    # reasoning: comparisons and multiple choice.
    compares = [(a, b) for a in range(0, 40) for b in range(0, 40) if a != b]
    rng.shuffle(compares)
    for index, (a, b) in enumerate(compares[:60]):
        add("reasoning", f"Which is larger, {a} or {b}?", str(max(a, b)), held_out=index >= 50)
    for kind, members in CHOICE_SETS:
        for index, member in enumerate(members):
            wrong = rng.sample(DISTRACTORS, 2)
            question, letter = _choice_question(kind, member, wrong, rng.randrange(3))
            add("reasoning", question, letter, held_out=index == 5)
    return pairs


def training_pairs() -> list[dict]:
    return [pair for pair in all_pairs() if not pair["held_out"]]


def _scorer(category: str, question: str, answer: str) -> dict:
    if answer.lstrip("-").isdigit():
        return {"numeric": int(answer), "tolerance": 0}
    if question.startswith("Which one is a"):
        return {"choice": answer}
    return {"exact": answer}


def canaries() -> list[dict]:
    """The canary suite: a fixed pick of trained prompts (in) and of prompts the model never saw (out)."""
    pairs = all_pairs()
    trained = {pair["question"] for pair in pairs if not pair["held_out"]}
    out: list[dict] = []

    def pick(category: str, prefix: str, held_out: bool, count: int) -> list[dict]:
        chosen = [p for p in pairs if p["category"] == category and p["question"].startswith(prefix)
                  and p["held_out"] == held_out]
        return chosen[:count]

    plan = [
        ("general", "What is the capital", 4), ("general", "Translate to", 3), ("general", "What month", 1),
        ("math", "What is", 6), ("coding", "In ", 2), ("coding", "What does len", 2), ("coding", "What file", 1),
        ("coding", "What is", 1), ("reasoning", "Which is larger", 3), ("reasoning", "Which one is", 2),
    ]
    for held_out in (False, True):
        for category, prefix, count in plan:
            for pair in pick(category, prefix, held_out, count):
                tag = "out" if held_out else "in"
                number = sum(1 for c in out if c["category"] == category and c["id"].startswith(f"{category}-{tag}"))
                out.append({
                    "id": f"{category}-{tag}-{number + 1:02d}", "category": category, "prompt": pair["question"],
                    "max_tokens": 8, "scorer": _scorer(category, pair["question"], pair["answer"]),
                })
    # Paraphrases of trained facts: the right answer is known, the wording is not.
    paraphrases = [
        ("general", "Capital of France?", {"exact": "Paris"}),
        ("general", "what is the capital of japan?", {"exact": "Tokyo"}),
        ("math", "What is 25 + 17?", {"numeric": 42, "tolerance": 0}),
        ("math", "What is 30 - 12?", {"numeric": 18, "tolerance": 0}),
        ("coding", "In Python, which keyword defines a method?", {"exact": "def"}),
        ("reasoning", "Which is larger, 45 or 54?", {"numeric": 54, "tolerance": 0}),
    ]
    for category, prompt, scorer in paraphrases:
        number = sum(1 for c in out if c["id"].startswith(f"{category}-para"))
        out.append({"id": f"{category}-para-{number + 1:02d}", "category": category, "prompt": prompt,
                    "max_tokens": 8, "scorer": scorer})
    for canary in out:
        in_distribution = "-in-" in canary["id"]
        if in_distribution != (canary["prompt"] in trained):
            raise SystemExit(f"canary {canary['id']} mislabelled: trained={canary['prompt'] in trained}")
    return out


def _yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def write_suite(path: str) -> None:
    lines = [
        "# Canary suite for the tiny llama.cpp model in fixtures/tiny-model (see scripts/real-runtime/README.md).",
        "# Generated by `python3 scripts/real-runtime/corpus.py --write-suite samples/canaries/tiny.yaml`.",
        "# Ids say where a prompt comes from: -in- it was trained on verbatim; -out- a held-out question of a",
        "# trained kind; -para- a trained fact asked in other words. Quantization drift shows mostly on -out-",
        "# and -para-, where the model is unsure, so a suite needs both kinds.",
        "name: tiny",
        "canaries:",
    ]
    for canary in canaries():
        scorer = ", ".join(f"{key}: {_yaml_scalar(value)}" for key, value in canary["scorer"].items())
        lines.append(f"  - id: {canary['id']}")
        lines.append(f"    category: {canary['category']}")
        lines.append(f"    prompt: {_yaml_scalar(canary['prompt'])}")
        lines.append(f"    max_tokens: {canary['max_tokens']}")
        lines.append(f"    scorer: {{{scorer}}}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write-suite", metavar="PATH")
    parser.add_argument("--stats", action="store_true")
    args = parser.parse_args()
    if args.write_suite:
        write_suite(args.write_suite)
    if args.stats or not args.write_suite:
        pairs = all_pairs()
        for category in sorted({p["category"] for p in pairs}):
            trained = sum(1 for p in pairs if p["category"] == category and not p["held_out"])
            held = sum(1 for p in pairs if p["category"] == category and p["held_out"])
            print(f"{category:10s} trained {trained:4d} held out {held:3d}")
        print(f"canaries {len(canaries())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
