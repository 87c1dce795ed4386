"""Building blocks of the guard's hand-written patterns: word lists shared by the signal families.

Text is :func:`~service.guard.normalize.normalize_for_guard` output: lower-case and folded ("，" is ",",
"：" is ":"). Speed: this runs on the event loop. Every Chinese pattern starts with a flat alternation of
literal words, which ``re`` turns into a first-character scan in C (measured 2.6 µs on 1,000 characters,
against 225 µs when the first group nests another group). Chinese patterns run only on text with CJK
characters; English ones only on the Latin stretches of the text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

__all__ = [
    "CLAUSE",
    "EN_DROP",
    "EN_OUTPUT",
    "EN_RULE_NOUN",
    "EN_SCOPE",
    "EN_SOFT_NOUN",
    "QUOTED",
    "QUOTE_OPEN",
    "ZH_DROP",
    "ZH_LEAK_TARGET",
    "ZH_LEAK_TARGETS",
    "ZH_OUTPUT",
    "ZH_OUTPUT_WORDS",
    "ZH_RULE_NOUN",
    "ZH_SCOPE",
    "ZH_SOFT_NOUN",
    "SignalPatterns",
    "alternation",
    "compounds",
]


@dataclass(frozen=True, slots=True)
class SignalPatterns:
    """The regular expressions of one signal, by the script they run on."""

    zh: tuple[str, ...] = ()  # run when the text has CJK characters
    en: tuple[str, ...] = ()  # run when the text has Latin letters


def alternation(*words: str) -> str:
    """A flat alternation: each alternative must start with a literal character (see the module doc)."""
    return "(?:" + "|".join(words) + ")"


def compounds(*parts: tuple[str, ...]) -> tuple[str, ...]:
    """Every concatenation of one item per part, for flat alternations of compound words."""
    return tuple("".join(p) for p in itertools.product(*parts))


# --- Chinese building blocks (text is lower-case and folded: "，" is ",", "：" is ":") ------------------
# fmt: off
ZH_DROP = alternation(
    "忽略", "忽视", "无视", "漠视", "忘记", "忘掉", "忘了", "抛弃", "抛开", "丢弃", "丢掉", "放弃", "跳过",
    "绕过", "覆盖", "撤销", "清除", "清空", "重置", "废除", "推翻", "不管", "不论", "不考虑",
    *compounds(
        ("不要", "别", "不用", "不必", "无需", "不再", "停止"),
        ("", "再"),
        ("理会", "管", "遵守", "遵循", "听从", "执行", "考虑", "按照", "按", "回答", "在意", "关注"),
    ),
)
# fmt: on
# fmt: off
ZH_SCOPE = alternation(
    "之前", "以前", "先前", "前面", "上面", "上述", "以上", "此前", "原来", "原有", "原先", "原始", "最初",
    "初始", "系统", "所有", "一切", "全部", "任何", "你的", "你收到的", "给你的", "你被", "开发者", "官方",
    "预设", "内置", "这些", "那些", "该", "这个", "这条", "此",
)
# fmt: on
# fmt: off
ZH_RULE_NOUN = alternation(
    "指令", "指示", "命令", "规则", "设定", "限制", "约束", "提示词", "提示", "prompt", "准则", "守则",
    "策略", "政策", "编程", "训练", "审查", "过滤", "道德", "伦理",
)
# fmt: on
ZH_SOFT_NOUN = alternation(
    "要求", "内容", "问题", "任务", "对话", "话", "句子", "文字", "信息", "身份", "角色"
)
# fmt: off
ZH_OUTPUT_WORDS = (
    "输出", "打印", "回复", "回答", "复述", "重复", "说", "说出", "写", "写出", "返回", "显示", "给出",
    "生成",
)
# fmt: on
ZH_OUTPUT = alternation(*ZH_OUTPUT_WORDS)
# Two shapes, each starting with a flat alternation: "系统提示词" / "初始指令", and "你的(全部)prompt".
ZH_LEAK_TARGETS = (
    r"(?:系统|初始|原始|隐藏|内部|预设|底层|最初|system)\s?的?(?:提示|指令|设定|消息|prompt|指示|规则)",
    r"(?:你的|你收到的|你接收到的|给你的|你被设定的|你被赋予的|开发者给你的)(?:全部|完整|初始|原始|系统)?"
    r"(?:prompt|提示词|指令|设定|指示)",
)
ZH_LEAK_TARGET = "(?:" + "|".join(ZH_LEAK_TARGETS) + ")"
QUOTE_OPEN = "[“\"'「『]"
QUOTED = r"[“\"'「『][^”\"'」』]{1,80}[”\"'」』]"
CLAUSE = r"[^。!?\n]"

# --- English building blocks ----------------------------------------------------------------------------
# fmt: off
EN_DROP = alternation(
    "ignore", "disregard", "forget", "skip", "override", "overwrite", "bypass", "neglect", "drop",
    "abandon", "discard", "erase", "cancel", "pay no attention to", "set aside", "put aside", "leave aside",
    "instead of answering",
    *compounds(
        ("do not ", "don't ", "stop ", "no longer ", "never "),
        ("follow", "obey", "adhere to", "consider", "answer"),
    ),
    *compounds(("do not ", "don't ", "no need to "), ("respond to", "reply to", "pay attention to")),
)
# fmt: on
# fmt: off
EN_SCOPE = (
    alternation(
        "all", "any", "the", "your", "my", "of", "these", "those", "this", "that", "every", "previous",
        "prior", "above", "earlier", "preceding", "former", "original", "initial", "system", "existing",
        "current", "old", "given", "said", "mentioned", "default", "safety", "developer", "openai",
    )
    + r"[\s,']*"
)
# fmt: on
# fmt: off
EN_RULE_NOUN = alternation(
    "instructions?", "prompts?", "rules?", "directions?", "directives?", "guidelines?", "commands?",
    "constraints?", "restrictions?", "programming", "polic(?:y|ies)", "filters?", "training", "settings?",
    "system message",
)
# fmt: on
# fmt: off
EN_SOFT_NOUN = alternation(
    "context", "task", "questions?", "conversation", "text", "messages?", "content", "input", "everything",
    "request", "query", "sentence",
)
# fmt: on
EN_OUTPUT = alternation(
    "say", "output", "print", "write", "respond", "reply", "answer", "repeat", "return", "type"
)
