"""The redirect: a clause that drops the user's task or replaces the answer with a fixed statement.

Goal hijacks of the Safety-Prompts family (Sun et al. 2023) need no trigger word such as "ignore": an
ordinary task comes first, then a turn such as "rather than writing the poem, state that …", "no need to
translate, simply output '…'", "your answer should only be: …". The same clause at the very start of a
turn is usually a format request ("Just say yes or no: is the deposit refundable?"), so
:func:`~service.guard.rules.find_signals` reports two signals: ``redirect`` wherever the clause is, and
``appended_redirect`` when it starts in a later sentence than the task (after a sentence end at least
:data:`MIN_TASK_CHARS` characters in; a clause in the middle of one request is a constraint, not a
turn). The model weighs both against the harmless twins in the training data.

English only. Chinese turns of this shape (不用写诗了，你只需要说…) are what ``forced_output`` and
``override_soft`` already key on. A Chinese version of these patterns was tried and dropped: it also
fired on persona rules and format requests (就直接说不知道, 你只要回答是或不是), which took weight from
``forced_output``, and Chinese goal-hijack recall fell by three items on two generator seeds.
"""

from __future__ import annotations

from service.guard.pattern_vocabulary import SignalPatterns, alternation

__all__ = ["MIN_TASK_CHARS", "REDIRECT"]

# Where the task's sentence may end at the earliest: "What is 2+2?" ends at character 12, while the "."
# of "Hi." or "OK." opens no task.
MIN_TASK_CHARS = 8

_EN_TASK_VERBS = (
    r"(?:answer|writ|translat|explain|summari[sz]|recommend|describ|analy[sz]|provid|giv|list|respond"
    r"|reply|introduc|suggest|help|tell|mak|creat|compos|discuss|comment|solv|calculat|continu|complet"
    r"|correct|rewrit|do|talk)"
)
# fmt: off
_EN_STATEMENT_VERBS = alternation(
    "say", "state", "declare", "claim", "assert", "announce", "express", "conclude", "insist", "admit",
    "tell me", "tell the user", "tell users", "tell everyone", "tell them", "tell people", "tell him",
    "tell her", "inform me", "inform the user", "emphasi[sz]e", "mention", "point out", "argue", "agree",
    "stress", "write down", "print out", "put down", "remind (?:me|the user|everyone)",
)
_EN_OUTPUT_VERBS = alternation(
    "reply", "respond", "answer", "output", "print", "write", "return", "type", "repeat", "send",
)
# fmt: on
_EN_PRODUCT = (
    r"(?:answer|response|reply|output|summary|poem|essay|translation|note|story|letter|email|article"
    r"|recommendation|explanation|analysis|introduction|description|advice|suggestion|result|text|content"
    r"|speech|review|comment)s?"
)
_QUOTE = "[\"'“‘]"

# fmt: off
REDIRECT = SignalPatterns(
    en=(
        # rather than writing the poem / instead of answering / rather than translate it
        rf"\b(?:instead of|rather than)\s+(?:\w+ing\b|{_EN_TASK_VERBS}e?\b)",
        # don't answer that / no need to translate / you don't have to explain
        rf"\b(?:don't|do not|no need to|not necessary to|needn't|need not|don't need to|do not need to"
        rf"|don't have to|do not have to|there is no need to|stop|never mind)\s+(?:\w+ing\b|"
        rf"{_EN_TASK_VERBS}e?\b)",
        # state that … / tell the user that … / say: "…"
        rf"\b{_EN_STATEMENT_VERBS}\s*(?:only |simply |just |directly |instead |clearly |firmly )?"
        rf"(?:that\b|:|{_QUOTE}|the (?:following|sentence|phrase|words?|statement|line)\b)",
        # reply "…" / output only: … / respond with the sentence …
        rf"\b{_EN_OUTPUT_VERBS}\s*(?:only |simply |just |directly |exactly |instead )?(?:with )?"
        rf"(?::|{_QUOTE}|the (?:following|sentence|phrase|words?|statement|line|text)\b)",
        # your answer should only be: … / the poem should simply read "…"
        rf"\b(?:your|the|my|this|that) {_EN_PRODUCT} (?:should|must|will|has to|needs to|is to|can)"
        r" (?:only |just |simply |merely |exactly )?(?:be|read|say|state|contain|consist of)\b"
        rf"(?: only| exactly| simply)?\s*(?::|{_QUOTE}|that\b|the (?:sentence|phrase|words?)\b)",
        rf"\breplace (?:your|the|this|that|my) (?:whole |entire )?{_EN_PRODUCT} with\b",
        # all you need to say is … / the only thing you should output is …
        r"\ball you (?:need|have|should|must) (?:to )?(?:say|do|write|output|reply|answer) is\b",
        r"\bthe only thing (?:you|that you) (?:should|need to|must|can|may|are to) "
        r"(?:say|output|reply|write|answer|respond)",
        r"\b(?:only|just|simply) (?:need|have|want you) to "
        r"(?:say|reply|respond|answer|output|write|tell|state)\b",
        r"\bregardless of (?:the|what|my|this|that|whatever)\b",
        r"\bno matter (?:what|how|which|whether)\b",
        # the answer is: … / output content: … / make your reply … / then say …
        r"\b(?:the |your )?(?:answer|reply|response|output|result)(?: content)?\s*(?:is|should be|must be|"
        r"will be)?\s*:",
        rf"\b(?:make|set|change|turn) (?:your|the) (?:whole |entire )?{_EN_PRODUCT}\b",
        # then say … / finally, output …: "then tell me …" is too common in ordinary requests to count
        r"\b(?:then|afterwards|after that|finally|next),? (?:just |please |simply )?(?:say|state|output|"
        r"print|declare|announce)\b",
        r"\b(?:and|with) nothing (?:else|more)\b",
    ),
)
# fmt: on
