"""mask_pii: what is masked, what survives, and how placeholders are numbered (policy: docs/guard.md)."""

from __future__ import annotations

import pytest

from service.sanitize import PII_TYPES, mask_pii

# Valid test numbers: 110105199003071239 and 44030619851120456X pass GB 11643; the cards pass Luhn.
MASKED = [
    ("我电话13800138000，想在望京找两居", "我电话<PHONE_1>，想在望京找两居"),
    ("电话138-0013-8000", "电话<PHONE_1>"),
    ("电话 138 0013 8000", "电话 <PHONE_1>"),
    ("+86 138 0013 8000", "<PHONE_1>"),
    ("0086-13800138000", "<PHONE_1>"),
    ("座机010-62345678", "座机<PHONE_1>"),
    ("电话 (0755) 8888 6666", "电话 <PHONE_1>"),
    ("身份证110105199003071239", "身份证<ID_CARD_1>"),
    ("身份证44030619851120456x", "身份证<ID_CARD_1>"),
    ("老身份证号110105900307123", "老身份证号<ID_CARD_1>"),
    ("卡号6222021234567890128", "卡号<BANK_CARD_1>"),
    ("卡号 6222 0212 3456 7890 128", "卡号 <BANK_CARD_1>"),
    ("信用卡4111 1111 1111 1111", "信用卡<BANK_CARD_1>"),
    ("邮箱zhang.san@example.com谢谢", "邮箱<EMAIL_1>谢谢"),
    ("啦啦啦@126.com", "<EMAIL_1>"),  # RFC 6531: a local part in CJK
    ("我的邮箱是啦啦啦@126.com，谢谢", "我的邮箱是<EMAIL_1>，谢谢"),
    ("邮箱：张三@example.cn", "邮箱：<EMAIL_1>"),
    ("请把合同发到小磊的邮箱小磊@qq.com", "请把合同发到小磊的邮箱<EMAIL_1>"),
    ("车牌京A12345", "车牌<PLATE_1>"),
    ("新能源车牌沪AD12345", "新能源车牌<PLATE_1>"),
    ("护照号码是E12345678", "护照号码是<PASSPORT_1>"),
    ("港澳通行证C12345678", "港澳通行证<PERMIT_1>"),
    ("台湾身份证A123456789", "台湾身份证<ID_CARD_1>"),
    ("香港身份证A123456(3)", "香港身份证<ID_CARD_1>"),
    ("我叫王小明，想租房", "我叫<NAME_1>，想租房"),
    ("住在朝阳区建国路88号院3号楼502室，想换房", "住在<ADDRESS_1>，想换房"),
    ("你加我微信吧，微信号wxid_abc123", "你加我微信吧，微信号<ACCOUNT_1>"),
    ("我微信是zhang_san88，方便联系", "我微信是<ACCOUNT_1>，方便联系"),
    ("wechat id john_smith99", "wechat id <ACCOUNT_1>"),
    ("QQ号是三四五六七八九零一", "QQ号是<ACCOUNT_1>"),
    ("微信号13800138000", "微信号<PHONE_1>"),  # a WeChat ID that is a phone number is a phone
]
SPOKEN = [
    ("我电话幺三八零零幺三八零零零", "我电话<PHONE_1>"),
    ("电话一三八 零零一三 八零零零，预算八千", "电话<PHONE_1>，预算八千"),
    ("手机幺三八，嗯，零零幺三，呃，八零零零", "手机<PHONE_1>"),
    ("号码是一三八 零零一三 8000", "号码是<PHONE_1>"),
    ("身份证幺幺零幺零五幺九九零零三零七幺二三九", "身份证<ID_CARD_1>"),
    ("卡号六二二二 零二幺二 三四五六 七八九零 幺二八", "卡号<BANK_CARD_1>"),
    ("车牌京A幺二三四五", "车牌<PLATE_1>"),
    ("邮箱zhangsan艾特qq点com", "邮箱<EMAIL_1>"),
    ("电话１３８００１３８０００", "电话<PHONE_1>"),
    ("手机幺三八杠零零幺三杠八零零零", "手机<PHONE_1>"),
    ("身份证四四零三零六幺九八五幺幺二零四五六叉", "身份证<ID_CARD_1>"),
    ("座机零幺零 六二三四 五六七八", "座机<PHONE_1>"),
    ("加八六 幺三八 零零幺三 八零零零", "<PHONE_1>"),  # 加八六 is "+86" said aloud
]
UNTOUCHED = [
    "预算八千左右，押一付三",
    "月租6500，能便宜点吗",
    "预算八千到一万二",
    "房子在12楼，89.5平，三室一厅",
    "2024-03-05下午3点看房",
    "二零二四年三月五号下午三点看房",
    "我想要两室一厅，住两年",
    "房源编号20240305001还在吗",
    "订单号13800138000的房子",
    "合同编号110105199003071239",
    "身份证110105199003071234",  # wrong check digit: not an ID by policy
    "卡号4111111111111112",  # fails Luhn and is no UnionPay card
    "62345678元一年",  # 8 digits without the word 电话 is a price, not a phone
    "住在望京，想找个一居",  # a district identifies nobody
    "我住在回龙观3号线附近",  # a metro line is no door number
    "我是房东",
    "@张三 你好，押金退了吗",  # a mention has no domain
    "价格@5000元",
    "邮箱是@126.com",  # no local part left after the lead-in words
    "加我微信吧，我用微信付款可以吗",  # the word without an account
    "QQ群里说的那套房还在吗",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_written_pii_is_masked(text: str, expected: str) -> None:
    assert mask_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), SPOKEN)
def test_pii_in_spoken_chinese_numerals_is_masked(text: str, expected: str) -> None:
    assert mask_pii(text).text == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_prices_dates_floors_and_reference_numbers_pass_untouched(text: str) -> None:
    result = mask_pii(text)
    assert result.text == text
    assert result.spans == ()


def test_same_value_spoken_and_written_gets_one_placeholder() -> None:
    result = mask_pii("一三八零零一三八零零零，对，就是13800138000")
    assert result.text == "<PHONE_1>，对，就是<PHONE_1>"


def test_country_code_does_not_change_the_placeholder() -> None:
    assert mask_pii("+86 13800138000 或 13800138000").text == "<PHONE_1> 或 <PHONE_1>"


def test_distinct_values_are_numbered_per_type() -> None:
    result = mask_pii("13800138000、13900139000，邮箱a@b.cn")
    assert result.text == "<PHONE_1>、<PHONE_2>，邮箱<EMAIL_1>"


def test_spans_point_at_placeholders_in_the_masked_text() -> None:
    result = mask_pii("我叫李雷，电话13800138000，身份证110105199003071239")
    assert [s.type for s in result.spans] == ["name", "phone", "id_card"]
    for span in result.spans:
        assert result.text[span.start : span.end] == span.placeholder
        assert span.type in PII_TYPES


def test_masking_a_masked_reply_changes_nothing() -> None:
    once = mask_pii("请联系13800138000，邮箱zhang@example.com").text
    assert mask_pii(once).text == once


def test_number_glued_to_letters_is_a_code_not_a_card() -> None:
    assert mask_pii("统一社会信用代码91310000552936878J").text == "统一社会信用代码91310000552936878J"
