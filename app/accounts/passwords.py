"""Password hashing with argon2id at OWASP strength; pure, no Flask."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

#: OWASP's argon2id minimum is m=19 MiB, t=2, p=1; we take more memory.
STRONG = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)
#: For the test suite only: the same algorithm with a cheap cost.
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def hash_password(password: str, fast: bool = False) -> str:
    """An argon2id hash of `password`."""
    return (FAST if fast else STRONG).hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches; False for a mismatch or an unreadable hash."""
    try:
        return STRONG.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """A hash to verify against when the e-mail is unknown, so that a wrong e-mail
    costs as much time as a wrong password and does not reveal which accounts exist."""
    return STRONG.hash("not-a-real-password")
