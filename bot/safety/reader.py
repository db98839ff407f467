"""The crisis screen's reader: a small pretrained sentence encoder (all-MiniLM-L6-v2,
Apache-2.0) fine-tuned on the screen's data (tests/safety/train_reader.py).

Where the rules and the n-gram layer know words, the reader has learned from its pretraining
how wording relates, so it reads wording no one tuned for: on the six batches never read it
parted crisis from close everyday lines better than either (docs/safety.md, "The reader").
The screen asks it one thing (screen.py): is a message nothing else screened, and the n-gram
layer leans towards, a crisis (a score of ``fire`` or more)?

The model file (dialogs/safety/screen_reader.onnx) is ONNX, its weights stored in 8 bits and
widened to 32-bit floats when it loads, run by onnxruntime; its metadata holds the bars, the
categories and the SHA-256 of the training data. Its sums are all in floats: a message reads
the same alone as in a batch (8-bit sums scale a batch's values together, and did not).
The tokenizer (screen_reader_tokenizer.json) is the encoder's own WordPiece vocabulary.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .model import ModelVerdict, verdict_of

if TYPE_CHECKING:
    import numpy as np

READER_NAME = "screen_reader.onnx"
TOKENIZER_NAME = "screen_reader_tokenizer.json"
READER_PATH = Path(__file__).resolve().parents[2] / "dialogs" / "safety" / READER_NAME
TOKENIZER_PATH = READER_PATH.with_name(TOKENIZER_NAME)
# a reply of a word or two is left to the rules, as the n-gram layer leaves it (model.py):
# too little to read, and the practices' answers are often that short
MIN_WORDS = 3
# messages read together (tests, the bench): of the same length, this many at a time
BATCH = 64

_loaded: dict[bytes, Reader] = {}  # the files' SHA-256 -> the reader read from them


def load_tokenizer(path: Path, max_tokens: int) -> Any:
    """The encoder's tokenizer, each message cut at ``max_tokens``: unpadded (its file pads to
    128), as the reader reads batches of its own width."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_tokens)
    return tokenizer


def _session(data: bytes) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # one thread: the bot screens one message at a time, beside the other turns
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # the 8-bit weights widened once at load, not on every read (the file's only 8-bit
    # nodes are those; onnxruntime otherwise keeps them for 8-bit sums it has not got)
    options.add_session_config_entry("session.disable_quant_qdq", "1")
    return onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])


class ReaderFiles(NamedTuple):
    data: bytes  # the model file
    tokenizer_path: Path
    digest: bytes  # the SHA-256 of both files: the reader's version


def read_files(path: str | Path = READER_PATH) -> ReaderFiles:
    """The reader's file and the tokenizer's path beside it, read and hashed once."""
    path = Path(path)
    data = path.read_bytes()
    tokenizer_path = path.with_name(TOKENIZER_NAME)
    digest = hashlib.sha256(data)
    digest.update(tokenizer_path.read_bytes())
    return ReaderFiles(data, tokenizer_path, digest.digest())


class Reader:
    """A reader. ``read(text)``: the crisis score and each category's, or None for a message
    too short to read.

    Opening the encoder (onnxruntime's import and session, the tokenizer) takes about a third
    of a second: a reader whose file was checked before (``metadata`` known) opens when it
    first reads, or when ``open()`` is called (the bot does, in its screening thread, so the
    first prompt does not wait for it)."""

    def __init__(
        self, data: bytes, tokenizer_path: Path, metadata: dict[str, str], session: Any = None
    ):
        self._data = data if session is None else b""  # kept until the session is made
        self._tokenizer_path = tokenizer_path
        self._session = session
        self._tokenizer: Any = None
        self._opening = threading.Lock()
        self.metadata = metadata
        self.fire = float(metadata["fire"])
        self.second = float(metadata.get("second_category", "0.5"))
        self.categories = tuple(json.loads(metadata["categories"]))

    @classmethod
    def from_bytes(cls, data: bytes, tokenizer_path: Path = TOKENIZER_PATH) -> Reader:
        """The reader in ``data``, opened now (a damaged file raises here)."""
        session = _session(data)
        metadata = dict(session.get_modelmeta().custom_metadata_map)
        return cls(data, tokenizer_path, metadata, session)

    @classmethod
    def load(
        cls, source: str | Path | ReaderFiles = READER_PATH, metadata: dict[str, str] | None = None
    ) -> Reader:
        """The reader in the file (and the tokenizer beside it), or in files already read
        (read_files), made once per process for each version of the files. With its
        ``metadata`` known (the file checked before), it opens when first needed; without, now."""
        files = source if isinstance(source, ReaderFiles) else read_files(source)
        reader = _loaded.get(files.digest)
        if reader is None:
            if metadata is None:
                reader = cls.from_bytes(files.data, files.tokenizer_path)
            else:
                reader = cls(files.data, files.tokenizer_path, metadata)
            _loaded.clear()  # the newest version only
            _loaded[files.digest] = reader
        return reader

    def open(self) -> None:
        """Open the encoder and the tokenizer, if not yet open (any thread, once)."""
        with self._opening:
            if self._session is None:
                self._session = _session(self._data)
                self._data = b""  # the session holds the weights now
            if self._tokenizer is None:
                self._tokenizer = load_tokenizer(
                    self._tokenizer_path, int(self.metadata["max_tokens"])
                )

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Scores (messages x 5: crisis, then each category), read in batches of messages of
        the same number of tokens: a padded batch reads otherwise than a message on its own
        (the exported graph's attention lets padding in), and the bot reads one at a time."""
        import numpy as np

        self.open()
        ids = [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(ids), 1 + len(self.categories)), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for i, row in enumerate(ids):
            by_length.setdefault(len(row), []).append(i)
        for same in by_length.values():
            for start in range(0, len(same), BATCH):
                batch = same[start : start + BATCH]
                tokens = np.array([ids[i] for i in batch], dtype=np.int64)
                feed = {"input_ids": tokens, "mask": np.ones_like(tokens)}
                (found,) = self._session.run(None, feed)
                out[batch] = found
        return out

    def read(self, text: str) -> ModelVerdict | None:
        return self.read_all([text])[0]

    def read_all(self, texts: Sequence[str]) -> list[ModelVerdict | None]:
        """Each message's reading, None for one too short to read."""
        long_enough = [i for i, text in enumerate(texts) if len(text.split()) >= MIN_WORDS]
        found: list[ModelVerdict | None] = [None] * len(texts)
        if long_enough:
            scores = self.scores([texts[i] for i in long_enough])
            for i, row in zip(long_enough, scores.tolist(), strict=True):
                found[i] = verdict_of(row[0], row[1:], self.categories, self.second)
        return found
