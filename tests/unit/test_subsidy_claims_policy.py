"""The rules of subsidy claims: states move only forward, files are known by their content."""

import pytest

from policy.errors import Conflict, Invalid
from policy.subsidy_claims import next_state, sniff


def test_a_claim_moves_only_forward():
    assert next_state("claimed", "approve") == "approved"
    assert next_state("approved", "pay") == "paid"
    for state, action in [("claimed", "pay"), ("paid", "reject"), ("rejected", "approve")]:
        with pytest.raises(Conflict):
            next_state(state, action)


@pytest.mark.parametrize("data, expected", [
    (b"%PDF-1.7\n", "application/pdf"), (b"\xff\xd8\xff\xdb", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n\x00", "image/png")])
def test_files_are_recognised_by_their_magic_bytes(data, expected):
    assert sniff(data)[0] == expected


@pytest.mark.parametrize("data", [b"", b"GIF89a", b"<html>%PDF-", b"%PDF-" + b"0" * 2_000_000])
def test_other_files_are_refused(data):
    with pytest.raises(Invalid):
        sniff(data)
