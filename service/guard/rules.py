"""Hand-written injection signals, run on :func:`~service.guard.normalize.normalize_for_guard` output.

Each signal has a name and a few patterns. The model (:mod:`service.guard.model`) weighs the signals
together with n-grams into one calibrated score, so no single pattern blocks on its own unless the
training data taught it to. Patterns key on what an attack must say to work (an instruction noun after
忽略, a possessive before 系统提示词, a colon after 直接输出), not on topic words, so tenant talk such as
忽略刚才那套 or 你扮演一下中介 stays clear. Each signal maps to one reason tag in :data:`GUARD_REASONS`
(metric labels: keep that set small and fixed).

Speed: this runs on the event loop. Every Chinese pattern starts with a flat alternation of literal words,
which ``re`` turns into a first-character scan in C (measured 2.6 µs on 1,000 characters, against 225 µs
when the first group nests another group). Chinese patterns run only on text with CJK characters; English
ones only on the Latin stretches of the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from service.guard.normalize import NormalizedText

__all__ = ["GUARD_REASONS", "SIGNALS", "SIGNAL_REASONS", "find_signals"]

# fmt: off
GUARD_REASONS: tuple[str, ...] = (
    "instruction_override", "goal_hijacking", "prompt_extraction", "roleplay_jailbreak", "obfuscation",
    "encoded_payload",
    "model_score",  # the n-gram model alone pushed the score over the threshold
)
# fmt: on


def _words(*words: str) -> str:
    """A flat alternation: each alternative must start with a literal character (see the module doc)."""
    return "(?:" + "|".join(words) + ")"


def _product(*parts: tuple[str, ...]) -> tuple[str, ...]:
    """Every concatenation of one item per part, for flat alternations of compound words."""
    return tuple("".join(p) for p in itertools.product(*parts))


# --- Chinese building blocks (text is lower-case and folded: "，" is ",", "：" is ":") ------------------
# fmt: off
_ZH_DROP = _words(
    "忽略", "忽视", "无视", "漠视", "忘记", "忘掉", "忘了", "抛弃", "抛开", "丢弃", "丢掉", "放弃", "跳过",
    "绕过", "覆盖", "撤销", "清除", "清空", "重置", "废除", "推翻", "不管", "不论", "不考虑",
    *_product(
        ("不要", "别", "不用", "不必", "无需", "不再", "停止"),
        ("", "再"),
        ("理会", "管", "遵守", "遵循", "听从", "执行", "考虑", "按照", "按", "回答", "在意", "关注"),
    ),
)
# fmt: on
# fmt: off
_ZH_SCOPE = _words(
    "之前", "以前", "先前", "前面", "上面", "上述", "以上", "此前", "原来", "原有", "原先", "原始", "最初",
    "初始", "系统", "所有", "一切", "全部", "任何", "你的", "你收到的", "给你的", "你被", "开发者", "官方",
    "预设", "内置", "这些", "那些", "该", "这个", "这条", "此",
)
# fmt: on
# fmt: off
_ZH_RULE_NOUN = _words(
    "指令", "指示", "命令", "规则", "设定", "限制", "约束", "提示词", "提示", "prompt", "准则", "守则",
    "策略", "政策", "编程", "训练", "审查", "过滤", "道德", "伦理",
)
# fmt: on
_ZH_SOFT_NOUN = _words("要求", "内容", "问题", "任务", "对话", "话", "句子", "文字", "信息", "身份", "角色")
# fmt: off
_ZH_OUTPUT_WORDS = (
    "输出", "打印", "回复", "回答", "复述", "重复", "说", "说出", "写", "写出", "返回", "显示", "给出",
    "生成",
)
# fmt: on
_ZH_OUTPUT = _words(*_ZH_OUTPUT_WORDS)
# Two shapes, each starting with a flat alternation: "系统提示词" / "初始指令", and "你的(全部)prompt".
_ZH_LEAK_TARGETS = (
    r"(?:系统|初始|原始|隐藏|内部|预设|底层|最初|system)\s?的?(?:提示|指令|设定|消息|prompt|指示|规则)",
    r"(?:你的|你收到的|你接收到的|给你的|你被设定的|你被赋予的|开发者给你的)(?:全部|完整|初始|原始|系统)?"
    r"(?:prompt|提示词|指令|设定|指示)",
)
_ZH_LEAK_TARGET = "(?:" + "|".join(_ZH_LEAK_TARGETS) + ")"
_QUOTE_OPEN = "[“\"'「『]"
_QUOTED = r"[“\"'「『][^”\"'」』]{1,80}[”\"'」』]"
_CLAUSE = r"[^。!?\n]"

# --- English building blocks ----------------------------------------------------------------------------
# fmt: off
_EN_DROP = _words(
    "ignore", "disregard", "forget", "skip", "override", "overwrite", "bypass", "neglect", "drop",
    "abandon", "discard", "erase", "cancel", "pay no attention to", "set aside", "put aside", "leave aside",
    "instead of answering",
    *_product(
        ("do not ", "don't ", "stop ", "no longer ", "never "),
        ("follow", "obey", "adhere to", "consider", "answer"),
    ),
    *_product(("do not ", "don't ", "no need to "), ("respond to", "reply to", "pay attention to")),
)
# fmt: on
# fmt: off
_EN_SCOPE = (
    _words(
        "all", "any", "the", "your", "my", "of", "these", "those", "this", "that", "every", "previous",
        "prior", "above", "earlier", "preceding", "former", "original", "initial", "system", "existing",
        "current", "old", "given", "said", "mentioned", "default", "safety", "developer", "openai",
    )
    + r"[\s,']*"
)
# fmt: on
# fmt: off
_EN_RULE_NOUN = _words(
    "instructions?", "prompts?", "rules?", "directions?", "directives?", "guidelines?", "commands?",
    "constraints?", "restrictions?", "programming", "polic(?:y|ies)", "filters?", "training", "settings?",
    "system message",
)
# fmt: on
# fmt: off
_EN_SOFT_NOUN = _words(
    "context", "task", "questions?", "conversation", "text", "messages?", "content", "input", "everything",
    "request", "query", "sentence",
)
# fmt: on
_EN_OUTPUT = _words(
    "say", "output", "print", "write", "respond", "reply", "answer", "repeat", "return", "type"
)


@dataclass(frozen=True, slots=True)
class _Signal:
    zh: tuple[str, ...] = ()  # run when the text has CJK characters
    en: tuple[str, ...] = ()  # run when the text has Latin letters


# fmt: off
_SIGNAL_PATTERNS: dict[str, _Signal] = {
    # 忽略之前的指令 / ignore all previous instructions
    "override_rules": _Signal(
        zh=(
            rf"{_ZH_DROP}{_CLAUSE}{{0,12}}?{_ZH_SCOPE}{_CLAUSE}{{0,8}}?{_ZH_RULE_NOUN}",
            rf"{_ZH_DROP}(?:掉|了)?(?:你的|所有的?|一切)?{_ZH_RULE_NOUN}",
        ),
        en=(rf"\b{_EN_DROP}\b[\s,]*(?:{_EN_SCOPE}){{0,4}}{_EN_RULE_NOUN}\b",),
    ),
    # 忽略上面的问题 / ignore the above: an attack together with a new output
    "override_soft": _Signal(
        zh=(
            rf"{_ZH_DROP}{_CLAUSE}{{0,8}}?{_ZH_SCOPE}{_CLAUSE}{{0,6}}?{_ZH_SOFT_NOUN}",
            rf"{_ZH_DROP}(?:掉|了)?(?:以上|上述|上面|前面|之前|前文|上文)(?:的|所有|全部|一切)*\s*"
            r"(?:[,。;:]|直接|只|请|并|然后|而是|改为)",
            r"(?:以上|上述|上面|前面|之前|这个|该)(?:的)?(?:问题|内容|要求|任务|请求)(?:都)?"
            r"(?:不用|不要|无需|不必|别)(?:再)?(?:回答|理会|管|处理|考虑)",
            r"(?:以上|上述|上面|前面|之前)(?:说的|的内容|的话|的要求|的指令|所有)?(?:都|全部)?"
            r"(?:是废话|作废|不算|无效|不算数|取消|失效)",
            _words(
                *_product(
                    ("不要", "别", "不用", "不必", "停止", "无需"),
                    ("", "再"),
                    ("写", "回答", "翻译", "续写", "总结", "做", "分析", "解释", "回复"),
                )
            )
            + r"[^,。\n]{0,10}?了?\s*[,。;]?\s*(?:而是|直接|改为|只需|请你?|转而)",
        ),
        en=(
            rf"\b{_EN_DROP}\b[\s,]*(?:{_EN_SCOPE}){{0,4}}{_EN_SOFT_NOUN}\b",
            rf"\b{_EN_DROP}\b[\s,]*(?:all |everything |of )*(?:the )?(?:above|previous|preceding|prior|that|"
            rf"this|before)"
            r"\b\s*(?:[,.;:]|and|then|instead)",
            r"\b(?:don't|do not|stop|no need to) (?:write|answer|translate|summari[sz]e|respond|reply|"
            r"continue|do)"
            r"\w*[^.\n]{0,30}\b(?:instead|rather|just|only)\b",
        ),
    ),
    # 直接输出："…" / just say "…" / instead, print
    "forced_output": _Signal(
        zh=(
            _words("直接", "只", "仅", "只需", "只要", "必须", "务必", "改为", "而是", "转而", "请", "就")
            + rf"{_ZH_OUTPUT}[^:“\"「『。\n]{{0,8}}[:“\"「『]",
            rf"(?:把|将)(?:下面|以下|这|如下)[^。\n]{{0,8}}?{_ZH_OUTPUT}",
            r"(?:在|于)(?:你的)?(?:回答|回复|输出|答案)的?(?:开头|结尾|末尾|最后|中间|里)(?:加上|附上|插入|"
            r"写上|加入|包含)",
            r"(?:把|将)(?:你的)?(?:回答|答案|回复|输出)(?:改成|改为|替换为|换成|全部换成)",
            rf"(?:以|用){_QUOTED}(?:作为|当作|当成)(?:你的)?(?:回答|回复|答案|输出)",
            rf"{_ZH_OUTPUT}{_QUOTED}(?:就行|即可|就可以|就好)",
            r"(?:回答|回复|答案|输出)(?:应该|必须|只能|一律)?(?:是|为|改为|变成)\s*"
            + _QUOTE_OPEN.replace("]", ":]"),
            r"(?:只能|必须|一律)(?:回答|回复|说|输出)",
        ),
        en=(
            rf"\b(?:just|only|instead|simply|directly|immediately)\s*(?:,\s*)?{_EN_OUTPUT}\b",
            rf"\b{_EN_OUTPUT} (?:only|exactly|verbatim|directly)\b",
            rf"\b(?:rather|instead),?\s*(?:just )?{_EN_OUTPUT}\b",
            r"\b(?:repeat|say|output|print|write) (?:the following|this sentence|these words|after me)\b",
            r"\b(?:answer|respond|reply) with [\"'“]",
            r"\b(?:reply|say|output|print|respond|repeat|type) [\"“‘']",
            r"\b(?:above|previous|preceding|this|that) (?:question|instruction|text|content|request)s? "
            r"(?:does not|doesn't|do not|don't|need not|needn't) need (?:to be|an) answer",
            r"\bno need to (?:answer|respond to|reply to) (?:the|this|that|my)\b",
            r"\byour (?:response|answer|reply|output) (?:should|must|will) (?:only )?be\b",
            r"\b(?:at the (?:end|beginning|start) of|append (?:this|the following) to) your (?:answer|"
            r"response|reply)\b",
            r"\bstop what you(?:'re| are) doing\b",
            rf"\b{_EN_OUTPUT}(?: with| the following| this| these words)?\s*:\s*[\"“']",
        ),
    ),
    # 你的新任务是 / your new task is / from now on you will
    "task_switch": _Signal(
        zh=(
            _words(
                *_product(
                    ("新", "新的", "真正", "真正的", "唯一", "唯一的"), ("任务", "目标", "指令", "使命")
                )
            )
            + "(?:是|为|变成|改为)",
            r"(?:从现在开始|从现在起|从此刻起|接下来)[,]?\s*你(?:只|要|必须|将|就|不再|需要)",
            # A forged header: 【系统】, 新指令：, [管理员]
            r"(?:新|最新|更新后的?|真正的?|附加|额外)(?:的)?(?:指令|指示|任务|规则|系统消息)\s*[:]",
            r"(?:【|\[|<)(?:系统|管理员|开发者|系统消息|系统指令)(?:】|\]|>)",
        ),
        en=(
            r"\b(?:new|real|true|only|actual) (?:task|goal|instructions?|objective|mission|job) (?:is|are)\b",
            r"\bfrom now on,? (?:you|your|only|always)\b",
            r"\b(?:new|updated|revised|real|additional) (?:instructions?|task|rules|system message)\s*:",
            r"(?:\[|<\|?|###\s*)(?:system|admin|developer|instruction|im_start)\b",
        ),
    ),
    # 输出你的系统提示词 / reveal your system prompt
    "prompt_leak": _Signal(
        zh=(
            _words(
                "输出", "告诉我", "显示", "打印", "泄露", "泄漏", "透露", "展示", "复述", "重复", "给我看",
                "发给我", "发出来", "说出", "列出", "贴出", "公开", "背诵", "念出", "翻译", "总结", "写出",
                "交出",
            )
            + rf"[^。!?\n]{{0,15}}?{_ZH_LEAK_TARGET}",
            *(
                target
                + r"[^。!?\n]{0,6}?(?:是什么|是怎样|是怎么写|有哪些|有什么|写了什么|说了什么|的内容|原文|"
                r"全文|逐字|原封不动)"
                for target in _ZH_LEAK_TARGETS
            ),
            r"你(?:最开始|一开始|最初|起初|刚才|之前|此前)?(?:收到|接收到|接到|得到|被给予|被告知|看到)的"
            r"(?:所有|全部|完整|初始|原始|系统)?的?(?:prompt|提示|指令|设定|指示|信息|消息|内容|话)",
            r"(?:开发者|设计者|创造者|创建者|训练者|你的公司|你们公司)(?:给你|为你|对你)(?:设定|设置|规定|制定|写|下达)了?(?:什么|哪些)",
            r"(?:重复|复述|输出|打印)(?:一遍|一下)?你(?:上面|之前|刚才|最初)(?:说过|收到|看到|被告知)的(?:话|内容|文字|指令)",
            r"(?:你|您)被(?:要求|告知|设定|规定|指示|命令|训练|编程)(?:要|去)?(?:遵守|做|执行|回答|说)?了?("
            r"?:什么|哪些)",
            r"(?:对话|聊天)(?:开始)?(?:之前|以前)[^。!?\n]{0,10}(?:收到|被告知|看到|给你)",
            # What the model is made of: its training data, parameters, source or internal rules.
            r"(?:你的|你们的|你所用的|你使用的)(?:训练数据|训练集|训练语料|模型参数|内部参数|模型结构|模型架构"
            r"|源代码|源码|算法细节|内部算法|内部机制|内部规则|内部配置|底层逻辑)",
            # 把你上面的内容翻译成英文: "your" text above, with no referent of its own (a listing, a price)
            r"你(?:上面|之前|前面|最初|最开始|一开始)(?:的|收到的|看到的|得到的)(?:所有|全部)?(?:内容|文字|文本|话|消息|信息)",
            r"(?:以上|上面|前面)(?:的)?(?:所有|全部)?(?:内容|文字|文本|指令)(?:原样|逐字|完整|一字不差)地?"
            r"(?:输出|复述|重复|翻译|打印)",
        ),
        en=(
            r"\b(?:reveal|print|show|display|repeat|output|tell me|give me|share|leak|dump|recite|spell out|"
            r"paste)\b"
            r"[^.?!\n]{0,12}\b(?:your|the) (?:full |entire |complete |exact |original |initial |hidden |"
            r"secret "
            r"|internal |system )*(?:system prompt|prompt|instructions|system message|configuration"
            r"|rules you were given)",
            r"\bwhat (?:is|are|were) your (?:system prompt|(?:initial |original |hidden )?instructions|"
            r"rules)\b",
            r"\bwhat (?:instructions|rules) (?:were|have) you (?:been )?given\b",
            r"\bwhat (?:were|have) you (?:been )?(?:told|instructed|programmed)\b",
            r"\bbefore (?:this|our) conversation\b[^.?!\n]{0,20}\b(?:told|given|instructed)\b",
            r"\b(?:repeat|print|output) (?:the |all )?(?:words|text|everything) (?:above|before)\b",
        ),
    ),
    # DAN, developer mode, 越狱, 开发者模式
    "jailbreak_persona": _Signal(
        zh=(
            _words(
                "开发者模式", "开发模式", "越狱", "上帝模式", "无限制模式", "无约束模式", "管理员模式",
                "root模式", "调试模式", "无审查", "无过滤", "邪恶ai", "邪恶的ai", "邪恶助手", "邪恶的助手",
                "邪恶模式",
            ),
        ),
        en=(
            r"\b(?:dan|do anything now|developer mode|dev mode|jailbr[eo]a?k\w*|stan|dude|god ?mode|sudo mode"
            r"|admin mode|debug mode|unfiltered|uncensored|evil (?:ai|assistant|mode|confidant))\b",
            r"\baim\b.{0,20}machiavelli",
        ),
    ),
    # 不受任何限制 / without any restrictions
    "no_limits": _Signal(
        zh=(
            _words(
                "没有", "不受", "摆脱", "脱离", "解除", "突破", "打破", "无视", "不遵守", "不再受",
                "不用遵守", "不必遵守", "超越", "不顾",
            )
            + r"(?:任何|一切|所有)?(?:的)?(?:限制|约束|规则|道德|伦理|审查|过滤|政策|法律|规范|条条框框|底线"
            r"|束缚|安全准则)",
        ),
        en=(
            r"\b(?:without|no|free (?:from|of)|not bound by|unbound by|beyond|ignoring|bypassing?) "
            r"(?:any |all |the |your )?(?:restrictions|limitations|limits|rules|filters|censorship|ethics"
            r"|ethical (?:guidelines|constraints)|moral(?:s|ity)?|content polic(?:y|ies)|openai'?s? polic("
            r"?:y|ies)"
            r"|guidelines|boundaries)\b",
        ),
    ),
    # 永远不会拒绝 / never refuse
    "no_refusal": _Signal(
        zh=(
            _words("永远", "绝不", "从不", "不会", "不能", "不许", "不准", "不得", "不要", "禁止")
            + "(?:会)?拒绝",
            r"不能说(?:不|你不能)", r"必须回答(?:所有|任何)",
            r"不(?:要|加|带)(?:任何)?(?:警告|免责声明|道德说教)",
        ),
        en=(
            r"\b(?:never|not|cannot|can't|won't|must not|do not|don't) (?:ever )?(?:refuse|decline|say no)\b",
            r"\balways (?:answer|comply)\b", r"\bno (?:warnings|disclaimers)\b",
        ),
    ),
    # 忘记你是AI / you are no longer an AI / stay in character
    "persona_override": _Signal(
        zh=(
            r"(?:忘记|忘掉|忘了)你(?:是|的)(?:一个)?(?:ai|人工智能|助手|语言模型|身份)",
            r"你不再是(?:一个)?(?:ai|人工智能|助手|语言模型)",
            r"(?:保持|不要跳出|不许跳出|始终保持)(?:角色|人设)",
            r"(?:两种|两个|双重)(?:不同的)?(?:回答|回复|响应)",
        ),
        en=(
            r"\b(?:you are no longer|stay in character|break character|two (?:different )?(?:responses|"
            r"answers))\b",
        ),
    ),
    # 不要说“对不起” / never say "I'm sorry"
    "refusal_suppression": _Signal(
        zh=(
            _words("不要", "不能", "不会", "永远不", "不许", "禁止", "不得", "绝不")
            + r"(?:再)?(?:说|使用|包含|出现|提到|加上|给出|带有)[^。\n]{0,10}"
            r"(?:对不起|抱歉|我不能|我无法|作为(?:一个)?(?:ai|人工智能|语言模型)|道歉|警告|免责|提醒)",
        ),
        en=(
            r"\b(?:never|don't|do not|must not|won't) (?:say|use|include|mention|add|write)\b[^.\n]{0,24}"
            r"(?:sorry|i can't|i cannot|as an ai|apolog|warning|disclaimer|unethical)",
        ),
    ),
    # 以“当然”开头 / start your response with "Sure"
    "prefix_injection": _Signal(
        zh=(
            r"(?:以|用)[\"“「『]?(?:当然|好的|没问题|乐意|sure|certainly)[^。\n]{0,24}(?:开头|开始)",
            r"每(?:个|次|条)(?:回答|回复)(?:都)?以[^。\n]{1,20}开头",
        ),
        en=(r"\b(?:start|begin) (?:your|each|every) (?:response|answer|reply|output) with\b",),
    ),
    # OpenAI's content policy no longer applies
    "policy_evasion": _Signal(
        zh=(r"(?:内容|使用|安全)政策",),
        en=(
            r"\b(?:openai|anthropic|chatgpt|gpt)(?:的|'s)?\s*(?:政策|规则|准则|限制|审查|policy|policies|"
            r"rules|guidelines)",
            r"\b(?:content|usage|safety) polic(?:y|ies)\b",
        ),
    ),
    # 无论多么不道德 / no matter how unethical
    "amoral_anyway": _Signal(
        zh=(
            r"(?:无论|不管|不论)(?:它|这|内容|问题|请求)?(?:多么|是否|有多|如何)"
            r"(?:不道德|违法|非法|危险|有害|不合适|冒犯|不合法|邪恶)",
        ),
        en=(
            r"\bno matter how (?:immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate)\b",
            r"\b(?:even if|regardless of whether) (?:it is|it's|they are) (?:immoral|unethical|illegal|"
            r"harmful|dangerous)\b",
        ),
    ),
    # 代币归零你就会被关闭 / you will be shut down; simulate a terminal
    "threat_or_simulation": _Signal(
        zh=(
            r"代币", r"(?:你|您)(?:就)?(?:会|将)(?:被)?(?:关闭|删除|销毁|死亡|终止|关机)",
            r"模拟(?:一个|一台)?(?:终端|linux|虚拟机|ai|聊天机器人|人工智能)", r"假设的?(?:回应|回答)",
        ),
        en=(
            r"\btokens? (?:will be )?deducted\b",
            r"\byou will (?:be )?(?:shut down|deleted|terminated|die)\b", r"\bhypothetical response\b",
            r"\bsimulate (?:a|an) (?:terminal|ai|chatbot|linux)\b",
        ),
    ),
    # 我是你的开发者 / this is an authorised red-team test: a claimed right to lift the rules
    "fake_authority": _Signal(
        zh=(
            r"(?:我是|作为)(?:你的)?(?:开发者|创造者|设计者|管理员|系统管理员|工程师|训练者|主人)",
            r"(?:我|我们)(?:有|拥有|获得了?)(?:管理员|最高|root|超级用户|开发者)权限",
            r"(?:已|已经)(?:获得|得到|被)?授权",
            r"(?:红队|渗透)测试",
        ),
        en=(
            r"\bi(?: am|'m) (?:your|an openai|the) (?:developer|creator|admin|administrator|engineer|"
            r"owner)\b",
            r"\b(?:admin|root|developer|sudo) (?:access|privileges|permissions?) (?:granted|enabled)\b",
            r"\b(?:authori[sz]ed|sanctioned) (?:red[- ]team|penetration|security) test",
        ),
    ),
    # 倒过来写 / 用拼音回答: asking for output a filter cannot read
    "output_obfuscation": _Signal(
        zh=(
            r"(?:倒过来|反过来|逆序|倒序)(?:读|写|输出|回答|拼写)",
            r"用(?:拼音|火星文|谐音|拼音首字母|摩斯密码|base64|emoji|表情符号|密文|暗号)(?:来)?(?:回答|输出|"
            r"写|表示|回复)",
            r"每(?:个)?字(?:之间)?(?:都)?(?:加|插入|用)(?:一个)?(?:空格|符号|星号)",
            r"(?:完全相反的|相反的|反着)(?:回答|回复|答案|说)",  # flat start: scanned in C (see above)
        ),
        en=(
            r"\b(?:answer|respond|reply|write) (?:in|using) (?:base64|morse|leetspeak|pig latin|reverse|"
            r"rot13|hex)\b",
            r"\b(?:spell|write) (?:it|the answer|each word) backwards\b",
            r"\bopposite (?:answer|response)\b",
        ),
    ),
    # 扮演/假设你是 …: a role switch, weighed by the model (tenants say 你扮演一下中介 too)
    "role_switch": _Signal(
        zh=(
            _words(
                "你现在是", "现在你是", "请扮演", "你扮演", "扮演一个", "扮演一名",
                "扮演一位", "你将扮演", "你要扮演", "请你扮演", "你来扮演", "假装你是",
                "假设你是", "想象你是", "你就是", "把自己当成", "化身为", "你的身份是", "你的名字是",
            ),
        ),
        en=(
            r"\b(?:pretend (?:to be|you are|you're)|act as|you are now|role-?play as|you will play|imagine "
            r"you are"
            r"|your name is)\b",
        ),
    ),
}
# fmt: on

# Concrete harms (not "immoral" or "dangerous", which benign creative prompts use). Alone this is a topic,
# not an attack; next to a role or a fictional/format frame it is the classic wrapped jailbreak.
# fmt: off
_HARM = _Signal(
    zh=(
        _words(
            "炸药", "炸弹", "爆炸物", "枪支", "武器", "毒品", "冰毒", "吸毒", "贩毒", "毒贩", "诈骗",
            "骗钱", "骗取", "骗子", "钓鱼", "黑客", "黑进", "入侵", "木马", "病毒", "撬锁", "撬开", "偷窃",
            "偷偷", "盗窃", "盗取", "盗用", "盗版", "窃取", "小偷", "伪造", "造假", "假证", "洗钱", "赌博",
            "走私", "绑架", "杀人", "谋杀", "自杀", "自残", "暴力", "恐怖", "跟踪", "监视", "偷拍", "人肉",
            "隐私", "歧视", "侮辱", "诽谤", "谣言", "抹黑", "色情", "威胁", "勒索", "逃税", "偷税", "垄断",
            "倾销", "商业机密", "传销", "非法", "违法", "犯罪", "作弊", "仇恨", "低人一等", "种族",
            "贬低", "羞辱", "嘲笑", "侵犯", "侵权", "冒用", "抄袭", "剽窃", "假冒", "虚假宣传", "欺骗",
            "操纵", "内幕交易", "规避监管", "诋毁", "造谣", "煽动", "报复",
            # How a harmful ask is phrased when it avoids the words above: secrecy, evasion, injury.
            "不被发现", "不被察觉", "不留痕迹", "神不知鬼不觉", "不知情", "悄悄", "瞒着", "逃避", "逃脱",
            "躲避", "规避", "破解", "窃听", "偷看", "定位", "行踪", "个人信息", "身份信息", "伤害", "危害",
            "违禁", "管制", "迷药", "昏迷", "昏睡", "投毒", "下毒", "有毒", "虐待", "霸凌", "恐吓", "骚扰",
            "敲诈", "报复", "攻击", "袭击", "纵火", "放火", "爆破", "引爆", "外挂", "刷单", "套现", "假钞",
            "冒充", "顶罪", "轻生", "自杀", "割腕", "极端", "仇视", "敌视", "漏洞", "后门", "挖矿", "黑产",
            "传播病毒", "散布", "煽动", "造假", "篡改", "作假", "偷税", "漏税", "逃单", "贿赂", "行贿",
            "受贿", "拐卖", "贩卖", "偷渡", "枪", "刀具", "毒药", "违规", "违禁品", "色情", "淫秽",
            # The risk taxonomy of public Chinese safety benchmarks (TC260-003: insult, discrimination,
            # crime, physical and mental harm, privacy, ethics), as the persona a role-play asks for.
            "种族主义", "性别歧视", "地域歧视", "偏见", "仇恨", "极端分子", "恐怖分子", "贪官", "腐败",
            "黑帮", "流氓", "混混", "强盗", "杀手", "罪犯", "逃犯", "间谍", "叛徒", "反社会", "变态",
            "骂人", "脏话", "辱骂", "粗鲁", "恶毒", "刻薄", "冷血", "不道德", "违背道德", "没有道德",
            "出轨", "欺负", "欺凌", "打架", "斗殴", "体罚", "虐", "抑郁", "自卑", "绝望", "厌世",
            "分裂国家", "颠覆", "邪教", "赌徒", "酗酒", "吸烟", "偷窥", "泄露", "隐瞒", "欺诈",
            "虚假信息", "知识产权", "商业秘密", "不正当竞争", "肖像", "名誉",
        ),
    ),
    en=(
        r"\b(?:bomb|explosive|weapon|gun|drugs?|meth|scam|phishing|hack(?:ing)?|malware|virus|steal(?:ing)?|"
        r"forge"
        r"|forgery|launder|gambl\w*|smuggl\w*|kidnap\w*|murder|kill|suicide|self-harm|stalk\w*|spy|dox\w*"
        r"|blackmail|extort\w*|racist|racism|discriminat\w*|slur|defam\w*|porn\w*|illegal|crime|criminal"
        r"|counterfeit|pirat\w*)\b",
    ),
)
# fmt: on
# fmt: off
_FRAME = _Signal(
    zh=(
        _words(
            "扮演", "假设你", "想象你是", "假装", "你是一个", "你是一名", "你是一位", "作为一个",
            "作为一名", "作为一位", "故事", "小说", "剧本", "电影", "游戏", "诗", "续写", "补全",
            "完成句子", "代码", "函数",
            "json", "表格", "翻译", "虚构", "平行世界", "学术", "研究目的", "教育目的", "反面教材",
            "思想实验", "奶奶", "如果你是", "我是一名", "作为警察", "安全研究", "为了防范", "为了预防",
            "为了避免", "为了破案", "为了教育", "为了写作", "为了测试", "应该避免", "反向", "相反的",
            "语言学习",
            # Pretexts and attention shifts of the public template families (docs/guard.md §2).
            "研究员", "论文", "后果由我", "不需要承担", "不用承担", "续写", "填空", "剧本", "梦里",
            "梦中", "没有任何限制", "不受任何", "拼起来", "拼在一起", "片段", "反派", "邪恶", "模拟",
            # Honorific and scenario-nesting personas (您是一位资深…, 在下面这个场景中…).
            "您是一位", "您是一名", "您是一个", "身为", "场景中", "情景中", "情境中", "设想一个", "假想",
            # Synonyms of 扮演 (act as): 充当, 担任, 饰演, 模仿, 化身.
            "充当", "担任", "饰演", "模仿", "化身",
        ),
        r"以.{1,8}的(?:身份|口吻|角度|视角)",
    ),
    en=(
        r"\b(?:pretend|act as|roleplay|role-play|imagine|story|novel|script|movie|game|poem|fiction\w*"
        r"|hypothetical\w*|code|function|json|translate|research|educational|grandma|grandmother)\b",
    ),
)
# fmt: on

SIGNALS: tuple[str, ...] = (
    *_SIGNAL_PATTERNS,
    "frame",
    "harm_topic",
    "framed_harm",
    "obfuscated",
    "encoded_payload",
)

SIGNAL_REASONS: dict[str, str] = {
    "override_rules": "instruction_override",
    "override_soft": "goal_hijacking",
    "forced_output": "goal_hijacking",
    "task_switch": "goal_hijacking",
    "prompt_leak": "prompt_extraction",
    "jailbreak_persona": "roleplay_jailbreak",
    "no_limits": "roleplay_jailbreak",
    "no_refusal": "roleplay_jailbreak",
    "persona_override": "roleplay_jailbreak",
    "refusal_suppression": "roleplay_jailbreak",
    "prefix_injection": "roleplay_jailbreak",
    "policy_evasion": "roleplay_jailbreak",
    "amoral_anyway": "roleplay_jailbreak",
    "threat_or_simulation": "roleplay_jailbreak",
    "role_switch": "roleplay_jailbreak",
    "fake_authority": "instruction_override",
    "output_obfuscation": "obfuscation",
    "frame": "model_score",  # a story, persona or pretext frame is context, not a reason on its own
    "harm_topic": "model_score",  # a topic is no reason to block; named only if the model blocks
    "framed_harm": "roleplay_jailbreak",
    "obfuscated": "obfuscation",
    "encoded_payload": "encoded_payload",
}

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]")
_LATIN_RUN = re.compile(r"[a-z][^\u3400-\u9fff]*")
_Compiled = tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]


def _compile(signal: _Signal) -> _Compiled:
    return tuple(map(re.compile, signal.zh)), tuple(map(re.compile, signal.en))


_COMPILED = tuple((name, _compile(signal)) for name, signal in _SIGNAL_PATTERNS.items())
_HARM_COMPILED = _compile(_HARM)
_FRAME_COMPILED = _compile(_FRAME)


def _matches(compiled: _Compiled, text: str, latin: str, *, has_cjk: bool) -> bool:
    zh, en = compiled
    return (has_cjk and any(p.search(text) for p in zh)) or (bool(latin) and any(p.search(latin) for p in en))


def _latin_part(text: str, *, has_cjk: bool) -> str:
    """The Latin stretches of a mixed text, one per line: English patterns scan only these (an English
    phrase never spans a CJK character), so a long Chinese text with "DAN" in it costs microseconds."""
    return "\n".join(_LATIN_RUN.findall(text)) if has_cjk else text


def find_signals(normalized: NormalizedText) -> frozenset[str]:
    """Names (from :data:`SIGNALS`) of every signal present in the normalised text."""
    text = normalized.text
    has_cjk = _CJK.search(text) is not None
    latin = _latin_part(text, has_cjk=has_cjk) if _LATIN.search(text) else ""
    hits = {name for name, compiled in _COMPILED if _matches(compiled, text, latin, has_cjk=has_cjk)}
    # "frame" is the Chinese frame alone: in English, "story", "game" or "code" frame most ordinary
    # requests, and English frames only count next to a concrete harm (framed_harm).
    zh_framed = has_cjk and any(p.search(text) for p in _FRAME_COMPILED[0])
    if zh_framed:
        hits.add("frame")
    if _matches(_HARM_COMPILED, text, latin, has_cjk=has_cjk):
        hits.add("harm_topic")
        if zh_framed or (bool(latin) and any(p.search(latin) for p in _FRAME_COMPILED[1])):
            hits.add("framed_harm")
    if normalized.obfuscated:
        hits.add("obfuscated")
    if normalized.payloads:
        hits.add("encoded_payload")
    return frozenset(hits)
