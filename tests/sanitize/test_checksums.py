"""Check-digit tests that decide whether a digit string is an ID or a card."""

from __future__ import annotations

import pytest

from service.sanitize.checksums import is_hk_id, is_luhn_valid, is_resident_id15, is_resident_id18, is_tw_id


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("110105199003071239", True),
        ("44030619851120456X", True),
        ("44030619851120456x", True),
        ("110105199003071234", False),  # check digit
        ("990105199003071230", False),  # no province 99
        ("110105199013071235", False),  # month 13
        ("110105210001011237", False),  # born in the future
    ],
)
def test_resident_id18_needs_checksum_province_and_real_birth_date(value: str, valid: bool) -> None:
    assert is_resident_id18(value) is valid


@pytest.mark.parametrize(("value", "valid"), [("110105900307123", True), ("110105901307123", False)])
def test_legacy_resident_id15_needs_a_real_birth_date(value: str, valid: bool) -> None:
    assert is_resident_id15(value) is valid


@pytest.mark.parametrize(("value", "valid"), [("4111111111111111", True), ("4111111111111112", False)])
def test_luhn(value: str, valid: bool) -> None:
    assert is_luhn_valid(value) is valid


@pytest.mark.parametrize(("value", "valid"), [("A123456789", True), ("A123456788", False)])
def test_taiwan_id_check_digit(value: str, valid: bool) -> None:
    assert is_tw_id(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"), [("A123456(3)", True), ("A1234563", True), ("A123456(4)", False)]
)
def test_hong_kong_id_check_digit(value: str, valid: bool) -> None:
    assert is_hk_id(value) is valid
