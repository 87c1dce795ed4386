"""Generate the synthetic demo dataset ``data/intents/{train,val,test}.jsonl``.

    intent-router data make-demo --out data/intents --seed 13
    # or, without the console command:
    python -m training.demo_data --out data/intents --seed 13

Every row is synthetic: hand-written seed phrases and templates filled with slot values, then dressed as
speech-to-text output (fillers, no punctuation, Chinese numerals, ASR homophone slips). The same seed gives
byte-identical files. Steps, in order:

1. for each intent, take every slot-free seed phrase once, then draw (template family → template →
   slot values) until the intent's target count of distinct utterances is reached;
2. dress each draw as a voice turn (filler before/after, spaces between phrases, homophone slip);
3. drop exact duplicates after normalisation and near-duplicates (same text without fillers, or
   character-bigram Jaccard above a threshold against an utterance already kept for that intent);
4. split each intent 80/10/10 by a seeded hash of the text (stratified, deterministic, disjoint);
5. write JSONL rows ``{"text", "label", "source"}`` and print the class balance.

The phrase bank (``_SLOTS``, ``_FAMILIES``) sits below the config, in this file, so one file tells how the
data was made. The hand-written evaluation set ``data/intents/handwritten_eval.jsonl`` was written
separately, not from here.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from service.classify.features import FeatureConfig, normalize_text
from service.taxonomy import load_taxonomy

__all__ = [
    "DEFAULT_DEMO_DIR",
    "DEFAULT_SEED",
    "DemoConfig",
    "Row",
    "generate_rows",
    "main",
    "make_demo",
    "split_rows",
    "write_splits",
]

DEFAULT_DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "intents"
DEFAULT_SEED = 13  # the seed of the shipped files


@dataclass(frozen=True, slots=True)
class DemoConfig:
    seed: int = DEFAULT_SEED  # one seed drives every random choice; same seed → byte-identical files
    # distinct utterances kept per intent; "other" is the long tail (~20-25 % of traffic in DESIGN §1)
    targets: tuple[tuple[str, int], ...] = (
        ("find_listing", 380),
        ("book_viewing", 320),
        ("consult", 400),
        ("negotiate", 320),
        ("video_tour", 300),
        ("other", 560),
    )
    max_draws_per_row: int = 40  # give up on an intent after targets*this draws (templates exhausted)
    filler_before: float = 0.35  # chance of a filler word before the turn (嗯, 那个, 你好 …)
    filler_after: float = 0.12  # chance of a sentence-final particle or filler after it (啊, 吧, 谢谢 …)
    space_between: float = 0.25  # chance that ASR's phrase breaks become spaces instead of nothing
    comma_between: float = 0.08  # chance a phrase break becomes a comma (some ASR adds punctuation)
    asr_slip: float = 0.08  # chance of one homophone substitution (押金→压金, 视频→事频 …)
    # chance the caller also leaves a phone number ("我电话幺三八…"); training masks it as serving does,
    # so the model learns that "我电话<PHONE_1>" says nothing about the intent
    contact_mention: float = 0.06
    near_dup_jaccard: float = 0.8  # char-bigram Jaccard at or above this → near-duplicate, dropped
    split: tuple[float, float, float] = (0.8, 0.1, 0.1)  # train/val/test fractions within each intent
    features: FeatureConfig = field(default_factory=FeatureConfig)  # normalisation used as the dedup key

    def __post_init__(self) -> None:
        if abs(sum(self.split) - 1.0) > 1e-9 or min(self.split) <= 0:
            raise ValueError(f"split fractions must be positive and sum to 1, got {self.split}")
        if not 0 < self.near_dup_jaccard <= 1:
            raise ValueError(f"near_dup_jaccard must be in (0, 1], got {self.near_dup_jaccard}")
        for name in ("filler_before", "filler_after", "space_between", "comma_between", "asr_slip"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{name} must be a probability, got {value}")


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: str
    source: str

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "label": self.label, "source": self.source}, ensure_ascii=False)


# --- the phrase bank ----------------------------------------------------------------------------------------
# Templates use {slot} for a slot value and "|" for a pause (see _dress_as_speech). Slot values are what
# tenants say; numbers are rendered the way ASR writes them, mostly in Chinese numerals.

_DIGITS = "零一二三四五六七八九"


def _say_number(n: int, rng: random.Random) -> str:
    """Render ``n`` (< 100,000) as ASR would: "三千五", "三千五百", "两千" or "3500"."""
    if rng.random() < 0.2:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    units = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, ""))
    places = [(n // value % 10, unit) for value, unit in units if n >= value]
    nonzero = [i for i, (d, _) in enumerate(places) if d]
    # Colloquial "三千五" for 3500: two leading non-zero places and nothing after them.
    if len(nonzero) == 2 and nonzero[1] == 1 and rng.random() < 0.7:
        (a, unit), (b, _) = places[0], places[1]
        return ("两" if a == 2 else _DIGITS[a]) + unit + _DIGITS[b]
    out, pending_zero = "", False
    for i, (d, unit) in enumerate(places):
        if not d:
            pending_zero = bool(out)
            continue
        out += "零" if pending_zero else ""
        pending_zero = False
        out += ("两" if d == 2 and i == 0 and unit in "千万百" else _DIGITS[d]) + unit
    return out


def _say_digits(digits: str, rng: random.Random) -> str:
    """Read a room or line number digit by digit, with ASR's "幺" for one most of the time."""
    one = "幺" if rng.random() < 0.8 else "一"
    return "".join(one if c == "1" else _DIGITS[int(c)] for c in digits)


def _number_slot(values: Sequence[int], suffixes: Sequence[str]) -> Callable[[random.Random], str]:
    def draw(rng: random.Random) -> str:
        return _say_number(rng.choice(values), rng) + rng.choice(suffixes)

    return draw


_RENTS = (
    1200,
    1500,
    1800,
    2000,
    2200,
    2500,
    2800,
    3000,
    3200,
    3500,
    3800,
    4000,
    4200,
    4500,
    4800,
    5000,
    5500,
    6000,
    6500,
    7000,
    7500,
    8000,
    9000,
    10000,
    12000,
    15000,
)
_SlotValues = Sequence[str] | Callable[[random.Random], str]
_SLOTS: dict[str, _SlotValues] = {
    "rent": _number_slot(_RENTS, ("", "", "块", "块钱", "一个月", "元")),
    "cut": _number_slot((50, 100, 100, 200, 200, 300, 500, 800, 1000), ("", "块", "块钱")),
    "minutes": (
        "十分钟",
        "十五分钟",
        "二十分钟",
        "半小时",
        "半个小时",
        "四十分钟",
        "一个小时",
        "一小时",
        "二十五分钟",
    ),
    "months": ("一个月", "两个月", "三个月", "半年", "六个月", "一年", "两年", "三年", "九个月", "一年半"),
    "floor": lambda rng: _say_number(rng.randint(2, 32), rng) + rng.choice(("楼", "层")),
    "line": lambda rng: _say_number(rng.randint(1, 17), rng) + "号线",
    "room_no": lambda rng: _say_digits(
        rng.choice(("101", "102", "201", "302", "1108", "506", "1203", "803", "2101", "1501", "602", "1004")),
        rng,
    ),
    "building": lambda rng: _say_number(rng.randint(1, 20), rng) + rng.choice(("号楼", "栋", "单元")),
    "count": ("两个人", "三个人", "一家三口", "我一个人", "我们俩", "一家四口", "四个同事", "我和我对象"),
    "area": (
        "望京",
        "通州",
        "亦庄",
        "大兴",
        "昌平",
        "顺义",
        "朝阳",
        "海淀",
        "丰台",
        "中关村",
        "五道口",
        "双井",
        "酒仙桥",
        "天通苑",
        "石景山",
        "大望路",
        "来广营",
        "北苑",
        "宋家庄",
        "草房",
        "静安",
        "徐汇",
        "闵行",
        "陆家嘴",
        "五角场",
        "七宝",
        "南山",
        "福田",
        "宝安",
        "科技园",
        "龙华",
        "天河",
        "番禺",
        "滨江",
        "西溪",
        "武侯区",
        "高新区",
        "光谷",
        "江宁",
        "河西",
        "雁塔",
        "城东",
        "老城区",
        "火车站",
        "大学城",
        "开发区",
        "市中心",
        "新区",
    ),
    "landmark": (
        "公司",
        "单位",
        "学校",
        "医院",
        "地铁站",
        "商场",
        "软件园",
        "创业园",
        "万达",
        "体育中心",
        "大学",
    ),
    "layout": (
        "一居",
        "一居室",
        "两居",
        "两居室",
        "两室一厅",
        "三居",
        "三室一厅",
        "三室两厅",
        "开间",
        "单间",
        "一室一厅",
        "loft",
        "复式",
        "四居室",
        "一房一厅",
        "两房",
        "小户型",
        "大平层",
        "主卧",
        "次卧",
    ),
    "kind": (
        "整租",
        "合租",
        "单间",
        "公寓",
        "老小区的房子",
        "新小区",
        "城中村的房子",
        "电梯房",
        "独栋",
        "青年公寓",
        "服务式公寓",
        "品牌公寓",
        "民房",
        "别墅",
    ),
    "feature": (
        "朝南",
        "南北通透",
        "带阳台",
        "有电梯",
        "有独立卫生间",
        "能做饭",
        "精装修",
        "带家具家电",
        "采光好",
        "安静一点",
        "近地铁",
        "带车位",
        "有暖气",
        "有空调",
        "有洗衣机",
        "不临街",
        "低楼层",
        "高楼层",
        "新装修",
        "可以短租",
        "押一付一",
        "月付",
        "拎包入住",
        "可以落户",
        "有天然气",
        "带飘窗",
        "双卫",
        "带院子",
    ),
    "pet": ("猫", "狗", "两只猫", "一条狗", "柯基", "泰迪", "小狗", "兔子", "仓鼠", "宠物", "金毛"),
    "who": ("我女朋友", "我老婆", "我爸妈", "我同学", "我室友", "我朋友", "我老公", "我弟弟", "我同事"),
    "day": (
        "今天",
        "明天",
        "后天",
        "大后天",
        "周六",
        "周日",
        "周末",
        "这周六",
        "这个周末",
        "下周一",
        "下周二",
        "下礼拜三",
        "星期四",
        "星期五",
        "礼拜天",
        "这两天",
        "月底",
        "下个月初",
        "五一",
        "国庆",
    ),
    "time": (
        "上午",
        "下午",
        "晚上",
        "中午",
        "早上",
        "上午十点",
        "下午三点",
        "晚上七点",
        "七点半",
        "下午两点半",
        "早上九点",
        "中午十二点",
        "六点以后",
        "四点左右",
        "十一点",
        "八点",
        "下班以后",
        "午饭后",
    ),
    "fee": (
        "中介费",
        "服务费",
        "物业费",
        "管理费",
        "卫生费",
        "网费",
        "宽带费",
        "停车费",
        "垃圾费",
        "水费",
        "电费",
        "燃气费",
        "暖气费",
        "供暖费",
        "维修基金",
        "保洁费",
        "电梯费",
        "押金",
    ),
    "room": (
        "客厅",
        "卧室",
        "主卧",
        "次卧",
        "厨房",
        "卫生间",
        "阳台",
        "浴室",
        "书房",
        "小区",
        "楼道",
        "外立面",
        "窗外",
        "餐厅",
        "衣柜那块",
    ),
    "appliance": (
        "空调",
        "洗衣机",
        "冰箱",
        "热水器",
        "电视",
        "床垫",
        "沙发",
        "衣柜",
        "油烟机",
        "微波炉",
        "书桌",
        "窗帘",
        "燃气灶",
    ),
    "broken": (
        "马桶堵了",
        "水管漏水了",
        "热水器不出热水",
        "灯坏了",
        "门锁打不开",
        "下水道堵了",
        "墙皮掉了",
        "空调不制冷",
        "洗衣机坏了",
        "窗户关不上",
        "电闸跳了",
        "暖气片漏水",
        "冰箱不制冷",
    ),
    "place": (
        "机场",
        "火车站",
        "高铁站",
        "首都机场",
        "虹桥",
        "南站",
        "西站",
        "市医院",
        "人民广场",
        "天安门",
        "外滩",
        "西湖",
        "动物园",
        "故宫",
        "颐和园",
        "商场",
        "公司",
        "学校",
        "酒店",
        "博物馆",
    ),
    "city": ("北京", "上海", "深圳", "广州", "杭州", "成都", "南京", "武汉", "西安", "苏州", "天津", "重庆"),
    "food": (
        "火锅",
        "烤鸭",
        "川菜",
        "麻辣烫",
        "烧烤",
        "日料",
        "奶茶",
        "面馆",
        "小龙虾",
        "饺子",
        "披萨",
        "粤菜",
    ),
    "hotel": ("酒店", "宾馆", "快捷酒店", "民宿", "五星级酒店", "经济型酒店", "青旅", "商务酒店", "旅馆"),
    "room_type": ("大床房", "双床房", "标间", "家庭房", "套房", "单人间", "豪华间"),
    "amenity": (
        "早餐",
        "无线网",
        "wifi",
        "停车场",
        "健身房",
        "游泳池",
        "接机服务",
        "洗衣服务",
        "免费早餐",
        "会议室",
    ),
    "night": _number_slot((150, 200, 300, 400, 500, 600, 800, 1000), ("", "块", "元")),
    "nights": ("一晚", "两晚", "三晚", "两天", "三天", "一个礼拜", "四个晚上"),
    "rating": ("四分", "四点五分", "4.5分", "4分", "四点八", "四点五"),
    "price_pp": _number_slot((30, 50, 80, 100, 150, 200, 300), ("", "块", "元", "块钱")),
    "attraction": (
        "故宫",
        "长城",
        "颐和园",
        "博物馆",
        "动物园",
        "植物园",
        "游乐园",
        "海洋馆",
        "公园",
        "古镇",
        "科技馆",
        "寺庙",
        "老街",
        "夜市",
        "美术馆",
    ),
    "restaurant": ("这家饭店", "那家餐厅", "海底捞", "全聚德", "楼下那家面馆", "这个烤鸭店", "那家川菜馆"),
    "wan": ("五十万", "八十万", "一百万", "一百五十万", "两百万", "三百万", "五百万", "一千万", "100万"),
    "name_item": ("我室友的名字", "我老婆的名字", "家具清单", "维修条款", "提前退租的条款"),
    "song": ("周杰伦的歌", "轻音乐", "新闻", "相声", "儿歌", "一首歌", "英文歌", "评书"),
}

_FILLERS_BEFORE = (
    "嗯",
    "嗯嗯",
    "那个",
    "就是",
    "就是说",
    "啊",
    "呃",
    "额",
    "你好",
    "您好",
    "喂",
    "喂你好",
    "我想问一下",
    "请问",
    "麻烦问一下",
    "哎",
    "对了",
    "然后",
    "那",
    "嗯那个",
    "呃就是",
    "哦",
    "你好我想问一下",
    "那个就是",
    "小助手",
    "哈喽",
)
_COURTESIES = ("谢谢", "谢谢啊", "麻烦了", " 谢谢", " 好吗", " 嗯")
_FILLERS_AFTER = (
    "啊",
    "呀",
    "呢",
    "吧",
    "哈",
    "嘛",
    "哦",
    "好吧",
    "行吗",
    "可以吗",
    "嗯",
    "那个",
    *_COURTESIES,
)
# Homophone slips an ASR engine makes on this vocabulary: one replaced at a time.
_ASR_SLIPS = (
    ("押金", "压金"),
    ("视频", "事频"),
    ("两居", "两局"),
    ("一居", "一局"),
    ("合租", "和租"),
    ("整租", "正租"),
    ("物业", "无业"),
    ("暖气", "暖器"),
    ("中介", "中街"),
    ("房租", "房足"),
    ("租金", "组金"),
    ("地铁", "地贴"),
    ("看房", "看方"),
    ("预约", "预曰"),
    ("便宜", "便益"),
    ("的", "得"),
    ("吗", "嘛"),
    ("在", "再"),
    ("那", "哪"),
    ("取消", "取销"),
    ("房东", "房冬"),
    ("带看", "代看"),
    ("出租车", "出组车"),
    ("天气", "天起"),
    ("优惠", "有会"),
    ("播放", "拨放"),
)

_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "find_listing": {
        "short": (
            "找房",
            "租房",
            "找房子",
            "我要租房",
            "想租房",
            "租个房子",
            "找个房",
            "我想找房",
            "帮我找房",
            "有房吗",
            "有房子吗",
            "找个住的地方",
            "我在找房子",
            "想换个房子住",
            "找{layout}",
            "租{kind}",
            "要{layout}",
            "{area}的房子",
            "{layout}有吗",
            "有{kind}吗",
            "求租",
            "租一套",
            "还有空房吗",
            "搜一下房源",
            "我要找个{layout}",
            "有合适的房子推荐吗",
            "我想租一套房子住",
            "帮我筛一下房子",
            "租房子",
            "找个落脚的地方",
            "最近有什么好房子",
        ),
        "area": (
            "{area}附近有没有房子",
            "想在{area}租个房",
            "{area}那边有{layout}吗",
            "帮我找一下{area}的房源",
            "{area}有没有合适的房子|推荐一下",
            "我想住{area}|那边有房吗",
            "看看{area}有什么房子",
            "{area}一带有没有{kind}",
            "能不能帮我搜一下{area}的{layout}",
            "有没有{area}的{kind}出租",
            "换个地方|{area}那块有没有",
            "{area}周边的{layout}给我找几套",
            "{area}现在还有空房吗",
            "我想找{area}或者{area}的房子",
            "最好在{area}|别的地方太远了",
            "{city}{area}有房源吗",
        ),
        "budget": (
            "预算{rent}左右",
            "{rent}以内的{layout}有吗",
            "月租不超过{rent}的",
            "有没有{rent}上下的房子",
            "我预算就{rent}|能租到什么样的",
            "{rent}能租个{layout}吗",
            "租金{rent}到{rent}之间的",
            "便宜点的房子有吗|{rent}以下",
            "{rent}的{kind}有没有",
            "有没有{rent}左右的{layout}",
            "价格在{rent}以内|最好{feature}",
            "最多出{rent}|帮我看看有啥",
            "找个便宜的{layout}",
        ),
        "layout": (
            "想要个{layout}",
            "找个{layout}的房子",
            "有没有{feature}的{layout}",
            "我想租{layout}|{feature}的",
            "{count}住|找个{layout}",
            "{count}住|租多大的合适|帮我找找",
            "要{feature}的房子",
            "有没有{feature}的",
            "最好是{feature}|{feature}",
            "有{feature}的{kind}吗",
            "给我推荐几套{layout}",
            "找个{floor}以下的{layout}",
            "不要{floor}以上的|找个{layout}",
        ),
        "commute": (
            "离{line}近的房子",
            "在{area}上班|通勤{minutes}以内的房子",
            "地铁站走路{minutes}能到的",
            "去{area}方便的房子有吗",
            "{line}沿线有没有{layout}",
            "我在{area}上班|想找个近点的房子",
            "离{landmark}近一点的房子",
            "坐地铁到{area}{minutes}以内的",
            "挨着{line}的{kind}",
            "我每天去{area}|住哪里方便|帮我找找",
            "骑车{minutes}能到{landmark}的房子",
            "{line}{area}站附近有房吗",
            "离{landmark}{minutes}以内的{layout}",
        ),
        "pets": (
            "能养{pet}的房子",
            "有没有可以养{pet}的",
            "我有{pet}|找个房东让养的",
            "带{pet}能租的房子有吗",
            "可以养宠物的{layout}",
            "我家{pet}要一起住|有合适的房吗",
            "找个不限制养{pet}的{kind}",
        ),
        "lease": (
            "只租{months}的有吗",
            "有短租的房子吗",
            "我只住{months}|有没有合适的",
            "租期{months}的{layout}",
            "能月租的房子",
            "有没有可以短租{months}的",
            "我来出差{months}|想租个房",
            "找个能租{months}的{kind}",
            "有没有按月租的{kind}",
            "实习{months}|找个短租",
            "能长租的房子|至少{months}",
        ),
        "share": (
            "想合租|找个室友",
            "合租的主卧有吗",
            "整租还是合租都行|{rent}以内",
            "找个合租|{area}附近",
            "有没有整租的{layout}",
            "不想合租|有整租的吗",
            "合租次卧多少钱|帮我找个",
            "找个单间|{rent}以下",
            "找个女生合租的",
            "有没有全是上班族的合租",
        ),
        "combo": (
            "我想在{area}找个{layout}|预算{rent}|最好离{line}近一点",
            "{count}住|想在{area}租个{layout}|{rent}左右|能养{pet}",
            "帮我找一下{area}附近的{kind}|{feature}|租金别超过{rent}",
            "就是想找个{feature}的{layout}|在{area}|租{months}",
            "我下个月要搬到{area}|想找个{layout}|通勤{minutes}以内",
            "{area}或者{area}都行|{layout}|{rent}以内|{feature}",
            "有没有{area}的{layout}|{feature}|{feature}|预算{rent}",
            "我在{area}上班|想找个{kind}|{rent}左右|带{pet}",
            "我刚毕业|预算不多|{rent}以内|找个{kind}",
            "换工作了去{area}|想在附近租个{layout}|最好{feature}",
            "房子到期了要换|还想在{area}|{layout}|价格差不多{rent}",
        ),
        "need": (
            "我下个月要搬过来|得先找个地方住",
            "我{day}就要入住|有没有现房",
            "公司搬到{area}了|我也想搬过去住",
            "有啥{kind}推荐吗",
            "我要给{who}找个房子|{layout}就行",
            "帮{who}租个{layout}|离{landmark}近",
            "我们{count}想找个{kind}",
            "房子要求不高|{feature}就行",
            "能不能给我推几套{feature}的",
            "按价格从低到高|给我看看{area}的房子",
            "帮我搜搜{rent}以内|{feature}的房源",
            "有没有个人房源|不要中介的",
            "想租个带{appliance}的{layout}",
            "我找那种{feature}的|价格{rent}以内",
        ),
        "more": (
            "还有别的房子吗",
            "再推荐几套",
            "换一批",
            "有没有更便宜的",
            "还有没有{feature}的",
            "有没有大一点的",
            "看看别的房源",
            "有没有新上的房源",
            "这个不行|换个{layout}",
            "有没有{area}那边的|这边太贵了",
        ),
    },
    "book_viewing": {
        "short": (
            "预约看房",
            "约看房",
            "我要看房",
            "去看房",
            "约个时间看房",
            "想去看看",
            "约个带看",
            "改约",
            "取消看房",
            "约一下",
            "看房改时间",
            "能看房吗",
            "什么时候能看房",
            "预约一下",
        ),
        "book": (
            "{day}{time}能去看房吗",
            "我想约{day}看这套",
            "帮我预约{day}{time}看房",
            "约个时间看一下房子",
            "{day}{time}我过去看看",
            "这套我想去实地看看|{day}行吗",
            "能不能约{day}去看{building}{room_no}那套",
            "{day}有时间|帮我约个看房",
            "我想看一下{area}那套{layout}|约{day}",
            "帮我跟房东约一下{day}看房",
            "这套房子我想上门看看",
            "我想过去实地看一眼",
            "能带我去现场看看吗",
            "约房东见一面看看房子",
            "我{day}{time}方便|过去看一下",
            "登记一个看房",
            "把我加到{day}的看房里",
            "我要现场看房|{day}可以吗",
            "先去看看再说|约个时间吧",
            "{building}{room_no}我想去看|{time}有空",
            "带我去看看刚才那套",
            "{day}{time}有人带看吗",
            "约{day}{time}|我带{who}一起去看",
            "那就{day}{time}吧|我去看房",
            "我{day}{time}有空|能安排看房吗",
            "刚才那套{layout}我想去现场看一下",
            "安排一下看房|{day}都可以",
            "这套房能约看吗",
            "我想约个看房|越快越好",
            "帮我预约一下|{day}去看{building}那套",
        ),
        "reschedule": (
            "{day}的看房改到{day}",
            "看房时间能不能往后推一下",
            "改一下看房时间",
            "我{day}去不了了|换个时间",
            "约的{time}能不能改成{time}",
            "看房能提前到{time}吗",
            "临时有事|看房改到{day}{time}",
            "帮我把看房挪到{day}",
            "{time}可能赶不到|晚一点看行吗",
            "我会迟到半小时|看房能等我一下吗",
            "看房时间帮我改改",
            "预约的时间不合适|换成{day}",
        ),
        "cancel": (
            "看房取消",
            "不去看了|帮我取消预约",
            "{day}的预约取消一下",
            "那个看房我不去了",
            "把{day}的看房取消掉",
            "取消{day}{time}的看房",
            "我已经租到了|看房不用约了",
            "今天的看房先不去了",
            "帮我撤销看房预约",
        ),
        "availability": (
            "{day}有空带看吗",
            "房东{day}在家吗|能看房吗",
            "现在能看房吗",
            "钥匙在你们那吗|随时能看吗",
            "{day}{time}还能约吗",
            "这套房{day}能看吗",
            "周末能看房吗",
            "晚上能看房吗",
            "最早什么时候能去看",
            "今天还有看房的号吗",
            "这套还能约看吗",
        ),
        "escort": (
            "谁带我去看房",
            "经纪人会陪我去看吗",
            "看房房东要在吗",
            "我自己去看还是有人带",
            "看房的时候有中介跟着吗",
            "能让{who}替我去看吗",
            "带看的人几点到",
            "看房是在小区门口集合吗",
            "我到{building}楼下了|带看的人呢",
            "{who}想一起去看|帮我约一下",
            "能找个人带我看一下吗",
        ),
    },
    "consult": {
        "short": (
            "押金多少",
            "中介费多少",
            "怎么收费",
            "有电梯吗",
            "几楼",
            "有暖气吗",
            "水电怎么算",
            "多大面积",
            "押几付几",
            "{fee}多少",
            "{fee}谁交",
            "能落户吗",
            "有车位吗",
            "朝向呢",
            "能做饭吗",
        ),
        "fees": (
            "{fee}怎么收",
            "{fee}是多少",
            "{fee}是房东出还是租客出",
            "{fee}一个月多少钱",
            "{fee}包含在房租里吗",
            "除了房租还要交什么钱",
            "{fee}是一次性交吗",
            "{fee}贵不贵",
            "{fee}要交多少|按什么算",
            "{fee}怎么交|线上能交吗",
            "签约要交哪些费用",
            "还有其他隐藏费用吗",
            "{fee}退不退",
            "房租包不包{fee}",
            "{fee}需不需要交",
            "每个月除了房租还有啥开销",
            "{fee}按月还是按年收",
            "你们收不收{fee}",
            "租这套一共要花多少钱",
            "{fee}是按面积算的吗",
        ),
        "deposit": (
            "押金多少",
            "押金什么时候退",
            "退租的时候押金能全退吗",
            "押金是几个月",
            "是押一付三吗",
            "押一付一还是押二付一",
            "押金交给谁",
            "押金有没有收据",
            "付款方式是怎样的",
            "房租怎么交|按月还是按季",
            "可以用信用卡交房租吗",
            "房租几号交",
        ),
        "contract": (
            "合同签多久",
            "最短租多久",
            "能提前退租吗",
            "提前退租违约金多少",
            "合同是跟房东签还是跟你们签",
            "能转租吗",
            "续租要提前多久说",
            "合同能备案吗",
            "可以办居住证吗",
            "能开发票吗",
            "签合同要带什么",
            "合同到期房租会涨吗",
            "签约流程是什么样的",
            "能签{months}的合同吗",
            "电子合同还是纸质合同",
            "合同里写不写维修责任",
            "退租要办什么手续",
            "入住需要什么手续",
            "签约要本人到场吗",
            "合同能不能加上{name_item}",
            "中途换室友要怎么办",
            "租到一半房东卖房怎么办",
        ),
        "utilities": (
            "水电费怎么算",
            "是民用水电吗",
            "电费多少钱一度",
            "水电燃气怎么交",
            "电费是预充值的吗",
            "用的是天然气吗",
            "水费是按人头收吗",
            "商水商电还是民水民电",
            "网络是光纤吗|多少兆",
            "热水是燃气热水器还是电的",
        ),
        "heating": (
            "有暖气吗",
            "是集中供暖吗",
            "冬天暖气热不热",
            "暖气费怎么交",
            "是自采暖还是集中供暖",
            "供暖费谁出",
            "有地暖吗",
            "冬天冷不冷",
        ),
        "rules": (
            "这套能养{pet}吗",
            "房东让不让养宠物",
            "能带朋友来住吗",
            "可以抽烟吗",
            "能在家做饭吗",
            "晚上几点门禁",
            "能不能自己刷墙",
            "能改造装修吗",
            "访客要登记吗",
            "能放电动车吗",
            "能装个{appliance}吗",
            "可以挂画打钉子吗",
        ),
        "facts": (
            "这套房子几楼",
            "有电梯吗",
            "面积多大",
            "朝向是哪边",
            "房子是哪年建的",
            "装修怎么样",
            "家具家电都有什么",
            "有{appliance}吗",
            "{appliance}是新的吗",
            "采光好不好",
            "隔音怎么样",
            "离地铁多远",
            "周边有超市吗",
            "附近有学校吗",
            "是几居室",
            "卫生间有窗户吗",
            "厨房能开火吗",
            "是不是顶楼",
            "是{floor}吗",
            "这个小区叫什么",
            "什么时候能入住",
            "房子空着吗|现在有人住吗",
            "这个价格包括什么",
            "周边有医院吗",
            "楼下吵不吵",
            "是不是学区房",
            "是房东直租吗",
            "{building}{room_no}是朝南的吗",
            "阳台是封闭的吗",
            "小区环境怎么样",
            "有没有燃气",
            "{room}多大",
            "层高多少",
            "这房子怎么样|靠谱吗",
            "是不是凶宅",
            "房子漏不漏水",
            "墙是新刷的吗",
            "这边治安好不好",
            "小区有几栋楼",
            "物业是哪家公司",
            "周围有菜市场吗",
            "上一个租客为什么搬走",
            "房东好不好说话",
            "这个小区住的人多不多",
            "{appliance}能用吗",
            "房子里有没有{appliance}",
            "能不能拎包入住",
            "几个人合住|卫生间几个人用",
            "隔壁住的是什么人",
            "需要自己买家具吗",
        ),
        "parking": (
            "有停车位吗",
            "停车费多少",
            "车位要另外租吗",
            "小区能停车吗",
            "有充电桩吗",
            "地下车库收费吗",
        ),
        "property": (
            "物业怎么样",
            "物业管得好吗",
            "东西坏了谁负责修",
            "维修是房东负责吗",
            "有保洁吗",
            "小区有保安吗",
            "快递能送上楼吗",
            "物业电话多少",
            "小区安全吗|有门禁吗",
            "垃圾怎么处理",
        ),
    },
    "negotiate": {
        "short": (
            "便宜点",
            "能便宜吗",
            "砍砍价",
            "少点呗",
            "打个折",
            "太贵了",
            "优惠点",
            "能少吗",
            "再便宜点",
            "便宜一点嘛",
            "能讲价吗",
            "还能少吗",
            "给个优惠",
            "抹个零",
        ),
        "rent": (
            "{rent}能不能再少点",
            "房租便宜{cut}行不",
            "能降到{rent}吗",
            "{rent}太贵了|{rent}行不行",
            "房租能不能少{cut}",
            "租金还有商量的余地吗",
            "房东能不能让一点",
            "这个价格能谈吗",
            "帮我跟房东砍砍价",
            "房东能不能降个价",
            "这个价不值|能再让点吗",
            "少收点吧|我是学生",
            "价格能不能商量",
            "能给我打个折吗",
            "再让一点我就定了",
            "房租能不能往下调调",
            "跟房东说说|{rent}能不能成交",
            "最低多少能租",
            "最低价是多少",
            "我诚心租|能不能便宜点",
            "给个优惠价吧|我{day}就能签",
            "{rent}租给我吧",
            "要是{rent}我就租了",
            "每个月少{cut}我马上签",
            "能不能给个实在价",
            "超预算了|能便宜{cut}吗",
            "{rent}的话能接受|再低点不行吗",
            "价格再降降",
            "能不能打个九折",
            "这个价有点高|能帮我争取一下吗",
            "房租能不能按{rent}算",
        ),
        "deposit": (
            "押金能少点吗",
            "免押金行不行",
            "押金能不能少交一个月",
            "押一付一可以吗",
            "押金分两次交行吗",
            "押金能不能不交",
            "押二太多了|押一行不行",
            "能不能用信用免押",
        ),
        "fees": (
            "{fee}能打折吗",
            "{fee}能免吗",
            "{fee}能不能少收点",
            "{fee}房东出行吗",
            "{fee}能不能减半",
            "不收{fee}的话我就签",
            "{fee}太高了|能便宜点吗",
            "{fee}能不能包在房租里",
        ),
        "payment": (
            "能月付吗|季付压力太大",
            "能不能半年付改成季付",
            "押一付三改成押一付一行吗",
            "房租能分期吗",
            "能不能先付一个月",
            "第一个月房租能晚几天交吗",
            "付款能不能按月来",
        ),
        "furniture": (
            "{appliance}能给换个新的吗|换了我就租",
            "能不能加个{appliance}",
            "{appliance}房东能给配吗",
            "家具都留下的话能便宜点吗",
            "不要家具能便宜吗",
            "给配个{appliance}我就定了",
            "墙刷一下再租给我行不",
            "{appliance}太旧了|要么换新要么便宜点",
        ),
        "lease": (
            "签{months}能便宜多少",
            "我租{months}|给个折扣",
            "长租有优惠吗",
            "我签{months}的话房租能降吗",
            "续租能不涨价吗",
            "一次付{months}能便宜点吗",
            "我租得久|价格能不能优惠",
        ),
        "compare": (
            "隔壁那套才{rent}",
            "别家同样的才{rent}|你这能不能也{rent}",
            "网上看到的才{rent}",
            "同小区的才{rent}|你这太贵了",
            "比别家贵了{cut}|能不能一样",
        ),
        "close": (
            "{rent}我马上签",
            "今天定能优惠吗",
            "现在交定金能便宜点吗",
            "我今天就签|能少{cut}吗",
            "能不能免{months}房租",
            "送我一个月房租呗",
            "第一个月能免租吗",
            "入住前能给个优惠吗",
        ),
    },
    "video_tour": {
        "short": (
            "有视频吗",
            "看视频",
            "放视频",
            "VR看房",
            "打开VR",
            "视频看房",
            "放一下",
            "播放",
            "暂停",
            "继续播放",
            "再放一遍",
            "全屏",
            "有VR吗",
            "3D看房",
            "全景看房",
            "看下视频",
        ),
        "open": (
            "有没有视频",
            "看看这套的视频",
            "放一下这套房的视频",
            "打开{room}的视频",
            "播放这套房的视频",
            "给我看看{room}的视频",
            "有没有实拍视频",
            "这套房有视频介绍吗",
            "想看一下房子的视频",
            "放一下{room}",
            "给我放{room}那段",
            "{room}拍了吗|放出来看看",
            "能看看里面的视频吗",
            "{building}{room_no}有视频吗",
            "打开房源视频",
            "我想先看看视频再决定",
            "点开视频看看",
            "刚才那套{layout}的视频放一下",
            "录像有吗",
            "有没有录好的看房视频",
            "看一下实景画面",
            "这套有没有拍视频",
            "给我播一下这个房子",
            "把视频调出来",
            "让我看看{room}长啥样|有视频吧",
            "线上看房怎么看",
            "在线看一下这套",
            "视频里能看到{room}吗|放给我看看",
        ),
        "vr": (
            "打开VR看房",
            "有VR全景吗",
            "来个VR",
            "用VR看一下",
            "VR看一下{room}",
            "能3D看房吗",
            "全景图打开一下",
            "VR怎么打开",
            "切到VR模式",
            "进VR看看{room}",
            "有没有三维实景",
        ),
        "live": (
            "能视频连线看房吗",
            "直播看房可以吗",
            "经纪人开视频带我看一下",
            "能远程看房吗",
            "我在外地|能视频看吗",
            "约个视频看房",
            "开个视频给我看看{room}",
            "能不能用视频给我走一遍",
            "视频通话看房行吗",
            "我过不去|拍个视频给我",
        ),
        "photos": (
            "照片看不清|有视频吗",
            "图片太少了|有视频吗",
            "有动态的视频吗|照片不真实",
            "发个实拍视频给我",
            "光看照片不行|放个视频",
            "视频比照片清楚吗|给我放一下",
        ),
        "control": (
            "暂停一下",
            "继续放",
            "再放一遍{room}",
            "下一个视频",
            "上一个视频",
            "快进一点",
            "倒回去看{room}",
            "声音大一点",
            "声音关了",
            "全屏播放",
            "看下一套的视频",
            "切到{room}",
            "从头放",
            "视频卡了|重新放一下",
            "放慢一点",
        ),
    },
    "other": {
        "taxi": (
            "帮我叫个出租车",
            "叫辆出租车去{place}",
            "出租车到{place}多少钱",
            "打车去{place}",
            "叫个车",
            "出租车在哪打",
            "帮我打个车到{place}",
            "出租车上东西落了怎么办",
            "出租车司机绕路了",
            "出租车几点来",
            "网约车和出租车哪个便宜",
            "我要打的去{place}",
            "叫个滴滴去{place}",
            "出租车怎么还没到",
            "帮我约个明天早上去{place}的车",
        ),
        "car_rental": (
            "我想租辆车",
            "租车多少钱一天",
            "哪里能租到电动车",
            "租个充电宝",
            "想租个车位停我的车",
            "租个自行车",
            "出租车公司电话多少",
            "我是开出租车的|想问问怎么接单",
            "帮我租个婚车",
            "哪里能租到帐篷",
            "租个服装去参加活动",
        ),
        "buy_sell": (
            "我想买房",
            "二手房多少钱一平",
            "帮我卖房",
            "我想把房子卖了",
            "{area}的房价多少",
            "首付要多少",
            "房贷利率多少",
            "公积金能贷多少",
            "新房还是二手房好",
            "买房要什么手续",
            "我想在{area}买套{layout}",
            "房子能卖多少钱",
            "过户怎么办",
            "买房能落户吗",
            "学区房多少钱一平",
            "我想在{area}买个{layout}",
            "{area}的二手房{wan}能买到吗",
            "想买房|首付{wan}够不够",
            "卖房要交多少税",
            "我那套{layout}想卖|能卖多少钱",
            "{area}有什么新楼盘",
            "帮我评估一下我家房子值多少",
            "房贷{wan}每个月还多少",
            "买个{layout}大概要多少钱",
            "{area}的新房开盘了吗",
            "我要买房子",
            "买个房子",
            "想买套房|预算{wan}",
            "我想把{area}那套房子卖掉",
            "卖房子找谁",
            "我想换房|先把现在的卖了",
            "帮{who}看看{area}的房价",
            "买房能用公积金吗",
            "现在适合买房吗",
            "我想买{area}的学区房",
            "全款买房有优惠吗",
            "我家老房子拆迁了怎么办",
            "房产证怎么办理",
        ),
        "landlord": (
            "我有套房子想出租",
            "我是房东|想把房子租出去",
            "怎么发布我的房源",
            "帮我把{area}的房子租出去",
            "我想把我的{layout}租出去",
            "房东怎么入驻",
            "我的房子想托管",
            "我家空着一套房|想租出去",
            "出租我的房子要交什么税",
            "我想当房东",
            "我要挂房源",
            "租客一直不交房租怎么办",
            "我有个{layout}空着|想租出去",
            "我的房子在{area}|能帮我找租客吗",
            "我是业主|想挂个出租",
            "我想把房子出租|{rent}一个月能租出去吗",
            "我是房东|租出去要办什么手续",
            "帮我找个租客",
            "我家{layout}要出租|怎么发布",
            "我的房子能租多少钱",
            "当房东要注意什么",
            "我要出租一套{layout}",
            "把我{area}的房子挂出去",
            "房客退租了|我想重新招租",
            "租客把我房子弄坏了怎么办",
            "我的房子想委托你们出租",
            "帮我给我的{layout}定个租金",
            "{who}有套房子想租给别人",
            "我在{area}有套房|想交给你们托管",
            "怎么把我的房子发到你们平台上",
            "我想收租|房子怎么挂",
        ),
        "moving": (
            "搬家",
            "帮我找个搬家公司",
            "搬家多少钱",
            "我下周要搬家|能帮忙吗",
            "有没有拉货的车",
            "搬家师傅能上门吗",
            "帮我叫个货拉拉",
            "搬家能帮忙打包吗",
            "小件搬家怎么收费",
        ),
        "repair": (
            "{broken}",
            "{broken}|找人来修一下",
            "{broken}|能派个师傅吗",
            "我要报修",
            "{appliance}坏了",
            "{appliance}坏了|谁能来修",
            "家里{broken}",
            "帮我叫个维修师傅",
            "开锁多少钱",
            "通下水道",
            "修{appliance}",
        ),
        "chat": (
            "你好",
            "谢谢",
            "再见",
            "好的",
            "嗯嗯",
            "知道了",
            "你是谁",
            "你叫什么名字",
            "你是机器人吗",
            "你好聪明",
            "我好无聊",
            "陪我聊聊天",
            "讲个笑话",
            "哈哈哈",
            "你几岁了",
            "你吃饭了吗",
            "早上好",
            "晚安",
            "我今天好累",
            "我失恋了",
            "算了",
            "没事了",
            "拜拜",
            "听得到吗",
            "你能干什么",
            "你会唱歌吗",
            "我爱你",
            "你真笨",
            "什么意思",
            "我不知道",
            "没有了",
            "好的谢谢",
            "等一下",
            "说慢一点",
            "刚才说什么",
            "你们是哪家公司",
            "我随便问问",
            "今天星期几",
            "给我唱首歌",
            "你是真人吗",
            "我想跟人工说话",
            "你听不懂吗",
            "不用了谢谢",
            "打错了",
            "我先挂了",
        ),
        "app": (
            "登录不上",
            "app闪退了",
            "支付失败",
            "验证码收不到",
            "密码忘了怎么办",
            "怎么注销账号",
            "app一直卡",
            "页面打不开",
            "怎么改手机号",
            "怎么退出登录",
            "付款扣了钱没到账",
            "怎么开发票报销会员",
            "app怎么更新",
            "消息推送怎么关",
            "账号被封了",
            "怎么绑定微信",
            "人脸识别过不了",
            "收藏的房子找不到了",
            "你们app怎么这么难用",
            "客服电话多少",
            "人工客服",
            "转人工",
            "我要投诉",
        ),
        "weather": (
            "今天天气怎么样",
            "明天下雨吗",
            "{city}明天多少度",
            "这周末天气好吗",
            "外面冷不冷",
            "要不要带伞",
            "今天有雾霾吗",
            "{city}的天气",
            "明天会降温吗",
            "空气质量怎么样",
        ),
        "food": (
            "附近有什么好吃的",
            "推荐个{food}店",
            "帮我点个外卖",
            "{food}哪家好吃",
            "想吃{food}",
            "附近有{food}吗",
            "帮我订个餐厅",
            "人均一百的餐厅推荐一下",
            "晚饭吃什么好",
            "奶茶店在哪",
            "帮我订个{food}的位子|四个人",
            "这家饭店几点关门",
        ),
        "traffic": (
            "现在堵车吗",
            "去{place}怎么走",
            "去{place}坐几号线",
            "{line}几点停运",
            "到{place}要多久",
            "地铁末班车几点",
            "附近的加油站在哪",
            "导航去{place}",
            "公交车几点来",
            "坐地铁去{place}",
            "{line}在哪换乘",
            "开车去{place}堵不堵",
            "限号吗今天",
            "附近有停车场吗",
        ),
        "hotel": (
            "帮我订个酒店",
            "附近有便宜的酒店吗",
            "订一间今晚的房",
            "{place}附近的酒店",
            "快捷酒店多少钱一晚",
            "酒店能退房吗",
            "帮我订两晚宾馆",
            "民宿推荐一下",
            "酒店几点退房",
            "有没有评分高的酒店",
            "我想住{hotel}|一晚{night}以内|要有{amenity}",
            "出差住{nights}|帮我找个{hotel}|离{place}近点",
            "{hotel}有{amenity}吗",
            "帮我看看{place}周边评分{rating}以上的{hotel}",
            "{hotel}{room_type}多少钱一晚",
            "有没有一晚{night}左右的{hotel}|最好带{amenity}",
            "订个{room_type}|住{nights}|{day}入住",
            "那家{hotel}的电话是多少",
            "这个{hotel}附近有地铁站吗",
            "{hotel}能不能延迟退房",
            "旅游住哪里方便|推荐个{hotel}",
            "{hotel}含不含{amenity}",
            "我们{count}出去玩|订个{room_type}",
            "{city}出差|帮我订{nights}{hotel}|{night}以内",
            "酒店入住要押金吗",
            "{hotel}的{room_type}还有吗",
        ),
        "outing": (
            "推荐个景点|门票不要太贵",
            "{attraction}门票多少钱",
            "{attraction}几点开门",
            "{attraction}要玩多久",
            "去完{attraction}附近还有什么好玩的",
            "{attraction}周边有什么好吃的",
            "帮我找个评分{rating}以上的馆子|人均{price_pp}",
            "想吃{food}|人均{price_pp}左右|离{place}近的",
            "{restaurant}有包间吗",
            "{restaurant}营业到几点",
            "逛完{attraction}|想找个地方吃{food}",
            "我们{count}|找个吃{food}的地方|评分高一点",
            "有没有免费的景点",
            "{attraction}需要预约吗",
            "玩完以后打车回{hotel}",
            "从{attraction}到{place}坐地铁怎么走",
            "{restaurant}的招牌菜是什么",
            "{city}有什么必去的地方",
            "附近有没有能上网的咖啡馆",
            "{attraction}和{attraction}哪个好玩",
        ),
        "life": (
            "帮我设个闹钟",
            "放首{song}",
            "播放{song}",
            "今天有什么新闻",
            "股票涨了吗",
            "快递到哪了",
            "帮我查个快递",
            "明天的火车票",
            "订张去{city}的机票",
            "翻译一下你好",
            "一加一等于几",
            "几点了",
            "今天几号",
            "附近的医院",
            "药店在哪",
            "帮我打个电话",
            "景点推荐",
            "{city}有什么好玩的",
            "周末去哪玩",
            "帮我查下{city}的景点门票",
            "哪里可以办签证",
            "我想找工作",
            "你们公司招人吗",
            "我想学英语",
            "电影票怎么买",
            "附近有健身房吗",
            "帮我记一下明天开会",
            "彩票开奖了吗",
            "帮我查一下信用卡账单",
            "社保怎么交",
            "孩子上学怎么报名",
            "附近有没有宠物医院",
            "帮我买个手机",
            "哪里有卖二手家具的",
            "帮我订个蛋糕",
            "最近有什么好看的电影",
            "去医院挂个号",
            "我的{pet}生病了怎么办",
        ),
    },
}


# --- 1. drawing one utterance ----------------------------------------------------------------------------

_SLOT_RE = re.compile(r"\{(\w+)\}")


def _fill(template: str, rng: random.Random) -> str:
    """Replace every ``{slot}`` by a value drawn for it; a slot may be a list or a number renderer."""

    def one(match: re.Match[str]) -> str:
        values = _SLOTS[match.group(1)]
        value = values(rng) if callable(values) else rng.choice(values)
        return _SLOT_RE.sub(one, value)  # slot values may themselves hold slots

    return _SLOT_RE.sub(one, template)


_CONTACT_LEADS = ("我电话", "我电话是", "我手机号", "我手机号是", "我的号码是", "联系电话", "你记一下我电话")


def _phone_number(rng: random.Random) -> str:
    """A plausible mainland mobile number, in digits or read out digit by digit."""
    digits = rng.choice(("13", "15", "17", "18", "19")) + "".join(rng.choice("0123456789") for _ in range(9))
    return digits if rng.random() < 0.5 else _say_digits(digits, rng)


def _dress_as_speech(text: str, rng: random.Random, config: DemoConfig) -> str:
    """Make a clean template look like ASR output: fillers, phrase breaks, a homophone slip, at times a
    phone number left along the way."""
    if rng.random() < config.contact_mention:
        contact = rng.choice(_CONTACT_LEADS) + _phone_number(rng)
        text = f"{contact}|{text}" if rng.random() < 0.6 else f"{text}|{contact}"
    if rng.random() < config.asr_slip:
        slips = [(a, b) for a, b in _ASR_SLIPS if a in text]
        if slips:
            a, b = rng.choice(slips)
            text = text.replace(a, b, 1)
    # "|" in templates marks where a speaker pauses; ASR writes nothing, a space or a comma there.
    breaks = rng.random()
    if breaks < config.space_between:
        joiner = " "
    elif breaks < config.space_between + config.comma_between:
        joiner = "，"
    else:
        joiner = ""
    text = joiner.join(part for part in text.split("|") if part)
    if rng.random() < config.filler_before:
        text = rng.choice(_FILLERS_BEFORE) + rng.choice(("", "", " ")) + text
    if rng.random() < config.filler_after:
        # A question already ending in a particle takes only a courtesy word ("吗谢谢"), never "吗吧".
        ends_in_particle = text[-1:] in "吗呢吧啊呀嘛"
        text += rng.choice(_COURTESIES if ends_in_particle else _FILLERS_AFTER)
    return text.strip()


# --- 2. dedup ---------------------------------------------------------------------------------------------


def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1)) or frozenset({key})


class _Deduper:
    """Keeps one utterance per normalised text (all intents) and drops near-duplicates within an intent."""

    def __init__(self, *, jaccard: float, features: FeatureConfig) -> None:
        self._jaccard = jaccard
        self._features = features
        self._exact: set[str] = set()
        self._grams: dict[str, list[frozenset[str]]] = {}

    def admit(self, text: str, label: str) -> bool:
        # The exact key ignores fillers, punctuation and spacing, so "嗯 找房" and "找房" are one text.
        key = normalize_text(text, self._features).replace(" ", "")
        if not key or key in self._exact:
            return False
        grams = _bigrams(key)
        kept = self._grams.setdefault(label, [])
        for other in kept:
            if len(grams & other) >= self._jaccard * len(grams | other):
                return False
        self._exact.add(key)
        kept.append(grams)
        return True


# --- 3. generation ----------------------------------------------------------------------------------------


def _random_draws(
    families: dict[str, tuple[str, ...]], names: list[str], weights: list[int], rng: random.Random
) -> Iterator[tuple[str, str]]:
    """Endless (family name, template) draws, a family chosen by weight, then a template in it."""
    while True:
        name = rng.choices(names, weights=weights)[0]
        yield name, rng.choice(families[name])


def generate_rows(config: DemoConfig, *, intent_ids: Sequence[str]) -> list[Row]:
    """Draw, dress and deduplicate utterances for every intent in ``config.targets``.

    Raises ``ValueError`` if a target names an intent not in ``intent_ids`` or lacks phrases.
    """
    rng = random.Random(config.seed)
    deduper = _Deduper(jaccard=config.near_dup_jaccard, features=config.features)
    rows: list[Row] = []
    for intent, target in config.targets:
        if intent not in intent_ids:
            raise ValueError(f"demo target {intent!r} is not a taxonomy id ({list(intent_ids)})")
        families = _FAMILIES.get(intent)
        if not families:
            raise ValueError(f"no phrase families for intent {intent!r}")
        names = sorted(families)
        # Weight a family by how many templates it has, so big families are not starved of draws.
        weights = [len(families[name]) for name in names]
        # Every slot-free seed phrase first, so none of them is left out by chance; then random fills.
        seeds = [(name, t) for name in names for t in families[name] if not _SLOT_RE.search(t)]
        draws = _random_draws(families, names, weights, rng)
        kept = 0
        for n, (name, template) in enumerate(itertools.chain(seeds, draws)):
            if kept == target or n >= target * config.max_draws_per_row:
                break
            text = _dress_as_speech(_fill(template, rng), rng, config)
            if deduper.admit(text, intent):
                rows.append(Row(text, intent, f"synthetic:demo_data/{intent}.{name}@seed={config.seed}"))
                kept += 1
    return rows


# --- 4. split -----------------------------------------------------------------------------------------------


def split_rows(
    rows: Sequence[Row], *, seed: int, fractions: tuple[float, float, float]
) -> dict[str, list[Row]]:
    """Stratified, deterministic split into ``train``/``val``/``test``.

    Within each label, rows are ordered by a seeded hash of their text (independent of generation order)
    and cut by ``fractions``; every label with at least three rows gets one row in val and test.
    """
    by_label: dict[str, list[Row]] = {}
    for row in rows:
        by_label.setdefault(row.label, []).append(row)
    out: dict[str, list[Row]] = {"train": [], "val": [], "test": []}
    for label in sorted(by_label):
        group = sorted(
            by_label[label], key=lambda r: hashlib.sha256(f"{seed}\0{r.text}".encode()).hexdigest()
        )
        n = len(group)
        n_val = max(1, round(n * fractions[1])) if n >= 3 else 0
        n_test = max(1, round(n * fractions[2])) if n >= 3 else 0
        n_train = n - n_val - n_test
        out["train"] += group[:n_train]
        out["val"] += group[n_train : n_train + n_val]
        out["test"] += group[n_train + n_val :]
    return out


# --- 5. write ----------------------------------------------------------------------------------------------


def write_splits(splits: dict[str, list[Row]], out_dir: Path) -> dict[str, Path]:
    """Write one JSONL file per split (UTF-8, one row a line); return the paths by split name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, rows in splits.items():
        path = out_dir / f"{name}.jsonl"
        path.write_text("".join(row.to_json() + "\n" for row in rows), encoding="utf-8")
        paths[name] = path
    return paths


def _balance_report(splits: dict[str, list[Row]]) -> str:
    total = Counter(row.label for rows in splits.values() for row in rows)
    n = sum(total.values())
    lines = [f"{'intent':<14}{'train':>7}{'val':>6}{'test':>6}{'all':>7}{'share':>8}"]
    for label in sorted(total):
        counts = [sum(r.label == label for r in splits[s]) for s in ("train", "val", "test")]
        share = total[label] / n
        lines.append(f"{label:<14}{counts[0]:>7}{counts[1]:>6}{counts[2]:>6}{total[label]:>7}{share:>8.1%}")
    lines.append(
        f"{'total':<14}{len(splits['train']):>7}{len(splits['val']):>6}{len(splits['test']):>6}{n:>7}"
    )
    return "\n".join(lines)


def make_demo(config: DemoConfig, out_dir: Path, *, echo: Callable[[str], object] = print) -> dict[str, Path]:
    """Generate, split and write the demo dataset; print the class balance through ``echo``."""
    taxonomy = load_taxonomy()
    rows = generate_rows(config, intent_ids=taxonomy.ids)
    splits = split_rows(rows, seed=config.seed, fractions=config.split)
    paths = write_splits(splits, out_dir)
    echo(_balance_report(splits))
    echo(f"config: {json.dumps(asdict(config), ensure_ascii=False)}")
    for path in paths.values():
        echo(f"wrote {path}")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_DEMO_DIR)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    make_demo(DemoConfig(seed=args.seed), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
