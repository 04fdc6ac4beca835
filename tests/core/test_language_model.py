"""The language checks' models: shipped weights equal a retrain, held-out quality floors, and the
held-out sentences kept apart from the training ones."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from agenda.checks.model import BLAME, VAGUE, load_model, model_path
from agenda.checks.reading import read_sentence, score_sentence
from agenda.checks.subjects import lower
from tools import train_language

GOALS = {BLAME: (0.9, 0.05), VAGUE: (0.9, 0.03)}
"""The issue's acceptance: recall at least, false alarms at most, on the held-out split."""


@pytest.mark.parametrize("name", [BLAME, VAGUE])
def test_shipped_weights_are_what_the_training_script_makes(name: str) -> None:
    task = train_language.TASKS[name]
    assert train_language.dump(train_language.train(task)) == model_path(name).read_text(
        encoding="utf-8"
    ), "the corpus or the features changed: run `make train-language` and commit the weights"


@pytest.mark.parametrize("name", [BLAME, VAGUE])
def test_heldout_recall_and_false_alarms_meet_the_goals(name: str) -> None:
    positives, negatives, recall, false_alarms = train_language.heldout(train_language.TASKS[name])
    assert positives >= 100 and negatives >= 100
    least_recall, most_false_alarms = GOALS[name]
    assert recall >= least_recall, f"{name}: held-out recall {recall:.3f}"
    assert false_alarms <= most_false_alarms, f"{name}: held-out false alarms {false_alarms:.3f}"


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9']+", text.lower()))


@pytest.mark.parametrize("name", [BLAME, VAGUE])
def test_heldout_sentences_are_not_training_sentences(name: str) -> None:
    task = train_language.TASKS[name]
    training = [_words(text) for text, _ in train_language.load(task, "train")]
    for text, _ in train_language.load(task, "heldout"):
        words = _words(text)
        closest = max(len(words & seen) / len(words | seen) for seen in training)
        assert closest < 0.6, f"held-out {text!r} is a near copy of a training sentence"


def test_the_fast_score_is_the_model_over_the_features() -> None:
    model = load_model(BLAME)
    task = train_language.TASKS[BLAME]
    for text, _ in train_language.load(task, "train"):
        sentence = lower(text)
        keys, _ = read_sentence(sentence)
        scored = score_sentence(sentence, model.weights, model.bias)
        if not keys:
            assert scored is None
        else:
            assert scored is not None and scored[0] == pytest.approx(model.score(keys))


def test_importing_the_checks_reads_no_model() -> None:
    code = (
        "import agenda.checks, facilitator.commands.check\n"
        "from agenda.checks.model import load_model\n"
        "print(load_model.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"
