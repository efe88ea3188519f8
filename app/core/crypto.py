"""NIK protection at rest: AES-GCM ciphertext, plus an HMAC-SHA256 for uniqueness look-ups.

Keys come from configuration (NIK_ENC_KEYS: newest first, so that rotation can still read
old rows; NIK_HMAC_KEY). Each ciphertext starts with the id of the key that made it."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

NONCE_BYTES = 12


def _b64(value: str) -> bytes:
    return base64.urlsafe_b64decode(value.encode())


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _enc_keys() -> list[tuple[bytes, bytes]]:
    """[(key id, key)], newest first; the id is the first 4 bytes of the key's SHA-256."""
    keys = current_app.config["NIK_ENC_KEYS"]
    return [(hashlib.sha256(_b64(k)).digest()[:4], _b64(k)) for k in keys]


def encrypt_nik(nik: str) -> bytes:
    key_id, key = _enc_keys()[0]
    nonce = os.urandom(NONCE_BYTES)
    return key_id + nonce + AESGCM(key).encrypt(nonce, nik.encode(), key_id)


def decrypt_nik(blob: bytes | None) -> str:
    if not blob:
        return ""
    key_id, nonce, sealed = blob[:4], blob[4:4 + NONCE_BYTES], blob[4 + NONCE_BYTES:]
    for candidate_id, key in _enc_keys():
        if hmac.compare_digest(candidate_id, key_id):
            return AESGCM(key).decrypt(nonce, sealed, key_id).decode()
    raise ValueError("NIK was encrypted with a key that is no longer configured")


def needs_reencryption(blob: bytes) -> bool:
    return blob[:4] != _enc_keys()[0][0]


def nik_hash(nik: str) -> str:
    key = _b64(current_app.config["NIK_HMAC_KEY"])
    return hmac.new(key, nik.encode(), hashlib.sha256).hexdigest()


def keyed_hash(value: str, purpose: str) -> str:
    """A stable pseudonym for an identifier (a login, an address) that cannot be read back or
    guessed without the key: throttle keys and audit rows hold this, never the identifier."""
    key = _b64(current_app.config["NIK_HMAC_KEY"])
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()[:32]
