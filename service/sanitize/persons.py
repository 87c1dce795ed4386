"""Names and street addresses, only where the utterance introduces them (我叫…, 住在…号).

Free-text name and address recognition without a model is guesswork; these patterns fire on the
phrasings tenants actually use to introduce themselves, and nothing else. An address is masked only when
it reaches a door number (号, 室, 栋, 单元): the district or compound alone (住在望京) is what the search
needs, and it identifies nobody.
"""

from __future__ import annotations

import re

from service.sanitize.types import Detection

__all__ = ["detect_persons"]

# The commonest Chinese surnames (covering the large majority of the population), compound ones first.
_COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|澹台|端木|申屠"
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝"
)
# A given name ends before these: verbs and particles that follow a self-introduction (我叫王伟想租…).
_NAME_STOP = "想要在是的了呢吧啊呀哈，,。.！!？?、我你他她住找租电手来去和跟也就还有会能可"
_NAME = re.compile(
    r"(?:我叫|我的名字[叫是]|名字[叫是]|本人叫|姓名[:：是]?|联系人[:：是]?|签约人[:：是]?)\s*"
    rf"((?:{_COMPOUND_SURNAMES}|[{_SURNAMES}])[^{_NAME_STOP}\s\d<>A-Za-z]{{1,2}})"
)
_NAME_EN = re.compile(r"(?:[Mm]y name is|I am|I'm|[Nn]ame:)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")
_ADDRESS = re.compile(
    r"(?:住在|住址[是为:：]?|家住|家在|地址[是为:：]?|寄到|送到)\s*([^\s，,。！!？?；;<>]{2,40})"
)
_NUMERAL = "[0-9一二三四五六七八九十百零幺两]+"
# The masked address runs to its last door-level unit; there must be at least one 号/室/栋/单元.
_DOOR = re.compile(rf"{_NUMERAL}\s*(?:号楼|号院|号(?!线)|室|栋|幢|单元)(?:{_NUMERAL}\s*(?:号|室|层|楼))?")
# Roles that start with a surname character (房, 中, 管): after 我叫 they are not names.
_ROLES = frozenset({"房东", "中介", "管家", "业主"})
_GATE = re.compile(r"叫|名字|姓名|联系人|签约人|住|地址|寄到|送到|[Nn]ame|I am|I'm")


def detect_persons(text: str) -> list[Detection]:
    """Find introduced names and door-level addresses in ``text``."""
    if not _GATE.search(text):
        return []
    found: list[Detection] = []
    for pattern in (_NAME, _NAME_EN):
        for m in pattern.finditer(text):
            name = m.group(1)
            if name not in _ROLES:
                found.append(Detection("name", m.start(1), m.end(1), name))
    for m in _ADDRESS.finditer(text):
        doors = list(_DOOR.finditer(m.group(1)))
        if doors and doors[0].start() >= 2:  # a street or compound before the number, not just "3号"
            end = m.start(1) + doors[-1].end()
            found.append(Detection("address", m.start(1), end, text[m.start(1) : end]))
    return found
