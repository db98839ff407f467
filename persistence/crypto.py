"""Encryption at rest for everything a client types.

AES-256-GCM with a random 96-bit nonce. A sealed value is::

    b"\\x01" | key id (4 bytes) | nonce (12 bytes) | ciphertext + tag

The key id is a hash of the key, so a value sealed under another key is reported as a key
problem (``DataKeyError``), never decrypted into garbage. The associated data names what the
value is and whose it is (``b"conversation|42"``), so a blob copied into another column or onto
another user's row does not decrypt either.

Keys are 32 random bytes written as URL-safe base64 (44 characters); make one with
``python -m persistence.keygen``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import DataKeyError

log = logging.getLogger(__name__)

KEY_ENV = "BETWEEN_DATA_KEY"
FORMAT = 1
_HEADER = 1 + 4 + 12
_CHECK_PLAINTEXT = b"between-sessions key check v1"
_CHECK_AAD = b"meta.key_check"


def generate_key() -> str:
    """A new random data key in the form ``BETWEEN_DATA_KEY`` expects."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def parse_key(text: str | bytes, *, source: str = KEY_ENV) -> bytes:
    """Decode a data key; a malformed key is a ``DataKeyError`` that says how to make one."""
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    text = text.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise DataKeyError(
            f"{source} is not a valid data key: it must be 32 random bytes in URL-safe base64 "
            f"(44 characters). Make one with: python -m persistence.keygen"
        )
    return raw


class Cipher:
    """Seals and opens values with one data key."""

    __slots__ = ("_aead", "key_id", "_index_key")

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise DataKeyError("a data key must be 32 bytes")
        self._aead = AESGCM(key)
        self.key_id = hashlib.sha256(b"between key id\x00" + key).digest()[:4]
        self._index_key = hashlib.sha256(b"between blind index\x00" + key).digest()

    # -- bytes ---------------------------------------------------------------------------
    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        return bytes((FORMAT,)) + self.key_id + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        if len(blob) < _HEADER + 16 or blob[0] != FORMAT:
            raise DataKeyError(
                "a stored value is not in the store's encrypted format (damaged data?)"
            )
        if blob[1:5] != self.key_id:
            raise DataKeyError(
                f"{KEY_ENV} does not match the key this data was written with "
                f"(key id {blob[1:5].hex()}, given key has id {self.key_id.hex()})"
            )
        try:
            return self._aead.decrypt(blob[5:17], blob[17:], aad)
        except InvalidTag:
            raise DataKeyError(
                "a stored value failed its integrity check: it was changed, moved to another row, "
                "or damaged"
            ) from None

    # -- JSON / text -----------------------------------------------------------------------
    def seal_json(self, value: Any, aad: bytes) -> bytes:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return self.seal(data, aad)

    def open_json(self, blob: bytes, aad: bytes) -> Any:
        return json.loads(self.open(blob, aad))

    def seal_text(self, text: str, aad: bytes) -> bytes:
        return self.seal(text.encode(), aad)

    def open_text(self, blob: bytes, aad: bytes) -> str:
        return self.open(blob, aad).decode()

    def index(self, text: str) -> bytes:
        """A keyed hash for looking a secret up by equality (plans by substance)."""
        return hmac.new(self._index_key, text.strip().casefold().encode(), "sha256").digest()[:16]

    # -- key check value ---------------------------------------------------------------------
    def check_value(self) -> bytes:
        return self.seal(_CHECK_PLAINTEXT, _CHECK_AAD)

    def verify_check_value(self, blob: bytes) -> None:
        try:
            ok = self.open(blob, _CHECK_AAD) == _CHECK_PLAINTEXT
        except DataKeyError:
            ok = False
        if not ok:
            raise DataKeyError(
                f"{KEY_ENV} does not match the key this database was written with. Set it to "
                f"the original key (or restore the key file); nothing was read or written."
            )


def aad(purpose: str, user_id: int) -> bytes:
    return f"{purpose}|{user_id}".encode()


# -- key file beside an embedded SQLite database -------------------------------------------


def read_key_file(path: Path) -> bytes:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("data key file %s is readable by others (mode %o); chmod 600 it", path, mode)
    return parse_key(path.read_text(), source=f"key file {path}")


def create_key_file(path: Path) -> bytes:
    """Write a new key into ``path`` with mode 0600 (fails if the file appeared meanwhile)."""
    text = generate_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        os.write(fd, (text + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
    return parse_key(text)
