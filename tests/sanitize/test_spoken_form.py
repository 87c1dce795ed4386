"""mask_pii on PII as speech-to-text writes it: pauses, confirmations, read-backs (policy: docs/guard.md §1).

Every value here is synthetic: 110105199003071239 and 44030619851120456X pass GB 11643, the cards pass
Luhn, and EF6285070 happens to pass the Hong Kong ID check as well as looking like a passport.
"""

from __future__ import annotations

import pytest

from service.sanitize import mask_pii
from service.sanitize.digits import to_digit_view

MASKED = [
    # Confirmations and sentence pauses between the groups of one number.
    ("手机幺三八，对，零零幺三，对吧，八零零零", "手机<PHONE_1>"),
    ("电话一三八零零。对，一三八零零零", "电话<PHONE_1>"),
    ("身份证号是，四四零三零六，就是幺九八五幺幺二零…嗯…四五六，然后，那个，叉", "身份证号是，<ID_CARD_1>"),
    # The X check digit after a pause, said as a word, or as "capital X".
    ("身份证四四零三零六幺九八五幺幺二零四五六 艾克斯", "身份证<ID_CARD_1>"),
    ("身份证 44030619851120456 大写的X", "身份证 <ID_CARD_1>"),
    # Letters, then digits in groups.
    ("护照号码 E 幺二三四 五六七八", "护照号码 <PASSPORT_1>"),
    ("港澳通行证 C 幺二三四，五六七八", "港澳通行证 <PERMIT_1>"),
    ("车牌京 A12345", "车牌<PLATE_1>"),
    # Dictated e-mail: a QQ number in groups, @ or . said or written, 下划线, sub-domains.
    ("邮箱 幺二三四五 六七八九 艾特 qq 点 com", "邮箱 <EMAIL_1>"),
    ("邮箱 zhang下划线san艾特vip点163点com", "邮箱 <EMAIL_1>"),
    ("邮箱zhangsan艾特qq.com", "邮箱<EMAIL_1>"),
    ("邮箱zhangsan@qq点com", "邮箱<EMAIL_1>"),
    ("邮箱 chen点jing at sina点com", "邮箱 <EMAIL_1>"),
]
UNTOUCHED = [
    "订单号是，嗯，幺三八零零幺三八零零零",  # the reference word, then a pause
    "房源编号，就是一七三 五八二 七三两六五",  # the word covers every group of the number
    "预算五千八 6300 6800 7300都行",  # 八 ends the amount 五千八
    "预算6200 6500 6800 7000",  # round amounts, though it starts like a UnionPay card
    "预算5199 5499 5799 6099的都可以",  # rising prices with one ending, though Luhn-valid
    "预算4000 4500 4800 5000 5千都行",  # 5 is the head of 5千
    "看了1302、1503、808室",  # a room number, not the end of a phone number
    "1705、1302、602这几间都看过了",  # a list of rooms
    "房价2015 2016 2017 2018涨了不少",  # years: Luhn-valid, but no card issuer starts with 2015
    "look at example.com for details",  # after the English "at", a dictated dot is said (dot, 点)
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_spoken_pii_with_pauses_and_confirmations_is_masked(text: str, expected: str) -> None:
    assert mask_pii(text).text == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_spoken_amounts_lists_and_references_pass_untouched(text: str) -> None:
    assert mask_pii(text).text == text


def test_spoken_x_keeps_the_digit_view_as_long_as_the_text() -> None:
    text = "四五六艾克斯"
    assert to_digit_view(text) == "456  X"


def test_plus_86_said_aloud_is_masked_with_the_number() -> None:
    assert mask_pii("加八六 幺三八 零零幺三 八零零零").text == "<PHONE_1>"


def test_add_before_a_plain_number_is_a_word_not_a_plus() -> None:
    assert mask_pii("加我 13800138000").text == "加我 <PHONE_1>"


def test_number_read_back_without_its_lead_in_is_masked_too() -> None:
    result = mask_pii("座机六二三四五六七八，我再说一遍，六二三四五六七八")
    assert result.text == "座机<PHONE_1>，我再说一遍，<PHONE_1>"


def test_landline_right_after_a_mobile_in_one_run_is_masked() -> None:
    assert mask_pii("13800138000，010-62345678").text == "<PHONE_1>，<PHONE_2>"


def test_luhn_valid_card_does_not_swallow_the_next_number() -> None:
    assert mask_pii("卡号6212 7355 5632 0572。010-9799-1194").text == "卡号<BANK_CARD_1>。<PHONE_1>"


def test_phone_said_twice_is_not_one_card() -> None:
    text = "我手机八六１８１ ６６ １０  ７１ ２２，对，就是八六１８１ ６６ １０  ７１ ２２"
    assert mask_pii(text).text == "我手机<PHONE_1>，对，就是<PHONE_1>"


def test_local_number_said_twice_is_not_one_unionpay_card() -> None:
    text = "办公室电话 六二四一七八一九，对，就是六二四一七八一九"
    assert mask_pii(text).text == "办公室电话 <PHONE_1>，对，就是<PHONE_1>"


def test_digits_of_a_permit_are_not_read_again_as_a_phone() -> None:
    text = "通行证C 三五 二二 幺九 二八，幺三幺 五三九幺 八零三九"
    assert mask_pii(text).text == "通行证<PERMIT_1>，<PHONE_1>"


def test_e_letter_seven_digits_is_a_passport_even_without_the_word() -> None:
    assert mask_pii("护照号EF6285070，对，就是EF6285070").text == "护照号<PASSPORT_1>，对，就是<PASSPORT_1>"


def test_plate_letter_does_not_start_a_passport() -> None:
    assert mask_pii("车牌湘E一五七八一。零幺零 六二三四 五六七八").text == "车牌<PLATE_1>。<PHONE_1>"


def test_document_said_twice_in_two_spellings_gets_one_placeholder() -> None:
    result = mask_pii(
        "邮箱 zhang_san at qq dot com，对，zhang_san艾特qq点com；护照E 幺二三四 五六七八，就是E12345678"
    )
    assert result.text == "邮箱 <EMAIL_1>，对，<EMAIL_1>；护照<PASSPORT_1>，就是<PASSPORT_1>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我电话13800138000一直打不通", "我电话<PHONE_1>一直打不通"),
        ("电话是13800138000两个号都行", "电话是<PHONE_1>两个号都行"),
        ("13800138000三个人住", "<PHONE_1>三个人住"),
        ("身份证110105199003071239一起登记", "身份证<ID_CARD_1>一起登记"),
        ("周一13800138000", "周一<PHONE_1>"),
        ("电话幺三八零零幺三八零零幺号码", "电话<PHONE_1>号码"),  # 号码 is no measure word
    ],
)
def test_numeral_that_starts_or_ends_a_word_does_not_join_the_number(text: str, expected: str) -> None:
    assert mask_pii(text).text == expected


def test_landline_after_a_lone_numeral_is_masked() -> None:
    assert mask_pii("星期三 010 6234 5678").text == "星期三 <PHONE_1>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前三位幺三八，中间四位零零幺三，最后四位八零零零", "前三位<PHONE_1>"),
        ("手机138横杠0013横杠8000", "手机<PHONE_1>"),
    ],
)
def test_positions_and_spoken_dashes_between_groups_are_pauses(text: str, expected: str) -> None:
    assert mask_pii(text).text == expected


def test_phone_then_a_price_is_not_a_legacy_id() -> None:
    text = "电话幺三九零，对的，四四五零，对吧，幺二二，6500的也行"
    assert mask_pii(text).text == "电话<PHONE_1>，6500的也行"


def test_plate_letter_after_a_dot_is_not_a_passport() -> None:
    assert mask_pii("车牌晋Q·G3424，6500的也行").text == "车牌<PLATE_1>，6500的也行"


def test_bare_86_and_a_landline_shape_is_no_phone() -> None:
    text = "座机 捌陆肆零，就是零叁肆伍，对，就是捌陆肆零，就是零叁肆伍"
    assert mask_pii(text).text == "座机 <PHONE_1>，对，就是<PHONE_1>"


def test_number_after_a_budget_word_is_money_not_the_start_of_a_phone() -> None:
    assert mask_pii("预算6500，13390307897，谢谢").text == "预算6500，<PHONE_1>，谢谢"


def test_price_then_phone_is_not_a_legacy_id() -> None:
    assert mask_pii("5000 15741019761，谢谢").text == "5000 <PHONE_1>，谢谢"


def test_phone_written_in_groups_after_a_pause_starts_after_the_pause() -> None:
    assert mask_pii("1502，188 0204 4501").text == "1502，<PHONE_1>"


def test_reference_word_covers_only_the_number_after_it() -> None:
    assert mask_pii("房号1502，13800138000").text == "房号1502，<PHONE_1>"
