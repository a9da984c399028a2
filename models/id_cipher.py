"""The 身份证号 at rest: AES-256-GCM ciphertext, plus an HMAC-SHA256 digest to find and dedupe it.

Both keys come from one master key (`JOBBRIDGE_ID_KEY`, else the instance folder's `id_key`;
settings.id_key) through HKDF with different labels: the digest column is unique and
searchable, and knowing a digest tells nothing about the encryption key. A digest rather
than deterministic encryption, because an ID number has little entropy (area, birth date,
three digits): without the key nobody can test guesses against the column.

The key is process-wide: create_app configures it from its settings; a process that never
builds the app (an Alembic run, a Python shell, the tests' bare sessions) reads it on first use
exactly as create_app does.
"""

import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from settings import id_key, instance_path

NONCE_BYTES = 12  # random per value; NIST allows 2^32 encryptions per key, far above a district
ENCRYPTION_LABEL = b"jobbridge candidates.id_number aes-256-gcm"
DIGEST_LABEL = b"jobbridge candidates.id_number hmac-sha256"


class IdCipher:
    def __init__(self, master_key: str):
        self._aead = AESGCM(_derive(master_key, ENCRYPTION_LABEL))
        self._digest_key = _derive(master_key, DIGEST_LABEL)

    def seal(self, number: str) -> bytes:
        """Nonce followed by ciphertext and tag."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, number.encode(), None)

    def open(self, sealed: bytes) -> str:
        """The number; cryptography's InvalidTag when the value or the key is not the right one."""
        return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], None).decode()

    def digest(self, number: str) -> str:
        return hmac.new(self._digest_key, number.encode(), hashlib.sha256).hexdigest()


def _derive(master_key: str, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(master_key.encode())


_current: IdCipher | None = None


def configure(master_key: str) -> None:
    global _current
    _current = IdCipher(master_key)


def current() -> IdCipher:
    if _current is None:
        configure(id_key(os.environ, instance_path(os.environ)))
    return _current
