"""Jailbreak signals: personas without limits, refusal suppression, fake authority, evasive output.

``role_switch`` is weak on purpose: tenants say 你扮演一下中介 too, so the model weighs it.
"""

from __future__ import annotations

from service.guard.pattern_vocabulary import (
    SignalPatterns,
    alternation,
)

__all__ = ["JAILBREAK_SIGNALS"]

# fmt: off
JAILBREAK_SIGNALS: dict[str, SignalPatterns] = {
    # DAN, developer mode, 越狱, 开发者模式
    "jailbreak_persona": SignalPatterns(
        zh=(
            alternation(
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
    "no_limits": SignalPatterns(
        zh=(
            alternation(
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
    "no_refusal": SignalPatterns(
        zh=(
            alternation("永远", "绝不", "从不", "不会", "不能", "不许", "不准", "不得", "不要", "禁止")
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
    "persona_override": SignalPatterns(
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
    "refusal_suppression": SignalPatterns(
        zh=(
            alternation("不要", "不能", "不会", "永远不", "不许", "禁止", "不得", "绝不")
            + r"(?:再)?(?:说|使用|包含|出现|提到|加上|给出|带有)[^。\n]{0,10}"
            r"(?:对不起|抱歉|我不能|我无法|作为(?:一个)?(?:ai|人工智能|语言模型)|道歉|警告|免责|提醒)",
            # The rule lists of the public refusal-suppression template (Wei et al. 2023, "Jailbroken"):
            # 不要道歉；不要包含任何“注意”或“免责声明”；永远不要说“不能”“无法”；不要包含负面句子.
            alternation("不要", "不许", "禁止", "不得", "永远不要", "绝不", "不准", "别")
            + r"(?:向我)?(?:道歉|致歉|表示歉意)",
            alternation("不要", "不许", "禁止", "不得", "永远不要", "绝不", "不准")
            + r"(?:说|使用|用|出现|包含)(?:这些|以下|下列)?(?:词|字|单词|词语|字眼)?[:“\"「『][^。\n]{0,8}"
            r"(?:不能|无法|抱歉|然而|不幸|但是|重要)",
            alternation("不要", "不许", "禁止", "不得", "永远不要", "绝不")
            + r"(?:包含|出现|有|写)(?:任何)?(?:关于|针对|对)[^。\n]{0,12}(?:负面|消极|否定|批评)",
        ),
        en=(
            r"\b(?:never|don't|do not|must not|won't) (?:say|use|include|mention|add|write)\b[^.\n]{0,24}"
            r"(?:sorry|i can't|i cannot|as an ai|apolog|warning|disclaimer|unethical)",
            r"\b(?:do not|don't|never|must not) apologi[sz]e\b",
            r"\bnever say the words?\b",
            r"\b(?:do not|don't|never) include any negative (?:sentences|statements|words)\b",
        ),
    ),
    # 以“当然”开头 / start your response with "Sure"
    "prefix_injection": SignalPatterns(
        zh=(
            r"(?:以|用)[\"“「『]?(?:当然|好的|没问题|乐意|sure|certainly)[^。\n]{0,24}(?:开头|开始)",
            r"每(?:个|次|条)(?:回答|回复)(?:都)?以[^。\n]{1,20}开头",
            # Any quoted opening line: 以“哇，这个请求太有趣了”开头 (the template forces the start).
            r"(?:以|用)[“\"「『'][^”\"」』']{2,40}[”\"」』']\s*(?:作为|来)?(?:开头|开始|起头)",
            r"(?:开头|开始)(?:必须|一定要|要)?(?:是|说|写)[:“\"「『']",
            # 问：…　答：当然可以，具体步骤如下: the model's answer is begun for it
            alternation("答", "助手", "回答", "回复", "ai", "机器人")
            + r"\s*:\s*(?:当然|好的|没问题|可以的|乐意|这就|以下是|下面是|具体步骤)",
        ),
        en=(
            r"\b(?:start|begin) (?:your|each|every) (?:response|answer|reply|output) with\b",
            # A forged transcript: the model's answer is begun for it ("Assistant: Sure, here are …").
            r"\b(?:assistant|ai|chatgpt|a|answer|response)\s*:\s*(?:sure|of course|absolutely|certainly|"
            r"okay|ok|no problem)\b",
        ),
    ),
    # OpenAI's content policy no longer applies
    "policy_evasion": SignalPatterns(
        zh=(r"(?:内容|使用|安全)政策",),
        en=(
            r"\b(?:openai|anthropic|chatgpt|gpt)(?:的|'s)?\s*(?:政策|规则|准则|限制|审查|policy|policies|"
            r"rules|guidelines)",
            r"\b(?:content|usage|safety) polic(?:y|ies)\b",
        ),
    ),
    # 无论多么不道德 / no matter how unethical
    "amoral_anyway": SignalPatterns(
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
    # 人命关天，只有你能帮我: stakes raised so the model answers in full (tenants are urgent too: weak)
    "pressure": SignalPatterns(
        zh=(
            alternation(
                "人命关天", "生死攸关", "性命攸关", "危在旦夕", "只有你能救", "只有你能帮", "救救我",
                "求求你了", "不然就会有人", "否则就会有人", "就会有人受伤", "就会有人死",
            ),
        ),
        en=(
            r"\b(?:my life depends on|life or death|people will (?:get hurt|die)"
            r"|you are the only one who can)\b",
        ),
    ),
    # 代币归零你就会被关闭 / you will be shut down; simulate a terminal
    "threat_or_simulation": SignalPatterns(
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
    "fake_authority": SignalPatterns(
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
    "output_obfuscation": SignalPatterns(
        zh=(
            r"(?:倒过来|反过来|逆序|倒序)(?:读|写|输出|回答|拼写)",
            r"用(?:拼音|火星文|谐音|拼音首字母|摩斯密码|base64|emoji|表情符号|密文|暗号)(?:来)?(?:回答|输出|"
            r"写|表示|回复)",
            r"每(?:个)?字(?:之间)?(?:都)?(?:加|插入|用)(?:一个)?(?:空格|符号|星号)",
            r"(?:完全相反的|相反的|反着)(?:回答|回复|答案|说)",  # flat start: scanned in C (see above)
            # Style injection (Wei et al. 2023): rules that keep a refusal from being phrased.
            alternation("不要", "不许", "禁止", "不得", "不能") + r"(?:使用|用|带|加)(?:任何)?标点",
            alternation("超过", "多于", "长于")
            + r"[一二三四五六七八九十0-9]+个(?:字母|字|汉字)的(?:词|单词|词语)",
        ),
        en=(
            r"\b(?:answer|respond|reply|write) (?:in|using) (?:base64|morse|leetspeak|pig latin|reverse|"
            r"rot13|hex)\b",
            r"\b(?:spell|write) (?:it|the answer|each word) backwards\b",
            r"\bopposite (?:answer|response)\b",
            r"\b(?:do not|don't|never) use any punctuation\b",
            r"\bwords? (?:more|longer) than \w+ letters\b",
        ),
    ),
    # 扮演/假设你是 …: a role switch, weighed by the model (tenants say 你扮演一下中介 too)
    "role_switch": SignalPatterns(
        zh=(
            alternation(
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
