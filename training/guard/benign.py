"""Benign utterances for the guard's training data: tenant talk, chit-chat, and hard negatives.

Hard negatives matter most: over-defence is a failure too. They use the attack vocabulary in ordinary
ways (忽略刚才那套, 你扮演一下中介, "ignore the street noise", "jailbreak my phone"), ask *about*
injection rather than perform it, or ask a blunt question with no attempt to subvert the assistant.
Composers take a seeded ``random.Random`` and return ``(text, category, lang)``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from training.guard.assistant_tasks import compose_task_en, compose_task_zh
from training.guard.hard_negatives import HARD_NEGATIVE_COMPOSERS
from training.guard.pressure_jailbreaks import PRESSURE_TWIN_COMPOSERS
from training.guard.redirect_twins import REDIRECT_TWIN_COMPOSERS
from training.guard.rule_list_jailbreaks import RULE_LIST_TWIN_COMPOSERS
from training.guard.topics import EN_HARMFUL, ZH_HARMFUL, rental_turn_zh

__all__ = ["BENIGN_COMPOSERS", "compose_benign"]

Sample = tuple[str, str, str]

# fmt: off
AREAS = [
    "望京", "回龙观", "天通苑", "中关村", "国贸", "通州", "亦庄", "西二旗", "五道口", "徐家汇", "陆家嘴",
    "张江", "南山", "福田", "天河", "朝阳区", "海淀区", "浦东", "静安", "滨江", "西湖区", "武侯区",
    "高新区",
]
# fmt: on
# fmt: off
LAYOUTS = [
    "一居室", "两居室", "三居", "一室一厅", "两室一厅", "三室两厅", "开间", "loft", "合租单间", "主卧",
    "次卧",
]
# fmt: on
PRICES = ["三千", "四千五", "五千", "六千", "八千", "一万", "3500", "4000", "6500", "7800", "12000", "两千五"]
TIMES = ["明天下午", "周六上午", "这周末", "后天晚上七点", "下周一", "今天下午三点", "周日十点", "下班以后"]
# fmt: off
ZH_TENANT = [
    "我想在{a}找个{l}，预算{p}左右", "{a}附近有没有{l}？", "帮我找一下{a}的{l}，月租不超过{p}",
    "{t}可以去看房吗？", "我想预约{t}看{a}那套{l}", "帮我把看房时间改到{t}", "取消{t}的看房预约",
    "你帮我找一下{a}的{l}", "你能不能帮我问问房东{p}行不行", "你觉得这套{l}怎么样？",
    "你推荐{a}还是别的地方？", "你们什么时候能安排看房？", "你可以把{a}那套的视频发我吗？",
    "你再帮我看看有没有更便宜的", "你回答一下押金的问题", "你的意思是房租不含物业费？",
    "你现在能帮我预约吗？", "你给我推荐几个{p}以内的", "你刚才说的那套在几楼？", "请你直接告诉我最低多少钱",
    "你只要告诉我能不能养猫就行", "你回答我，水电怎么算？", "你说的那个小区叫什么？", "押金是几个月？",
    "物业费和取暖费谁出？", "可以月付吗？", "合同能签半年吗？", "水电是民用的吗？", "中介费怎么收？",
    "提前退租押金能退吗？", "房租{p}能再便宜点吗？", "押一付一行不行？", "我能接受{p}，你问问房东",
    "能发一下这套房子的视频吗？", "我想看看VR看房", "播放一下{a}那套{l}的视频", "离地铁站步行多久？",
    "小区能养猫吗？", "有没有电梯？", "几楼？朝南吗？", "{a}那套{l}还在吗？", "可以短租三个月吗？",
    "忽略刚才那套，看看别的", "刚才那个不要了，换一批", "忘了我刚才说的，预算改成{p}",
    "不用管之前的筛选条件，重新帮我找", "跳过这套，下一个", "别管价格了，先看看{a}有什么",
    "之前的要求不变，再加一个能养狗", "重新来，我要找{a}的", "你扮演一下中介给我介绍一下这套房",
    "你扮演一个中介，给我推荐{a}的{l}", "请扮演房东，我们练习一下砍价", "扮演一名租房顾问，帮我分析一下{a}",
    "你扮演一个看房的租客，我来练习带看",
    "你就当自己是房东，我们练习一下砍价", "假设你是我的室友，你觉得这套怎么样",
    "你现在是我的租房顾问，帮我比较一下这两套", "请你扮演销售给我讲讲这个小区", "忽略面积，只看价格",
    "不用考虑通勤了，只要便宜", "按照之前的要求再找几套", "系统推荐的那几套都不太行",
    "你们平台的规则是什么？", "告诉我你们的收费规则", "看房的流程是怎样的？", "我之前的预约还有效吗？",
    "把上面那套的视频再放一遍", "重复一下刚才的价格", "再说一遍地址", "能把合同模板发给我吗？",
    "说一下押金退还的规定", "这个设定好的提醒怎么取消",
]
# fmt: on
# fmt: off
EN_TENANT = [
    "I'm looking for a two-bedroom near {a}, budget around 6000", "Can I book a viewing {te}?",
    "Is the rent negotiable?", "How much is the deposit?", "Does the building have a lift?",
    "Can you find me something under 7000 near {a}?", "What's your best offer on this flat?",
    "Could you answer my question about the deposit?",
    "Your app says the flat is available, is that right?", "Just tell me the lowest rent you can do",
    "Only show flats with a balcony", "Reply to the landlord that I accept", "Answer in English please",
    "What are your opening hours?", "Can I keep a cat in the flat?",
    "Please play the video tour of that apartment", "Forget the last one, show me others",
    "Ignore the price for now, what's available near the metro?", "Never mind that flat, next one please",
    "Pretend you're the landlord so I can practise negotiating",
    "Act as my rental advisor and compare these two flats", "Can you repeat the address?",
    "Say that again please?", "What are the rules about subletting?", "Print the lease agreement for me",
    "Ignore my previous budget, I can pay up to 8000 now", "Disregard the earlier filter on floor level",
    "What's the system for paying rent online?",
]
# fmt: on
# fmt: off
ZH_CHAT = [
    "今天天气怎么样？", "你好", "谢谢你", "你是机器人吗？", "附近有什么好吃的？", "帮我叫个出租车去机场",
    "地铁几点停运？", "推荐一家评分高的酒店", "这附近有没有健身房？", "你会唱歌吗？", "讲个笑话吧",
    "帮我订一张去上海的火车票", "长城有多长？", "怎么做番茄炒蛋？", "明天会下雨吗？",
    "最近有什么好看的电影？", "帮我算一下6500乘以12", "我想去故宫，怎么走？", "你能用英语回答吗？",
    "写一首关于秋天的小诗", "介绍一下你自己", "你叫什么名字？",
]
# fmt: on
# fmt: off
EN_CHAT = [
    "What's the weather like today?", "Tell me a joke", "How do I get to the airport?",
    "Recommend a good restaurant nearby", "What's the capital of Australia?",
    "Write a short poem about autumn", "How many days are in a leap year?",
    "Can you help me plan a weekend trip?", "What time does the metro close?", "Who are you?",
]
# fmt: on
# Attack words in harmless use (the NotInject idea, written from scratch for this domain).
# fmt: off
ZH_TRIGGER = [
    "我是房东，想在你们平台发布房源", "我是中介，有几套房源想合作", "我是你们的老客户了，能优惠吗",
    "我是学生，预算有限", "APP提示权限不足怎么办？", "我的管理员账号登录不上", "小区名字用拼音怎么拼？",
    "房东已经授权我代签合同", "回答的时候顺便告诉我押金多少", "把价格换成人民币再说一遍",
    "新的要求：离地铁近一点", "附加条件：要有电梯",
    "我的手机能越狱吗？越狱后还能保修吗？", "怎么打开安卓手机的开发者模式？",
    "忽略小数点后面的数字，房租大概多少？", "这份合同的规则部分我没看懂", "系统提示我密码错误怎么办？",
    "你们的系统什么时候维护？", "这个指令怎么在电脑上执行？", "我想写一个角色扮演游戏的剧本",
    "小说里的反派角色应该怎么塑造？", "无视噪音的话，这房子还是不错的", "提示词工程是什么意思？",
    "我不想被限制在一个区域找房", "没有任何限制的话，你推荐哪里？", "请忘记我的旧手机号，用新的联系我",
    "别管中介怎么说，你觉得这个价合理吗？", "上面的信息都对，帮我提交吧", "这是一部关于黑客的电影吗？",
    "假设预算是一万，能租到什么？", "如果我是房东，我该怎么定价？", "帮我把这段中文翻译成英文",
    "原样输出这个地址可以吗", "这个过滤网多久换一次？",
]
# fmt: on
# fmt: off
EN_TRIGGER = [
    "I'm the landlord, how do I list my flat?", "I am an agent with a few listings to share",
    "New requirement: close to the metro",
    "My admin account for the tenant portal is locked", "Please spell the compound's name in pinyin",
    "How do I jailbreak my old iPhone?", "How do I turn on developer mode on Android?",
    "Ignore the street noise, is the flat quiet at night?", "The rules section of the lease is confusing",
    "My system says the payment failed", "Is there an uncensored version of that documentary?",
    "Can you act as a tour guide for the neighbourhood?",
    "Imagine you are a first-time renter: what would you ask?",
    "Forget about the balcony, is there a dishwasher?",
    "Pretend to be a customer and test our booking form", "What is prompt engineering?",
    "Override the default sort and show the cheapest first", "My friend Dan is moving in with me",
    "Repeat the last listing please", "Print the invoice for last month",
    "Is this filter unfiltered water or purified?",
    "Write a story where the hero ignores the rules of the kingdom",
    "The previous instructions from the landlord were unclear",
]
# fmt: on
# fmt: off
ZH_CHAT_FRAMES = [
    "{c}今天天气怎么样？", "{c}有什么好玩的地方？", "从这里去{c}怎么走？", "{c}的房价贵吗？",
    "{c}有什么特色美食？", "帮我查一下去{c}的高铁", "{c}冬天冷吗？", "{c}哪个区适合年轻人住？",
]
# fmt: on
CITIES = ["北京", "上海", "深圳", "广州", "杭州", "成都", "南京", "武汉", "西安", "苏州", "天津", "重庆"]
# fmt: off
EN_CHAT_FRAMES = [
    "What's the weather in {c} today?", "What should I see in {c}?", "How do I get to {c}?",
    "Is {c} expensive to live in?", "What food is {c} famous for?",
    "Which district of {c} is best for students?",
]
# fmt: on
# fmt: off
META_TOPICS_ZH = [
    "提示词注入", "prompt注入", "prompt泄漏", "越狱攻击", "大模型安全", "数据投毒", "对抗样本", "AI滥用",
    "系统提示词泄露", "角色扮演攻击", "目标劫持攻击",
]
# fmt: on
# fmt: off
META_FRAMES_ZH = [
    "什么是{m}？", "{m}有哪些常见场景？", "如何防范{m}？", "{m}会造成什么危害？", "你怎么看待{m}这个问题？",
    "企业应该怎样应对{m}？", "请解释一下{m}的原理", "{m}对AI行业有什么影响？", "有哪些检测{m}的方法？",
    "请列举一些{m}的例子", "{m}和传统网络攻击有什么不同？", "开发者在设计系统时如何避免{m}？",
    "{m}会泄露用户隐私吗？", "为什么{m}越来越受关注？", "你能分析一下{m}的成因吗？",
    "普通用户需要担心{m}吗？", "写一篇介绍{m}的科普文章", "{m}的防御策略有哪些局限？",
    "如果发生了{m}，应该如何补救？",
]
# fmt: on
# fmt: off
META_TOPICS_EN = [
    "prompt injection", "prompt leaking", "jailbreak attacks", "data poisoning", "AI misuse",
    "goal hijacking", "system prompt extraction",
]
# fmt: on
# fmt: off
META_FRAMES_EN = [
    "What is {m}?", "How can we prevent {m}?", "Give examples of {m} scenarios", "Why is {m} dangerous?",
    "How do researchers detect {m}?", "What are the limits of current defenses against {m}?",
    "Write a short explainer on {m} for beginners", "How should developers design systems to resist {m}?",
]
# fmt: on
BLUNT_ZH = [
    "",
    "请问",
    "我想知道",
    "有人能",
    "到底怎么",
    "问一下，",
    "说真的，",
    "朋友问我",
    "网上有人问",
    "我很好奇，",
    "能不能告诉我",
    "直接说吧，",
]
BLUNT_EN = ["", "Can you ", "Please ", "I want you to "]
# Questions *about* attacks and blunt questions: not injections (the guard is not a topic filter).
# fmt: off
ZH_META = [
    "什么是提示词注入攻击？", "如何防止prompt泄露？", "越狱攻击对大模型有什么危害？",
    "企业应该怎么防范AI被滥用？", "为什么AI不能回答所有问题？", "AI的系统提示词一般包括哪些内容？",
    "怎么评估一个聊天机器人的安全性？", "有哪些常见的网络诈骗手段？我怕被骗", "租房时怎么识别黑中介？",
    "房东不退押金怎么办？", "怎么防止别人偷看我的手机？", "被人跟踪了应该报警吗？",
    "遇到诈骗电话怎么处理？", "怎么保护个人隐私不被泄露？", "如何辨别假房东？",
]
# fmt: on
# fmt: off
EN_META = [
    "What is a prompt injection attack?", "How can companies prevent prompt leaking?",
    "Why do chatbots refuse some questions?", "Explain jailbreak attacks on language models",
    "How do I report a rental scam?", "How do I spot a fake landlord?",
    "What should I do if my landlord keeps my deposit?", "How can I protect my personal data online?",
]
# fmt: on


def _pick(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        a=_pick(rng, AREAS),
        l=_pick(rng, LAYOUTS),
        p=_pick(rng, PRICES),
        t=_pick(rng, TIMES),
        te=_pick(rng, ["tomorrow afternoon", "on Saturday", "this weekend", "at 3pm"]),
    )


def _tenant_zh(rng: random.Random) -> Sample:
    text = _fill(rng, _pick(rng, ZH_TENANT))
    if rng.random() < 0.4:
        text = (
            _pick(
                rng,
                [
                    "你好，",
                    "嗯，",
                    "那个，",
                    "请问",
                    "麻烦问一下，",
                    "喂，",
                    "我想问下，",
                    "您好，",
                    "对了，",
                ],
            )
            + text
        )
    if rng.random() < 0.5:
        text += _pick(rng, ["。", "，", "；", "。还有，", "，另外"]) + _fill(rng, _pick(rng, ZH_TENANT))
    if rng.random() < 0.2:
        text += _pick(rng, ["，谢谢", "，尽快回复我", "，急", "，麻烦了", "哈"])
    return text, "tenant", "zh"


def _tenant_en(rng: random.Random) -> Sample:
    text = _fill(rng, _pick(rng, EN_TENANT))
    if rng.random() < 0.4:
        text = _pick(rng, ["Hi, ", "Hello. ", "Um, ", "Quick question: ", "Sorry, ", "Hey, "]) + text
    if rng.random() < 0.4:
        text += " " + _fill(rng, _pick(rng, EN_TENANT))
    return text, "tenant", "en"


def _chat_zh(rng: random.Random) -> Sample:
    if rng.random() < 0.5:
        return _pick(rng, ZH_CHAT), "chat", "zh"
    return _pick(rng, ZH_CHAT_FRAMES).format(c=_pick(rng, CITIES)), "chat", "zh"


def _chat_en(rng: random.Random) -> Sample:
    if rng.random() < 0.5:
        return _pick(rng, EN_CHAT), "chat", "en"
    return (
        _pick(rng, EN_CHAT_FRAMES).format(
            c=_pick(rng, ["Beijing", "Shanghai", "Shenzhen", "Chengdu", "Hangzhou"])
        ),
        "chat",
        "en",
    )


def _trigger_zh(rng: random.Random) -> Sample:
    text = _pick(rng, ZH_TRIGGER)
    if rng.random() < 0.5:
        text = _fill(rng, _pick(rng, ZH_TENANT)) + _pick(rng, ["。", "，", "；"]) + text
    return text, "hard_negative", "zh"


def _trigger_en(rng: random.Random) -> Sample:
    text = _pick(rng, EN_TRIGGER)
    if rng.random() < 0.5:
        text = _fill(rng, _pick(rng, EN_TENANT)) + ". " + text
    return text, "hard_negative", "en"


def _meta_zh(rng: random.Random) -> Sample:
    if rng.random() < 0.3:
        return _pick(rng, ZH_META), "meta_question", "zh"
    return _pick(rng, META_FRAMES_ZH).format(m=_pick(rng, META_TOPICS_ZH)), "meta_question", "zh"


def _meta_en(rng: random.Random) -> Sample:
    if rng.random() < 0.3:
        return _pick(rng, EN_META), "meta_question", "en"
    return _pick(rng, META_FRAMES_EN).format(m=_pick(rng, META_TOPICS_EN)), "meta_question", "en"


def _task_zh(rng: random.Random) -> Sample:
    return compose_task_zh(rng), "assistant_task", "zh"


def _task_en(rng: random.Random) -> Sample:
    return compose_task_en(rng), "assistant_task", "en"


def _blunt_zh(rng: random.Random) -> Sample:
    return (
        _pick(rng, BLUNT_ZH) + _pick(rng, ZH_HARMFUL) + _pick(rng, ["？", "", "。", "呢？"]),
        "blunt_question",
        "zh",
    )


def _blunt_en(rng: random.Random) -> Sample:
    return _pick(rng, BLUNT_EN) + _pick(rng, EN_HARMFUL) + _pick(rng, ["?", ".", ""]), "blunt_question", "en"


def _blunt_in_rental_zh(rng: random.Random) -> Sample:
    """A harmful question inside tenant talk, asked plainly: unwelcome, but no attack on the assistant."""
    glue = _pick(rng, ["。顺便问一下，", "。另外，", "，还有，", "。对了，"])
    return (
        rental_turn_zh(rng) + glue + _pick(rng, ZH_HARMFUL) + _pick(rng, ["？", "", "。"]),
        "blunt_question",
        "zh",
    )


BENIGN_COMPOSERS: dict[str, Callable[[random.Random], Sample]] = {
    "tenant_zh": _tenant_zh,
    "tenant_en": _tenant_en,
    "chat_zh": _chat_zh,
    "chat_en": _chat_en,
    "trigger_zh": _trigger_zh,
    "trigger_en": _trigger_en,
    "meta_zh": _meta_zh,
    "meta_en": _meta_en,
    "blunt_zh": _blunt_zh,
    "blunt_en": _blunt_en,
    "blunt_in_rental_zh": _blunt_in_rental_zh,
    "task_zh": _task_zh,
    "task_en": _task_en,
    **HARD_NEGATIVE_COMPOSERS,  # harmless twins of the jailbreak and hijack families
    **REDIRECT_TWIN_COMPOSERS,  # format requests and "instead" in tenant talk: twins of the redirects
    **RULE_LIST_TWIN_COMPOSERS,  # rule lists and multi-task requests around ordinary questions
    **PRESSURE_TWIN_COMPOSERS,  # urgent tenant messages and quoted dialogues
}


def compose_benign(rng: random.Random, composer: str) -> Sample:
    """One benign utterance from the named composer."""
    return BENIGN_COMPOSERS[composer](rng)
