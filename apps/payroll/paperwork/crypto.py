"""Encryption at rest for the start pack's sensitive answers (bank account and routing numbers,
tax ids): Fernet (AES-128-CBC with an HMAC-SHA256) from the `cryptography` package.

The key is `settings.FIELD_ENCRYPTION_KEY` (env FIELD_ENCRYPTION_KEY: a Fernet key, 32 url-safe
base64 bytes, made by `Fernet.generate_key()`); without one, a key is derived from SECRET_KEY
(SHA-256 of a fixed label and the secret). Changing either makes the stored values unreadable, so
a production that sets SECRET_KEY per deploy must set FIELD_ENCRYPTION_KEY. The columns hold the
Fernet token only: model instances, history rows and backups carry the ciphertext, and a value is
decrypted only where a page shows it masked (`masked`).
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

UNREADABLE = "(unreadable: the encryption key changed)"


def _key() -> bytes:
    configured = getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    if configured:
        try:
            Fernet(configured)
        except ValueError as exc:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEY must be a Fernet key (Fernet.generate_key())"
            ) from exc
        return configured.encode() if isinstance(configured, str) else configured
    digest = hashlib.sha256(b"producer-desk field encryption\x00" + settings.SECRET_KEY.encode())
    return base64.urlsafe_b64encode(digest.digest())


def encrypt(values: dict[str, str]) -> str:
    """The values as one Fernet token (empty values are left out; nothing to keep: "")."""
    kept = {key: value for key, value in values.items() if value}
    if not kept:
        return ""
    return Fernet(_key()).encrypt(json.dumps(kept).encode()).decode()


def decrypt(token: str) -> dict[str, str] | None:
    """The values back; None when the key cannot read them."""
    if not token:
        return {}
    try:
        return json.loads(Fernet(_key()).decrypt(token.encode()))
    except InvalidToken:
        return None


def mask(value: str) -> str:
    """Only the last four characters shown: "•••• 6789"."""
    value = "".join(value.split())
    return "•••• " + value[-4:] if len(value) > 4 else "••••"


def masked(token: str) -> dict[str, str]:
    """The stored values, each masked to its last four."""
    values = decrypt(token)
    if values is None:
        return {"": UNREADABLE}
    return {key: mask(value) for key, value in values.items()}
