"""Password hashes: argon2id at or above OWASP's minimum."""

from __future__ import annotations

import pytest
from argon2 import Type, extract_parameters

from app.accounts.passwords import STRONG, hash_password, verify_password

pytestmark = pytest.mark.nodb

#: OWASP Password Storage Cheat Sheet: argon2id with m >= 19 MiB, t >= 2, p >= 1.
OWASP_MEMORY_KIB = 19 * 1024
OWASP_TIME = 2


def test_production_hashes_are_argon2id_at_owasp_strength():
    encoded = hash_password("ett långt lösenord")
    params = extract_parameters(encoded)
    assert encoded.startswith("$argon2id$")
    assert params.type is Type.ID
    assert params.memory_cost >= OWASP_MEMORY_KIB
    assert params.time_cost >= OWASP_TIME
    assert params.parallelism >= 1
    assert params.salt_len >= 16 and params.hash_len >= 32
    assert STRONG.type is Type.ID


def test_verify_accepts_the_right_password_only():
    encoded = hash_password("rätt lösenord", fast=True)
    assert verify_password(encoded, "rätt lösenord")
    assert not verify_password(encoded, "fel lösenord")
    assert not verify_password(encoded, "")


@pytest.mark.parametrize("broken", ["", "not a hash", "$argon2id$v=19$m=1,t=1,p=1$x$y", "\x00"])
def test_unreadable_hashes_never_verify(broken):
    assert verify_password(broken, "anything") is False


def test_the_same_password_gets_a_new_salt_each_time():
    assert hash_password("samma", fast=True) != hash_password("samma", fast=True)
