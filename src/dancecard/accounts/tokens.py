"""Secrets handed out once (sign-in links, invitations, API tokens): only their hash is stored.

They carry 256 bits from the OS's CSPRNG, so a fast hash is enough: nobody can guess one, and a
leaked database does not give them away."""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
