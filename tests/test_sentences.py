"""SentenceMasker: nothing leaves before its sentence ends, and masking matches masking the whole reply."""

from __future__ import annotations

import pytest

from service.sanitize import mask_pii
from service.sentences import SentenceMasker

REPLY = "请拨打13912345678。或者发邮件到zhang.san@example.com！工作日也可以打13800138000；周末打13912345678"


def feed_all(masker: SentenceMasker, deltas: list[str]) -> list[str]:
    out = [masker.feed(d) for d in deltas]
    out.append(masker.close())
    return [o for o in out if o]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 11, len(REPLY)])
def test_any_chunking_releases_exactly_the_masked_reply(size: int) -> None:
    masker = SentenceMasker()
    released = feed_all(masker, [REPLY[i : i + size] for i in range(0, len(REPLY), size)])
    assert "".join(released) == mask_pii(REPLY).text == masker.masked().text
    assert "13912345678" not in "".join(released)


def test_an_open_sentence_is_held_back_until_it_ends() -> None:
    masker = SentenceMasker()
    assert masker.feed("请拨打1391234") == ""  # a phone number cut in half must not leak
    assert masker.feed("5678") == ""
    assert masker.feed("。好") == "请拨打<PHONE_1>。"
    assert masker.close() == "好"


def test_placeholders_are_numbered_across_sentences() -> None:
    masker = SentenceMasker()
    released = feed_all(masker, ["打13912345678。", "或13800138000。", "还是13912345678。"])
    assert released == ["打<PHONE_1>。", "或<PHONE_2>。", "还是<PHONE_1>。"]


def test_a_spoken_number_with_commas_is_one_sentence() -> None:
    # Commas separate spoken digit groups; only strong sentence ends cut.
    masker = SentenceMasker()
    assert masker.feed("电话幺三八，零零幺三，") == ""
    assert masker.feed("八零零零。") == "电话<PHONE_1>。"
