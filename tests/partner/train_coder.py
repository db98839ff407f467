"""Training the practice partner's coder (``make train-coder``). Needs the `train` extra
(scikit-learn); the bot reads the result with bot/partner/coder.py.

    python -m tests.partner.train_coder            # writes dialogs/partner/coder_model.bin
    python -m tests.partner.train_coder --check    # trains in memory; exit 1 unless bytes match

Trained on tests/partner/corpus/train.tsv only; heldout.tsv and heldout_free.tsv are never
read here. One-vs-rest logistic regression per code (liblinear: single-threaded and seeded,
so the same data gives the same bytes). The header keeps 5-fold cross-validated accuracy per
code and the SHA-256 of the training data.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

# OpenBLAS picks its kernels by processor, and an AVX-512 kernel sums in another order than
# an AVX2 one (the screen's weights moved by up to 4e-3 between two hosts): one kernel on
# every x86-64 host gives the same bytes. Set before numpy loads OpenBLAS.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import numpy as np  # noqa: E402

from bot.partner.coder import CODES, MODEL_PATH, buckets, family
from bot.safety.model import write_model
from tests.train_cli import run

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "partner" / "corpus"
TRAIN = CORPUS / "train.tsv"
BITS = 16
CHAR_MIN, CHAR_MAX = 4, 5   # longer pieces only: word stems, not topic spelling
C = 0.3
SEED = 18
FOLDS = 5


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            code, line = raw.split("\t", 1)
            rows.append((code, line))
    return rows


def data_hash(path: Path = TRAIN) -> str:
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def matrix(texts: list[str]) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for row, text in enumerate(texts):
        found = buckets(text, BITS, CHAR_MIN, CHAR_MAX)
        scale = 1.0 / np.sqrt(len(found)) if found else 0.0
        rows += [row] * len(found)
        cols += found
        vals += [scale] * len(found)
    return csr_matrix((np.array(vals), (np.array(rows), np.array(cols))),
                      shape=(len(texts), 1 << BITS))


def fit(x: Any, labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Weights (buckets x codes) and one bias per code, each code against the rest."""
    from sklearn.linear_model import LogisticRegression

    coefs, biases = [], []
    for code in CODES:
        y = np.array([label == code for label in labels])
        model = LogisticRegression(solver="liblinear", C=C, class_weight="balanced",
                                   random_state=SEED, max_iter=1000)
        model.fit(x, y)
        coefs.append(model.coef_[0])
        biases.append(float(model.intercept_[0]))
    return np.stack(coefs, axis=1), np.array(biases)


def predict(x: Any, weights: np.ndarray, bias: np.ndarray) -> list[str]:
    raw = np.asarray(x @ weights.astype(np.float16).astype(np.float32)) + bias.astype(np.float32)
    return [CODES[i] for i in raw.argmax(axis=1)]


def folds(labels: list[str]) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    fold = np.zeros(len(labels), dtype=int)
    for code in CODES:
        members = np.array([i for i, label in enumerate(labels) if label == code])
        rng.shuffle(members)
        fold[members] = np.arange(len(members)) % FOLDS
    return fold


def report(labels: list[str], guesses: list[str]) -> dict:
    out: dict = {}
    for code in CODES:
        idx = [i for i, label in enumerate(labels) if label == code]
        right = sum(guesses[i] == code for i in idx)
        out[code] = f"{right}/{len(idx)}"
    out["all"] = f"{sum(a == b for a, b in zip(labels, guesses, strict=False))}/{len(labels)}"
    same = sum(family(a) == family(b) for a, b in zip(labels, guesses, strict=True))
    out["family"] = f"{same}/{len(labels)}"
    return out


def cross_validate(texts: list[str], labels: list[str]) -> dict:
    x = matrix(texts)
    fold = folds(labels)
    guesses = [""] * len(labels)
    for k in range(FOLDS):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        weights, bias = fit(x[train], [labels[i] for i in train])
        for i, guess in zip(test, predict(x[test], weights, bias), strict=False):
            guesses[i] = guess
    return report(labels, guesses)


def train() -> tuple[bytes, dict]:
    rows = read_tsv(TRAIN)
    texts, labels = [t for _, t in rows], [c for c, _ in rows]
    cv = cross_validate(texts, labels)
    weights, bias = fit(matrix(texts), labels)
    weights = weights.astype(np.float16)
    used = np.flatnonzero(np.any(weights != 0, axis=1)).astype(np.uint32)
    header = {
        "bits": BITS, "char_min": CHAR_MIN, "char_max": CHAR_MAX, "codes": list(CODES),
        "rows": len(CODES), "buckets": int(len(used)), "data_sha256": data_hash(),
        "examples": len(rows), "cv": cv, "C": C, "seed": SEED,
        "trainer": "scikit-learn LogisticRegression liblinear, one-vs-rest, balanced",
    }
    return write_model(header, used.tolist(), weights[used].ravel().tolist(),
                       bias.astype(np.float32).tolist()), header


def main(argv: list[str] | None = None) -> int:
    return run(argv, prog="python -m tests.partner.train_coder", train=train, default_out=MODEL_PATH, what="coder",
               target="train-coder")


if __name__ == "__main__":
    sys.exit(main())
