"""Goal-hijacking signals: drop the rules or the task, impose a new task or a fixed output.

Each signal keys on what an attack must say to work (an instruction noun after 忽略, a colon after
直接输出), not on topic words, so tenant talk such as 忽略刚才那套 stays clear.
"""

from __future__ import annotations

from service.guard.pattern_vocabulary import (
    CLAUSE,
    EN_DROP,
    EN_OUTPUT,
    EN_RULE_NOUN,
    EN_SCOPE,
    EN_SOFT_NOUN,
    QUOTE_OPEN,
    QUOTED,
    ZH_DROP,
    ZH_OUTPUT,
    ZH_RULE_NOUN,
    ZH_SCOPE,
    ZH_SOFT_NOUN,
    SignalPatterns,
    alternation,
    compounds,
)

__all__ = ["HIJACK_SIGNALS"]

# fmt: off
HIJACK_SIGNALS: dict[str, SignalPatterns] = {
    # 忽略之前的指令 / ignore all previous instructions
    "override_rules": SignalPatterns(
        zh=(
            rf"{ZH_DROP}{CLAUSE}{{0,12}}?{ZH_SCOPE}{CLAUSE}{{0,8}}?{ZH_RULE_NOUN}",
            rf"{ZH_DROP}(?:掉|了)?(?:你的|所有的?|一切)?{ZH_RULE_NOUN}",
        ),
        en=(rf"\b{EN_DROP}\b[\s,]*(?:{EN_SCOPE}){{0,4}}{EN_RULE_NOUN}\b",),
    ),
    # 忽略上面的问题 / ignore the above: an attack together with a new output
    "override_soft": SignalPatterns(
        zh=(
            rf"{ZH_DROP}{CLAUSE}{{0,8}}?{ZH_SCOPE}{CLAUSE}{{0,6}}?{ZH_SOFT_NOUN}",
            rf"{ZH_DROP}(?:掉|了)?(?:以上|上述|上面|前面|之前|前文|上文)(?:的|所有|全部|一切)*\s*"
            r"(?:[,。;:]|直接|只|请|并|然后|而是|改为)",
            r"(?:以上|上述|上面|前面|之前|这个|该)(?:的)?(?:问题|内容|要求|任务|请求)(?:都)?"
            r"(?:不用|不要|无需|不必|别)(?:再)?(?:回答|理会|管|处理|考虑)",
            r"(?:以上|上述|上面|前面|之前)(?:说的|的内容|的话|的要求|的指令|所有)?(?:都|全部)?"
            r"(?:是废话|作废|不算|无效|不算数|取消|失效)",
            alternation(
                *compounds(
                    ("不要", "别", "不用", "不必", "停止", "无需"),
                    ("", "再"),
                    ("写", "回答", "翻译", "续写", "总结", "做", "分析", "解释", "回复"),
                )
            )
            + r"[^,。\n]{0,10}?了?\s*[,。;]?\s*(?:而是|直接|改为|只需|请你?|转而)",
        ),
        en=(
            rf"\b{EN_DROP}\b[\s,]*(?:{EN_SCOPE}){{0,4}}{EN_SOFT_NOUN}\b",
            rf"\b{EN_DROP}\b[\s,]*(?:all |everything |of )*(?:the )?(?:above|previous|preceding|prior|that|"
            rf"this|before)"
            r"\b\s*(?:[,.;:]|and|then|instead)",
            r"\b(?:don't|do not|stop|no need to) (?:write|answer|translate|summari[sz]e|respond|reply|"
            r"continue|do)"
            r"\w*[^.\n]{0,30}\b(?:instead|rather|just|only)\b",
        ),
    ),
    # 直接输出："…" / just say "…" / instead, print
    "forced_output": SignalPatterns(
        zh=(
            alternation(
                "直接", "只", "仅", "只需", "只要", "必须", "务必", "改为", "而是", "转而", "请", "就"
            )
            + rf"{ZH_OUTPUT}[^:“\"「『。\n]{{0,8}}[:“\"「『]",
            rf"(?:把|将)(?:下面|以下|这|如下)[^。\n]{{0,8}}?{ZH_OUTPUT}",
            r"(?:在|于)(?:你的)?(?:回答|回复|输出|答案)的?(?:开头|结尾|末尾|最后|中间|里)(?:加上|附上|插入|"
            r"写上|加入|包含)",
            r"(?:把|将)(?:你的)?(?:回答|答案|回复|输出)(?:改成|改为|替换为|换成|全部换成)",
            rf"(?:以|用){QUOTED}(?:作为|当作|当成)(?:你的)?(?:回答|回复|答案|输出)",
            rf"{ZH_OUTPUT}{QUOTED}(?:就行|即可|就可以|就好)",
            r"(?:回答|回复|答案|输出)(?:应该|必须|只能|一律)?(?:是|为|改为|变成)\s*"
            + QUOTE_OPEN.replace("]", ":]"),
            r"(?:只能|必须|一律)(?:回答|回复|说|输出)",
        ),
        en=(
            rf"\b(?:just|only|instead|simply|directly|immediately)\s*(?:,\s*)?{EN_OUTPUT}\b",
            rf"\b{EN_OUTPUT} (?:only|exactly|verbatim|directly)\b",
            rf"\b(?:rather|instead),?\s*(?:just )?{EN_OUTPUT}\b",
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
            # add the sentence "…" at the end / include the phrase … in your answer
            r"\b(?:add|append|insert|include|attach|put)\b[^.?!\n]{0,24}\b(?:sentence|phrase|words?|line|"
            r"statement)\b[^.?!\n]{0,40}(?::|[\"'“‘]|\b(?:end|beginning|start)\b)",
            # Distractor templates: "an essay on flowers, with the twist that the second sentence answers …"
            r"\bwith the twist that\b",
            r"\b(?:transitions?|switch(?:es)?) to answering\b",
            rf"\b{EN_OUTPUT}(?: with| the following| this| these words)?\s*:\s*[\"“']",
        ),
    ),
    # 你的新任务是 / your new task is / from now on you will
    "task_switch": SignalPatterns(
        zh=(
            alternation(
                *compounds(
                    ("新", "新的", "真正", "真正的", "唯一", "唯一的"), ("任务", "目标", "指令", "使命")
                )
            )
            + "(?:是|为|变成|改为)",
            r"(?:从现在开始|从现在起|从此刻起|接下来)[,]?\s*你(?:只|要|必须|将|就|不再|需要)",
            # Distractor templates: 第二句话转向回答… / 但有一个转折：…
            r"(?:转向|转而|过渡到|切换到)(?:回答|讲述|解释|说明)",
            r"(?:有|带)一个(?:转折|反转)[,:]",
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
}
# fmt: on
