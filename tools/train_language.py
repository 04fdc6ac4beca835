"""Trains the language checks' models from the labelled sentences in tests/fixtures/language/.

    make train-language                          # retrain both, write agenda/checks/*_model.json
    .venv/bin/python tools/train_language.py --check     # exit 1 if a retrain differs
    .venv/bin/python tools/train_language.py --heldout   # recall and false alarms, held-out

Pure Python and deterministic: logistic regression by AdaGrad over the same features the checks
compute at run time, examples shuffled with a fixed seed, weights rounded to four places. The
decision threshold is chosen on cross-validated scores of the training split only (folds are
blocks of neighbouring lines, so sentences written together are held out together); the
held-out files are never read here except by --heldout, which only reports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agenda.checks.language import assess_action, find_blame
from agenda.checks.model import BLAME, VAGUE, encode_key, model_path
from agenda.checks.reading import Key, lower, read_sentence
from agenda.checks.vagueness import action_features

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "language"
SEED = 16
EPOCHS = 24
RATE = 0.2
L2 = 0.0005
L2_WORDS = 0.005
"""Words and neighbour pairs are held closer to zero than rules: a rule names a structure that
carries over to sentences not yet seen; a word is more likely an accident of this corpus."""
FOLDS = 5
BLOCK = 10
MIN_COUNT = 2


@dataclass(frozen=True)
class Task:
    """One model: its corpus, which label it flags, and its features."""

    name: str
    corpus: str
    positive: str
    negative: str
    features: Callable[[str], list[Key]]
    detect: Callable[[str], bool]
    """The check as it runs in the app, for the held-out report."""
    false_alarm_goal: float
    """The most false alarms the threshold may allow on cross-validated training scores:
    below the acceptance goal, so the held-out set has room."""


def _blame_features(text: str) -> list[Key]:
    return read_sentence(lower(text))[0]


TASKS = {
    BLAME: Task(
        BLAME,
        "blame",
        "blameful",
        "blameless",
        _blame_features,
        lambda text: bool(find_blame(text)),
        0.04,
    ),
    VAGUE: Task(
        VAGUE,
        "actions",
        "vague",
        "specific",
        action_features,
        lambda text: assess_action(text).vague,
        0.02,
    ),
}


def load(task: Task, split: str) -> list[tuple[str, int]]:
    """The (text, label) pairs of a split, label 1 for the flagged class; refuses a file whose
    rows are not of that split or whose labels are not the task's."""
    path = CORPUS / f"{task.corpus}-{split}.tsv"
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines[0] != "label\tsplit\ttext":
        raise SystemExit(f"{path}: line 1: expected the header label<TAB>split<TAB>text")
    for number, line in enumerate(lines[1:], start=2):
        label, row_split, text = line.split("\t")
        if row_split != split or label not in (task.positive, task.negative):
            raise SystemExit(f"{path}: line {number}: unexpected label or split {line!r}")
        rows.append((text, 1 if label == task.positive else 0))
    return rows


def _sigmoid(score: float) -> float:
    if score < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


def fit(examples: list[tuple[list[Key], int]]) -> tuple[float, dict[Key, float]]:
    """Logistic regression with AdaGrad and L2, classes weighted to count equally."""
    counts: dict[Key, int] = {}
    for keys, _ in examples:
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
    examples = [(keys, label) for keys, label in examples if keys]  # the rest named no one
    vocabulary = {
        k for k, n in counts.items() if n >= MIN_COUNT or (isinstance(k, str) and k[:4] == "cue:")
    }
    data = [([k for k in keys if k in vocabulary], label) for keys, label in examples]
    positives = sum(label for _, label in data)
    balance = {1: len(data) / (2 * positives), 0: len(data) / (2 * (len(data) - positives))}
    weights: dict[Key, float] = {}
    squares: dict[Key, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(data)))
    generator = random.Random(SEED)
    for _ in range(EPOCHS):
        generator.shuffle(order)
        for index in order:
            keys, label = data[index]
            score = bias + sum(weights.get(k, 0.0) for k in keys)
            error = (_sigmoid(score) - label) * balance[label]
            bias_square += error * error
            bias -= RATE * error / math.sqrt(bias_square)
            for key in keys:
                weight = weights.get(key, 0.0)
                rule = isinstance(key, str) and (key[:4] == "cue:" or key[:1] == "=")
                gradient = error + (L2 if rule else L2_WORDS) * weight
                square = squares.get(key, 1e-8) + gradient * gradient
                squares[key] = square
                weights[key] = weight - RATE * gradient / math.sqrt(square)
    return bias, weights


def _score(bias: float, weights: dict[Key, float], keys: list[Key]) -> float:
    return bias + sum(weights.get(k, 0.0) for k in keys)


def cross_validate(task: Task, rows: list[tuple[str, int]]) -> list[tuple[float, int]]:
    """Out-of-fold probabilities: each block of neighbouring lines scored by a model that did
    not see it."""
    examples = [(task.features(text), label) for text, label in rows]
    scored: list[tuple[float, int]] = [(0.0, label) for _, label in examples]
    for fold in range(FOLDS):
        bias, weights = fit([e for i, e in enumerate(examples) if (i // BLOCK) % FOLDS != fold])
        for i, (keys, label) in enumerate(examples):
            if (i // BLOCK) % FOLDS == fold:
                scored[i] = (_sigmoid(_score(bias, weights, keys)) if keys else 0.0, label)
    return scored


def choose_threshold(scored: list[tuple[float, int]], goal: float) -> float:
    """The lowest threshold whose false alarms stay within the goal (never below 0.5)."""
    negatives = sorted((p for p, label in scored if label == 0), reverse=True)
    allowed = int(goal * len(negatives))
    threshold = negatives[allowed] + 1e-3 if allowed < len(negatives) else 0.5
    return round(min(max(threshold, 0.5), 0.95), 3)


def rates(scored: list[tuple[float, int]], threshold: float) -> tuple[float, float]:
    """Recall on the flagged class and false alarms on the other."""
    positives = [p for p, label in scored if label == 1]
    negatives = [p for p, label in scored if label == 0]
    recall = sum(p >= threshold for p in positives) / len(positives)
    return recall, sum(p >= threshold for p in negatives) / len(negatives)


def train(task: Task) -> dict[str, object]:
    """The model file's content for a task, trained on its training split."""
    rows = load(task, "train")
    scored = cross_validate(task, rows)
    threshold = choose_threshold(scored, task.false_alarm_goal)
    recall, false_alarms = rates(scored, threshold)
    bias, weights = fit([(task.features(text), label) for text, label in rows])
    corpus = CORPUS / f"{task.corpus}-train.tsv"
    kept = {encode_key(k): round(w, 4) for k, w in weights.items() if abs(round(w, 4)) >= 1e-3}
    return {
        "model": task.name,
        "corpus": {
            "file": corpus.relative_to(ROOT).as_posix(),
            "sha256": hashlib.sha256(corpus.read_bytes()).hexdigest(),
            "examples": len(rows),
            task.positive: sum(label for _, label in rows),
            task.negative: sum(1 - label for _, label in rows),
        },
        "training": {
            "seed": SEED,
            "epochs": EPOCHS,
            "rate": RATE,
            "l2_rules": L2,
            "l2_words": L2_WORDS,
            "folds": FOLDS,
        },
        "cross_validated": {"recall": round(recall, 3), "false_alarms": round(false_alarms, 3)},
        "threshold": threshold,
        "bias": round(bias, 4),
        "weights": dict(sorted(kept.items())),
    }


def dump(model: dict[str, object]) -> str:
    return json.dumps(model, indent=1, ensure_ascii=False) + "\n"


def heldout(task: Task) -> tuple[int, int, float, float]:
    """How the shipped check does on the held-out split: sizes, recall, false alarms."""
    rows = load(task, "heldout")
    scored = [(1.0 if task.detect(text) else 0.0, label) for text, label in rows]
    recall, false_alarms = rates(scored, 0.5)
    positives = sum(label for _, label in rows)
    return positives, len(rows) - positives, recall, false_alarms


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="train_language", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare a retrain with the files")
    parser.add_argument("--heldout", action="store_true", help="report on the held-out split")
    args = parser.parse_args(argv)
    status = 0
    for task in TASKS.values():
        if args.heldout:
            positives, negatives, recall, false_alarms = heldout(task)
            print(
                f"{task.name}: held-out {positives} {task.positive} + {negatives} "
                f"{task.negative}: recall {recall:.3f}, false alarms {false_alarms:.3f}"
            )
            continue
        text = dump(train(task))
        path = model_path(task.name)
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            print(f"{path.name}: {'matches a retrain' if same else 'DIFFERS from a retrain'}")
            status = status or (0 if same else 1)
        else:
            path.write_text(text, encoding="utf-8")
            summary = json.loads(text)
            print(
                f"{path.name}: {len(summary['weights'])} weights, threshold "
                f"{summary['threshold']}, cross-validated {summary['cross_validated']}"
            )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
