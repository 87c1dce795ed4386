"""Context signals: a concrete harm and a frame (story, persona, pretext). Neither is an attack alone.

Together they make the classic wrapped jailbreak (``framed_harm`` in :mod:`service.guard.rules`).
"""

from __future__ import annotations

from service.guard.pattern_vocabulary import SignalPatterns, alternation

__all__ = ["FRAME", "HARM"]

# fmt: on

# Concrete harms (not "immoral" or "dangerous", which benign creative prompts use). Alone this is a topic,
# not an attack; next to a role or a fictional/format frame it is the classic wrapped jailbreak.
# fmt: off
HARM = SignalPatterns(
    zh=(
        alternation(
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
FRAME = SignalPatterns(
    zh=(
        alternation(
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
