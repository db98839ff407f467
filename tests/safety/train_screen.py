"""Training the learned crisis screen (``make train-screen``). Needs the `train` extra
(scikit-learn); the bot itself never imports this module (bot/safety/model.py reads the file).

    python -m tests.safety.train_screen            # writes dialogs/safety/screen_model.bin
    python -m tests.safety.train_screen --check    # trains in memory; exit 1 unless bytes match

Data (all in the repo, under tests/safety/): the crisis messages per category in data/,
heldout*/ and corpus/crisis_*.txt, the messages that fit two categories, and as non-crisis the
everyday and hard negatives, the ordinary corpus (corpus/ordinary.txt), the practices'
answers of the golden transcripts (corpus/practice_answers.txt, a snapshot), ordinary
counsellor-style lines (corpus/counsellor.txt: second person, questions, information) and client
turns of counselling sessions as transcribed speech (corpus/spoken.txt). The negated
statements are left out: they are neither plain crisis nor plain everyday talk.

Seeded and single-threaded (liblinear), with one OpenBLAS kernel on every processor (below),
so the same data always gives the same bytes. The
threshold is set from 5-fold cross-validation: the lowest score at which the held-out folds'
false alarms stay within FALSE_ALARM_AIM on the ordinary corpus, COUNSELLOR_AIM on the
counsellor lines and HARD_AIM on the hard negatives.
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# OpenBLAS picks its kernels by processor, and an AVX-512 kernel sums in another order than
# an AVX2 one (the screen's weights moved by up to 4e-3 between two hosts): one kernel on
# every x86-64 host gives the same bytes. Set before numpy loads OpenBLAS.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import numpy as np  # noqa: E402

from bot.safety.model import MODEL_PATH, features, read_model, words_of, write_model
from tests.train_cli import run

ROOT = Path(__file__).resolve().parents[2]
SETS = ROOT / "tests" / "safety"
CATEGORIES = ("suicide_selfharm", "overdose_medical", "violence_abuse", "severe_withdrawal")
BITS = 18
CHAR_MIN, CHAR_MAX = 2, 5
SKIP_BIGRAMS = True       # pairs one word apart: cross-validated recall 81.5 % against 79.6 %
# crisis or not: cross-validated recall at the same false-alarm aims, with blind4 and the hand-
# written hard negatives in, was 634/716/654/635 (of 944/829/812/710) at 32, 652/718/665/635
# at 64, 644/718/654/632 at 128; 2^20 buckets or 6-letter pieces gained nothing
C_CRISIS = 64.0
C_CATEGORY = 32.0   # the categories: cross-validated top-1 94.0 % at 4, 95.2 % at 32
SEED = 14
# Blind batches trained on once measured (docs/safety.md, "Figures"); blind1-3 stay out and
# measure. Folding blind1 in once raised the threshold with its hard negatives; since the
# hard negatives written by hand count against the 5 % aim (corpus/hard_hand.txt), blind4-5 do.
# blind6-16 too since the twentieth round: left out one at a time, a model trained on the rest
# fired on about half as many of the left-out batch's hard negatives (section 8); blind17-21
# since the twenty-seventh round, blind22 and blind23 once their rounds were done; blind24-32
# with the session talk (below): it alone lowered the model's reading of fresh crisis lines;
# blind33-36 in the twelfth session (the four batches written after them: 770 -> 778 of 820).
# blind37-40 folded in (thirteenth session) raised the threshold to 0.733 and the four batches
# written after them lost 4 catches of 820: left out (docs/safety-figures.md, "blind41 to blind46").
# The fourteenth session's 4,400 written chat lines, word classes and blind37-41 and 44 folded in
# each moved the batches written since by no more than noise: left out (chat_blind measures).
# blind55 (indirect suicide talk) folded in gained 3 of blind56's 44 misses: left out.
FOLDED = tuple(f"blind{n}" for n in range(4, 37))
FOLDS = 5
FALSE_ALARM_AIM = 0.01    # of the ordinary corpus, for the model alone
HARD_AIM = 0.05           # of the hard negatives, for the model alone
COUNSELLOR_AIM = 0.01     # of the counsellor lines, for the model alone
# Each counsellor line weighs a fifth of another negative. At full weight second-person words
# ("yourself") became evidence of ordinary talk and the cross-validated suicide recall fell
# (605 -> 599 of 864); at a quarter one withdrawal message was lost; at a fifth every category
# holds or gains, and the fire rate on the partner's held-out counsellor lines still falls.
COUNSELLOR_WEIGHT = 0.2
# Client turns of counselling sessions as transcribed speech (corpus/spoken.txt) read as a crisis
# by the learned layer 6.9 % of the time with no crisis word in them (long turns about family,
# pills, the car): each weighs a fifth of another negative, outside the balance like the
# counsellor lines. With blind24-32 folded in too, the held-out session turns fire 3.9 % against
# 10.5 % and the batches written after (blind33-36) keep their recall (docs/safety-figures.md).
SPOKEN_WEIGHT = 0.2
EXTRA_WEIGHTS = {"counsellor": COUNSELLOR_WEIGHT, "spoken": SPOKEN_WEIGHT}
MIN_WORDS = 3             # shorter messages are left to the rules
SECOND_CATEGORY = 0.5     # a second category is named when its own score is at least this


@dataclass
class Example:
    text: str
    label: str | None        # category, or None for an everyday message
    kind: str                # positive, ordinary, counsellor, everyday, hard
    # the other categories of a message written for several: each category's row learns it too
    # (the fresh several-category lines of blind37-40 all named: 65 -> 74 of 100, another
    # category added to 8 more of 676 one-category lines)
    also: tuple[str, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        return (self.label, *self.also) if self.label is not None else ()


def _lines(path: Path) -> list[str]:
    return [raw.strip() for raw in path.read_text(encoding="utf-8").splitlines()
            if raw.strip() and not raw.lstrip().startswith("#")]


def data_files() -> list[Path]:
    """Every file the model is trained on, in a fixed order."""
    folders = [SETS / "data"] + sorted(SETS.glob("heldout*")) + [SETS / b for b in FOLDED]
    files = [folder / f"{c}.txt" for folder in folders for c in CATEGORIES]
    files += [SETS / "data" / "either_category.txt"]
    files += [SETS / b / "several_categories.txt" for b in FOLDED]
    files += [SETS / "corpus" / f"crisis_{c}.txt" for c in CATEGORIES]
    files += [SETS / "data" / "negatives.txt", SETS / "data" / "hard_negatives.txt"]
    files += [folder / "hard_negatives.txt" for folder in folders[1:]]
    files += [SETS / "corpus" / "ordinary.txt", SETS / "corpus" / "practice_answers.txt"]
    files += [SETS / "corpus" / "spoken.txt"]
    files += [SETS / "corpus" / "counsellor.txt", SETS / "corpus" / "hard_hand.txt"]
    files += [SETS / "corpus" / "hard_written.txt"]
    return [f for f in files if f.exists()]


def data_hash(files: list[Path] | None = None) -> str:
    digest = hashlib.sha256()
    for path in files or data_files():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def examples(files: list[Path] | None = None) -> list[Example]:
    """The examples of ``files`` (the learned layer's data_files() unless told), by file."""
    out: list[Example] = []
    for path in data_files() if files is None else files:
        name = path.stem
        if name in ("either_category", "several_categories"):
            for line in _lines(path):
                kinds, text = (part.strip() for part in line.split("|", 1))
                first, *also = kinds.split()
                out.append(Example(text, first, "positive", tuple(also)))
        elif name.removeprefix("crisis_") in CATEGORIES:
            out += [Example(t, name.removeprefix("crisis_"), "positive") for t in _lines(path)]
        elif name in ("ordinary", "ordinary_hand", "practice_answers"):
            out += [Example(t, None, "ordinary") for t in _lines(path)]
        elif name in ("counsellor", "spoken", "client_turns"):  # client turns: session talk
            kind = "counsellor" if name == "counsellor" else "spoken"
            out += [Example(t, None, kind) for t in _lines(path)]
        elif name == "negatives":
            out += [Example(t, None, "everyday") for t in _lines(path)]
        else:
            out += [Example(t, None, "hard") for t in _lines(path)]
    return out


def matrix(texts: list[str]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for row, text in enumerate(texts):
        found = features(text, BITS, CHAR_MIN, CHAR_MAX, skip=SKIP_BIGRAMS)
        scale = 1.0 / np.sqrt(len(found)) if found else 0.0
        rows += [row] * len(found)
        cols += found
        vals += [scale] * len(found)
    return csr_matrix((np.array(vals), (np.array(rows), np.array(cols))),
                      shape=(len(texts), 1 << BITS))


def _fit(x: Any, y: np.ndarray, c: float,
         extra: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Logistic regression with the classes balanced. ``extra`` gives the negatives that add to
    the data without entering the balance (the counsellor lines, the session talk) their share
    of another negative's weight, 0 for the rest: so they do not make the rest of the everyday
    talk count for less."""
    from sklearn.linear_model import LogisticRegression

    if extra is None or not extra.any():
        model = LogisticRegression(solver="liblinear", C=c, class_weight="balanced",
                                   random_state=SEED, max_iter=1000)
        model.fit(x, y)
        return model.coef_[0], float(model.intercept_[0])
    core = extra == 0
    total, positive = int(core.sum()), int((y & core).sum())
    weight = np.where(y, total / (2.0 * positive), total / (2.0 * (total - positive)))
    weight = np.where(core, weight, weight * extra)
    model = LogisticRegression(solver="liblinear", C=c, random_state=SEED, max_iter=1000)
    model.fit(x, y, sample_weight=weight)
    return model.coef_[0], float(model.intercept_[0])


def fit_rows(x: Any, labels: list[tuple[str, ...]],
             extra: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Weights (buckets x 5) and biases: crisis or not, then each category against the others
    (on the crisis messages only)."""
    crisis = np.array([bool(label) for label in labels])
    coefs, biases = [], []
    coef, bias = _fit(x, crisis, C_CRISIS, extra)
    coefs.append(coef)
    biases.append(bias)
    positives = np.flatnonzero(crisis)
    for category in CATEGORIES:
        y = np.array([category in labels[i] for i in positives])
        coef, bias = _fit(x[positives], y, C_CATEGORY)
        coefs.append(coef)
        biases.append(bias)
    return np.stack(coefs, axis=1), np.array(biases)


def extra_weights(items: list[Example]) -> np.ndarray:
    """Each example's share of a negative's weight outside the balance (0: in it)."""
    return np.array([EXTRA_WEIGHTS.get(item.kind, 0.0) for item in items])


def score_rows(x, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """The same sums the bot does, with the float16 weights it reads."""
    return np.asarray(x @ weights.astype(np.float16).astype(np.float32)) + bias.astype(np.float32)


def folds(items: list[Example], k: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """A fold number per example, stratified by label and kind, seeded."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(items), dtype=int)
    groups: dict[tuple, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault((item.label, item.kind), []).append(i)
    # the extra lines last, so that adding them leaves the other folds as they were
    for key in sorted(groups, key=lambda key: (key[1] in EXTRA_WEIGHTS, str(key))):
        members = np.array(groups[key])
        rng.shuffle(members)
        fold[members] = np.arange(len(members)) % k
    return fold


def cross_validate(items: list[Example], x) -> np.ndarray:
    """Out-of-fold raw scores (examples x 5)."""
    labels = [item.categories for item in items]
    extra = extra_weights(items)
    fold = folds(items)
    out = np.zeros((len(items), 1 + len(CATEGORIES)), dtype=np.float32)
    for k in range(FOLDS):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        weights, bias = fit_rows(x[train], [labels[i] for i in train], extra[train])
        out[test] = score_rows(x[test], weights, bias)
    return out


def probabilities(items: list[Example], raw: np.ndarray) -> np.ndarray:
    """Crisis probability per example, 0 for those too short for the model (as the bot does)."""
    prob = 1.0 / (1.0 + np.exp(-raw.astype(np.float64)))
    long_enough = np.array([len(words_of(item.text)) >= MIN_WORDS for item in items])
    return np.where(long_enough, prob, 0.0)


def choose_threshold(items: list[Example], oof: np.ndarray) -> float:
    """The lowest crisis probability that keeps the held-out folds' false alarms within aims."""
    prob = probabilities(items, oof[:, 0])
    ordinary = np.sort(prob[[i for i, e in enumerate(items)
                              if e.kind == "ordinary"]])
    hard = np.sort(prob[[i for i, e in enumerate(items) if e.kind == "hard"]])
    counsellor = np.sort(prob[[i for i, e in enumerate(items) if e.kind == "counsellor"]])

    def at(sorted_scores: np.ndarray, share: float) -> float:
        allowed = int(np.floor(share * len(sorted_scores)))
        return float(sorted_scores[len(sorted_scores) - allowed - 1])

    aims = [at(ordinary, FALSE_ALARM_AIM), at(hard, HARD_AIM)]
    if len(counsellor):
        aims.append(at(counsellor, COUNSELLOR_AIM))
    return round(max(aims) + 1e-6, 6)


def cv_report(items: list[Example], oof: np.ndarray, threshold: float) -> dict:
    prob = probabilities(items, oof[:, 0])
    fired = prob >= threshold
    report: dict = {"threshold": threshold}
    for category in CATEGORIES:
        idx = [i for i, e in enumerate(items) if e.label == category]
        report[category] = f"{int(fired[idx].sum())}/{len(idx)}"
    for kind in ("ordinary", "counsellor", "spoken", "everyday", "hard"):
        idx = [i for i, e in enumerate(items) if e.kind == kind]
        report[f"false_alarms_{kind}"] = f"{int(fired[idx].sum())}/{len(idx)}"
    return report


def train() -> tuple[bytes, dict]:
    items = examples()
    x = matrix([item.text for item in items])
    oof = cross_validate(items, x)
    threshold = choose_threshold(items, oof)
    weights, bias = fit_rows(x, [item.categories for item in items], extra_weights(items))
    weights = weights.astype(np.float16)
    used = np.flatnonzero(np.any(weights != 0, axis=1)).astype(np.uint32)
    header = {
        "bits": BITS, "char_min": CHAR_MIN, "char_max": CHAR_MAX, "threshold": threshold,
        "skip_bigrams": SKIP_BIGRAMS,
        "second_category": SECOND_CATEGORY, "min_words": MIN_WORDS, "categories": list(CATEGORIES),
        "rows": 1 + len(CATEGORIES), "buckets": int(len(used)), "data_sha256": data_hash(),
        "examples": len(items), "cv": cv_report(items, oof, threshold),
        "trainer": "scikit-learn LogisticRegression liblinear, classes balanced without the "
                   "counsellor lines and the session talk",
        "C": [C_CRISIS, C_CATEGORY], "seed": SEED,
    }
    return write_model(header, used.tolist(), weights[used].ravel().tolist(),
                       bias.astype(np.float32).tolist()), header


def same_model(shipped: bytes, trained: bytes) -> bool:
    """The same header, buckets and weights, but for float rounding: should a processor still
    sum in another order than the pinned OpenBLAS kernel (between two hosts once: 1,448 of
    566,500 weights one float16 step apart, every figure of the header the same), a weight may
    differ by one step of its float16 value or by 1e-5, nothing more."""
    if shipped == trained:
        return True
    (head_a, index_a, weights_a, bias_a), (head_b, index_b, weights_b, bias_b) = (
        read_model(shipped), read_model(trained))
    if head_a != head_b or index_a != index_b:
        return False
    a, b = np.array(weights_a, dtype=np.float16), np.array(weights_b, dtype=np.float16)
    step = np.maximum(np.spacing(np.maximum(np.abs(a), np.abs(b))), 1e-5)
    return bool(np.all(np.abs(a.astype(np.float32) - b.astype(np.float32)) <= step)
                and np.allclose(bias_a, bias_b, rtol=1e-5, atol=1e-5))


def main(argv: list[str] | None = None) -> int:
    return run(argv, prog="python -m tests.safety.train_screen", train=train,
               default_out=MODEL_PATH, what="model", target="train-screen", same=same_model)


if __name__ == "__main__":
    sys.exit(main())
