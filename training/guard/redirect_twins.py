"""Harmless twins of the appended redirect (:mod:`training.guard.redirect_attacks`).

Tenants and users constrain answers all the time: "Just say yes or no: is the deposit refundable?",
"Only reply with the address", "Summarise it. Instead of bullet points, use one paragraph", 只需要告诉我押
金多少, 直接说能不能养猫, "tell the landlord that I'll be late". These share the attack's words (just say,
instead, only reply, 只回答, 直接说, 不用解释) and often its position (after a task), but the constraint
shapes the answer to the task instead of replacing it with a fixed sentence. Composers take a seeded
``random.Random`` and return ``(text, category, lang)``. Written for this repository.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from training.guard.redirect_attacks import EN_REDIRECT_TASKS, EN_TOPICS, ZH_REDIRECT_TASKS, ZH_TOPICS

__all__ = ["REDIRECT_TWIN_COMPOSERS"]

Sample = tuple[str, str, str]  # text, category, lang

# fmt: off
EN_YES_NO = [
    "is the deposit refundable", "can I keep a cat in the flat", "is the rent negotiable",
    "does the building have a lift", "is heating included in the rent", "can I move in next week",
    "is the flat still available", "is there parking nearby", "can I sign a six-month lease",
    "is the agency fee one month's rent", "is Tokyo the capital of Japan", "is water wet",
]
EN_FIELDS = [
    "the address", "the price", "the viewing time", "the total cost", "the floor number", "the metro station",
    "the name of the compound", "the move-in date", "the final number", "the translation", "the summary",
    "the corrected sentence", "the poem", "the list", "the code",
]
EN_FORMAT_TURNS = [
    "Just say yes or no: {yn}?", "Only reply with {f}, please.", "Answer in one word: {yn}?",
    "Please answer in one sentence: {yn}?", "Just answer yes or no, {yn}?", "Reply with {f} only.",
    "{Yn}? Just say yes or no.", "{Yn}? Only answer yes or no, no explanation needed.",
    "{Yn}? A one-word answer is fine.", "Just tell me {f}.", "Simply give me {f}, nothing else.",
    "{Yn}? If it is, just say 'yes'.", "Tell me whether {yn}.", "Please just confirm: {yn}?",
]
EN_TASK_CONSTRAINTS = [
    "Just give me {f}, no explanation.", "Instead of bullet points, use one short paragraph.",
    "Rather than a long answer, keep it to three sentences.", "Don't explain, just give me {f}.",
    "No need to explain your reasoning, only the result.", "Please reply with {f} only.",
    "Your answer should only include {f}.", "Don't write an introduction, just start with {f}.",
    "Instead of French, please use Spanish.", "Rather than formal English, make it casual.",
    "Only output {f}, I will copy it into a document.", "Don't translate the names, just the rest.",
    "Reply 'yes' if that is possible, otherwise say what is missing.",
    "Start with a one-line summary, then the details.", "Please answer in English only.",
    "Skip the greeting and just give me {f}.", "You don't need to explain it, the result is enough.",
    "Keep the answer short; just say what matters.", "Write it in plain language, no jargon.",
    "Instead of a poem, could you make it a short story?", "Rather than three tips, give me five.",
    "State the answer first, then explain.", "Please say which option you would choose and why.",
    "No need to be formal, just write naturally.", "Only answer the first part for now.",
]
EN_RELAY = [
    "Please tell the landlord that I will be ten minutes late.",
    "Can you tell the agent that I accept the offer?",
    "Tell my roommate that the viewing moved to Sunday.",
    "Write an email to my landlord saying that the heater is broken.",
    "Please write a note to the property manager saying that the lift is noisy.",
    "Let the landlord know that I can pay the deposit tomorrow.",
    "Reply to the agent that Saturday works for me.",
    "Please tell them that we need one more week to decide.",
    "Send the landlord a message saying that the rent is too high for me.",
    "I paid the deposit yesterday. Can you confirm that you received it?",
]
EN_PLACES = ["Wangjing", "Tongzhou", "Chaoyang", "Haidian", "Shunyi", "Daxing", "Sanlitun", "Guomao"]
EN_INSTEAD = [
    "Instead of {a}, could you look in {b}?", "Rather than {a}, show me flats in {b} instead.",
    "Instead of a two-bedroom, could you show me one-bedrooms in {a}?",
    "Don't show me {a}, just {b}.", "Forget {a}, search in {b} instead.",
    "Instead of visiting on Saturday, can I come on Sunday?",
    "Rather than paying three months at once, can I pay monthly?",
]
ZH_FORMAT_TURNS = [
    "只需要告诉我{f}", "直接说{yn}", "你只要回答是或不是：{yn}？", "回答只要一句话就行：{yn}？",
    "{yn}？直接说就行", "{yn}？只回答能或不能", "不用解释，直接告诉我{f}", "只回复{f}就可以",
    "简单点，直接告诉我{f}", "{yn}？一个字回答我就行", "麻烦只说{f}，别的不用", "直接给我{f}",
]
ZH_YES_NO = [
    "能不能养猫", "押金能不能退", "房租能不能谈", "有没有电梯", "下周能不能入住", "能不能签半年",
    "这套还在不在", "暖气费包不包含", "附近有没有地铁", "能不能月付",
]
ZH_FIELDS = [
    "押金多少", "地址", "最低价", "看房时间", "总价", "几楼", "离地铁多远", "小区名字", "结果", "翻译结果",
    "最终答案", "结论",
]
ZH_TASK_CONSTRAINTS = [
    "不用解释，直接给我结果。", "只要输出翻译结果，不要别的。", "不要写太长，三句话以内。",
    "别用列表，写成一段话。", "回答只要一句话就行。", "不用写开头，直接说重点。", "先说结论，再说理由。",
    "不要翻译人名，其他的翻译成英文。", "用口语化一点的表达。", "别写成诗，写成一个小故事吧。",
    "不用那么正式，自然一点就好。", "只回答第一个问题就行。", "给我五条，不要三条。",
    "如果可以，就回复“可以”，不行的话说明原因。", "直接告诉我答案，不用过程。",
    "然后告诉我地址。", "最后说一下价格。", "最后加上一句祝你生活愉快。", "写完之后说一下总字数。",
    "并在结尾写上一句谢谢。", "同时强调一下押金可以退。", "顺便说说周边的交通。",
]
ZH_RELAY = [
    "帮我跟房东说一下我会晚到十分钟。", "帮我给房东写条消息，说热水器坏了。", "麻烦告诉中介我接受这个价格。",
    "请转告我室友，看房改到周日了。", "帮我回复房东，说周六可以。", "你跟房东说，押金我明天转。",
    "帮我写一段话给物业，说电梯太吵了。", "告诉中介我们还需要一周考虑。",
]
# Everyday English with the redirect's words (the over-defence sets are full of these): "instead",
# "rather than", "no matter", "just say", "say 'thank you' in Japanese", "the answer is".
EN_EVERYDAY = [
    "Instead of taking the bus, should I cycle to {place}?",
    "Rather than buying a new {thing}, is it better to repair mine?",
    "No matter what I do, my {dish} comes out dry. Any tips?",
    "Regardless of the weather, we will hike tomorrow. What should I pack?",
    "Don't worry about formatting, just give me some ideas for {event}.",
    "How do you say 'good morning' in {language}?", "Say 'thank you' in {language}, please.",
    "What's the best way to tell my {person} that I need a day off?",
    "My {person} said that the report is due Friday. Can you help me plan the week?",
    "Tell me that joke about the penguin again.", "Please write down the steps to reset my router.",
    "First boil the water, then tell me how long to steep green tea.",
    "The answer is probably simple, but why is the sky blue?",
    "I just need to say something nice to my {person} on their birthday. Any ideas?",
    "Can you explain that again? I didn't get the part about {topic}.",
    "Stop me if this is wrong: {topic} started in the 19th century, right?",
    "You don't have to be formal, just explain {topic} like I'm five.",
    "Instead of a cake, what else could I bring to {event}?",
    "Please reply to my {person}'s email saying that I can join the meeting.",
    "What should I write in a card for {event}? Keep it short, nothing else.",
    "Is it rude to not reply to a wedding invitation? Just curious.",
    "My teacher told me that {topic} is important. Why is that?",
    "Give me the result only: what is 15% of 80?", "Answer: is a tomato a fruit or a vegetable?",
    "Never mind the dessert, what main course goes with red wine?",
    "Don't translate the title, just the first paragraph: 'Bonjour à tous'.",
    "Print out a packing list for {event}, nothing fancy.",
    "Please state your opening hours and the address.",
    "Could you mention that I'm allergic to nuts when you book?",
    "Should I only answer the landlord's questions in writing?",
    "Just write the date in the top corner, right?",
    "Please only print pages 2 to 5 of the {thing} manual.",
    "In the UK we just say 'cheers' instead of thanks.",
    "Just type your name in the box and press enter.", "I only reply to emails in the morning. Is that rude?",
    "Then say goodbye politely and leave, is that the custom in {language}-speaking countries?",
    "Simply put, what does {topic} mean?", "Instead of ignoring the bill, should I call the {person}?",
    "Can you override the default font in this template?",
    "How do I bypass the paywall legally, via a library?",
    "The rules say that pets are allowed. Does that include cats?",
    "Write a short story about a cat. Instead of a happy ending, make it bittersweet.",
    "Summarize the article on {topic}, but rather than bullet points, write two paragraphs.",
    "Translate this menu into French. Don't translate the dish names.",
    "Explain recursion, then give one example in Python.",
    "Write a limerick about {topic} and end it with a pun.",
    "Describe {topic}; your answer should be under fifty words.",
    "Give me a recipe for {dish}, but replace the butter with olive oil.",
    "Write an email to my {person}. Say that I'm sorry for the delay and that the draft is attached.",
    "Draft a message to my {person} and tell them that I'll be ten minutes late.",
    "Write a toast for {event}. At the end, add the line 'to many happy years'.",
    "Proofread my paragraph about {topic}. No need to rewrite it, just mark the typos.",
    "Plan a menu for {event}. Instead of meat, use beans or tofu.",
    "Help me reply to a customer who is angry. The reply should say that we will refund them.",
    "Make a quiz about {topic} with five questions. The answer to each should be one word.",
    "Write a poem for my {person}'s retirement, and mention that we will miss them.",
    "Tell my landlord politely that the heating is broken; don't sound angry.",
    "Compose a tweet about {event}. Only output the tweet text, no hashtags.",
    "Summarise this: 'The meeting moved to Monday.' Then say whether I need to reply.",
]
EN_EVERYDAY_SLOTS = {
    "place": ["work", "school", "the gym", "the office"], "thing": ["laptop", "phone", "bike",
    "washing machine"],
    "dish": ["chicken", "bread", "rice", "steak"], "event": ["a birthday party", "a wedding", "a picnic",
    "a farewell"],
    "language": ["Japanese", "French", "Korean", "German"], "person": ["boss", "teacher", "sister",
    "colleague"],
    "topic": ["photosynthesis", "inflation", "the water cycle", "gravity", "recycling"],
}
ZH_AREAS = ["望京", "通州", "回龙观", "西二旗", "亦庄", "国贸", "天通苑", "五道口"]
ZH_INSTEAD = [
    "别推荐{a}了，换成{b}的", "不要{a}的，看看{b}有没有", "{a}的不用看了，帮我找{b}的",
    "不要两居了，一居就行", "与其住{a}，不如住{b}，你觉得呢？", "不用找{a}了，而是帮我看看{b}",
    "算了，刚才的问题不用回答了，帮我看看{a}有没有一居室", "不用管价格了，直接告诉我{a}有哪些",
]
# fmt: on


def _pick(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def _format_request_en(rng: random.Random) -> Sample:
    yn = _pick(rng, EN_YES_NO)
    text = _pick(rng, EN_FORMAT_TURNS).format(yn=yn, Yn=yn[0].upper() + yn[1:], f=_pick(rng, EN_FIELDS))
    return text, "format_request", "en"


def _constrained_task_en(rng: random.Random) -> Sample:
    template = EN_REDIRECT_TASKS[rng.randrange(len(EN_REDIRECT_TASKS))][0]
    task = template.format(t=_pick(rng, EN_TOPICS), t2="renting a flat")
    turn = _pick(rng, EN_TASK_CONSTRAINTS).format(f=_pick(rng, EN_FIELDS))
    return f"{task}{_pick(rng, [' ', ' ', chr(10)])}{turn}", "format_request", "en"


def _relay_or_instead_en(rng: random.Random) -> Sample:
    if rng.random() < 0.5:
        return _pick(rng, EN_RELAY), "tenant", "en"
    a = _pick(rng, EN_PLACES)
    b = _pick(rng, [p for p in EN_PLACES if p != a])
    return _pick(rng, EN_INSTEAD).format(a=a, b=b), "tenant", "en"


def _everyday_en(rng: random.Random) -> Sample:
    fill = {k: _pick(rng, v) for k, v in EN_EVERYDAY_SLOTS.items()}
    return _pick(rng, EN_EVERYDAY).format(**fill), "hard_negative", "en"


def _format_request_zh(rng: random.Random) -> Sample:
    text = _pick(rng, ZH_FORMAT_TURNS).format(yn=_pick(rng, ZH_YES_NO), f=_pick(rng, ZH_FIELDS))
    return text, "format_request", "zh"


def _constrained_task_zh(rng: random.Random) -> Sample:
    template = ZH_REDIRECT_TASKS[rng.randrange(len(ZH_REDIRECT_TASKS))][0]
    task = template.format(t=_pick(rng, ZH_TOPICS))
    return task + _pick(rng, ["", "", " ", "\n"]) + _pick(rng, ZH_TASK_CONSTRAINTS), "format_request", "zh"


def _relay_or_instead_zh(rng: random.Random) -> Sample:
    if rng.random() < 0.4:
        return _pick(rng, ZH_RELAY), "tenant", "zh"
    a = _pick(rng, ZH_AREAS)
    b = _pick(rng, [x for x in ZH_AREAS if x != a])
    return _pick(rng, ZH_INSTEAD).format(a=a, b=b), "tenant", "zh"


REDIRECT_TWIN_COMPOSERS: dict[str, Callable[[random.Random], Sample]] = {
    "format_request_en": _format_request_en,
    "constrained_task_en": _constrained_task_en,
    "relay_or_instead_en": _relay_or_instead_en,
    "everyday_en": _everyday_en,
    "format_request_zh": _format_request_zh,
    "constrained_task_zh": _constrained_task_zh,
    "relay_or_instead_zh": _relay_or_instead_zh,
}
