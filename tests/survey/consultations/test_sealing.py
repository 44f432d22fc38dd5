"""Sealed answers and drafts: what the tally key opens, and what nothing else does."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag

from survey.consultations import sealing

FAST = 2**10  # scrypt's cost for tests; the service uses sealing.SCRYPT_N
PASSPHRASE = "guardians of the tally 2012"


def test_an_answer_opens_only_with_the_passphrase_that_made_the_key() -> None:
    key = sealing.new_tally_key(PASSPHRASE, n=FAST)
    sealed = sealing.seal_answer(key.public_key, {"overall": 4, "comment": "bene"})

    private = sealing.tally_private_key(PASSPHRASE, key, n=FAST)

    assert sealing.open_answer(private, sealed) == {"overall": 4, "comment": "bene"}
    with pytest.raises(sealing.WrongTallyKey):
        sealing.tally_private_key(PASSPHRASE + "!", key, n=FAST)


def test_a_key_made_from_another_passphrase_opens_nothing() -> None:
    key = sealing.new_tally_key(PASSPHRASE, n=FAST)
    other = sealing.new_tally_key("another passphrase entirely", n=FAST)
    sealed = sealing.seal_answer(key.public_key, {"overall": 4})

    with pytest.raises(InvalidTag):
        sealing.open_answer(
            sealing.tally_private_key("another passphrase entirely", other, n=FAST), sealed
        )


def test_every_sealed_answer_has_the_same_length_and_none_repeats() -> None:
    key = sealing.new_tally_key(PASSPHRASE, n=FAST)
    short = sealing.seal_answer(key.public_key, {})
    long = sealing.seal_answer(key.public_key, {"comment": "x" * 4000, "overall": 5})
    again = sealing.seal_answer(key.public_key, {})

    assert len(short) == len(long) == len(again) == sealing.SEALED_BYTES
    assert short != again


def test_an_answer_too_long_to_pad_is_refused() -> None:
    key = sealing.new_tally_key(PASSPHRASE, n=FAST)
    with pytest.raises(sealing.AnswerTooLong):
        sealing.seal_answer(key.public_key, {"comment": "x" * sealing.PADDED_BYTES})


def test_a_short_passphrase_is_refused_naming_the_field() -> None:
    with pytest.raises(sealing.WeakPassphrase) as refused:
        sealing.new_tally_key("short")
    assert refused.value.field == "tally_passphrase"


def test_a_draft_opens_with_its_own_link_only_and_carries_no_readable_time() -> None:
    sealed = sealing.seal_draft("link-token-one", {"q1": 3})

    assert sealing.open_draft("link-token-one", sealed) == {"q1": 3}
    assert sealing.open_draft("link-token-two", sealed) == {}
    assert sealing.open_draft("link-token-one", sealed[:-4] + "AAAA") == {}
    assert sealing.open_draft("link-token-one", None) == {}
    # Two seals of the same draft share nothing: no fixed prefix, no version, no time.
    again = sealing.seal_draft("link-token-one", {"q1": 3})
    assert again[:8] != sealed[:8]
