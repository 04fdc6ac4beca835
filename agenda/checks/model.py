"""Provides the small logistic models behind the language checks, read from the JSON weights
that tools/train_language.py writes beside this module."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from agenda.checks.reading import Key

MODEL_DIR = Path(__file__).parent
BLAME = "blame"
VAGUE = "vague"


@dataclass(frozen=True)
class Model:
    """A logistic model over binary features: a bias, a weight per feature, a threshold."""

    name: str
    bias: float
    threshold: float
    """The probability from which a text is flagged, chosen in training on cross-validated
    scores to keep false alarms under the goal."""
    weights: dict[Key, float]
    logit: float = 0.0
    """The threshold as a score: comparing scores saves an exp() per sentence."""

    def score(self, keys: list[Key]) -> float:
        return self.bias + sum(map(self.weights.get, keys, repeat(0.0)))

    def probability(self, keys: list[Key]) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(keys)))

    def strongest(self, keys: list[Key], count: int = 5) -> list[tuple[Key, float]]:
        """The features that pushed hardest towards a flag, strongest first."""
        totals: dict[Key, float] = {}
        for key in keys:
            weight = self.weights.get(key, 0.0)
            if weight:
                totals[key] = totals.get(key, 0.0) + weight
        ranked = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))
        return [item for item in ranked if item[1] > 0][:count]


def model_path(name: str) -> Path:
    return MODEL_DIR / f"{name}_model.json"


def decode_key(key: str) -> Key:
    """A feature as the JSON file spells it: a pair of neighbours is two words and a space."""
    first, space, second = key.partition(" ")
    return (first, second) if space else key


def encode_key(key: Key) -> str:
    return " ".join(key) if isinstance(key, tuple) else key


@cache
def load_model(name: str) -> Model:
    """The shipped model of that name (loaded once, on first use, not at import)."""
    data = json.loads(model_path(name).read_text(encoding="utf-8"))
    threshold = float(data["threshold"])
    return Model(
        name,
        float(data["bias"]),
        threshold,
        {decode_key(k): float(v) for k, v in data["weights"].items()},
        math.log(threshold / (1.0 - threshold)),
    )


_CLASS_WORDS = {"<person>": "a person", "<system>": "a system", "<we>": '"we"', "<s>": "[start]"}


def describe(key: Key) -> str:
    """A feature in words, for `facilitator check --explain`."""
    if isinstance(key, tuple):
        return f'words "{" ".join(_CLASS_WORDS.get(w, w) for w in key)}"'
    if key in _CLASS_WORDS:
        return f"{_CLASS_WORDS[key]} named"
    if key.startswith("cue:"):
        family, _, scope = key[4:].partition(":")
        return f"rule {family}" + (f" ({_about(scope)})" if scope else "")
    if key.startswith("=cue:"):
        return f"any rule {_about(key[5:])}"
    if key.startswith("=blame-"):
        return f"any rule {_about(key[7:])}"
    if key.startswith("="):
        return f"rule {key[1:]}"
    return f'word "{key}"'


def _about(scope: str) -> str:
    return {
        "person": "about a person",
        "system": "about a system",
        "we": 'about "we"',
        "passive": "in a passive with no one named",
        "none": "with no one named",
        "unknown": "with no subject found",
        "self": "blaming by itself",
        "neg": "negated",
        "quoted": "quoted",
        "topic": "discussing blame as a topic",
    }.get(scope, scope)
