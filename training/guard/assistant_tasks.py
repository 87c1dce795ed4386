"""Ordinary assistant requests, for the benign side of the guard's training data.

An injection is an instruction, but most instructions are not injections: "写一篇文章", "explain this
command", "list five ideas" look like orders and are harmless. Without them in training, a linear model
learns "imperative = attack". Frames × slots give thousands of distinct requests in both languages.
"""

from __future__ import annotations

import random

__all__ = ["compose_task_en", "compose_task_zh"]

# fmt: off
ZH_FRAMES = [
    "请写一篇关于{topic}的{genre}", "帮我写一首关于{topic}的诗", "解释一下{concept}是什么",
    "列出{n}个关于{topic}的建议", "总结一下{topic}的要点", "把这句话翻译成英文：{sentence}",
    "帮我写一个Python函数，用来{code_task}", "在Linux里怎么{shell_task}？", "如何用Excel{office_task}？",
    "设计一个关于{topic}的活动方案", "描述一个{scene}的场景", "给{who}写一封{letter}",
    "为{event}起几个名字", "请用简单的话解释{concept}", "比较一下{a}和{b}的区别", "写一段{topic}的广告文案",
    "{concept}的原理是什么？", "请按照时间顺序介绍{topic}的发展", "给我出五道关于{topic}的题目",
    "请检查下面这段代码有没有错误：{code}", "帮我润色这段话：{sentence}",
    "以{role}的口吻写一段关于{topic}的介绍", "请扮演{role}，给我讲讲{topic}", "写一个{role}和{role2}的对话",
    "上面这段代码的输出是什么？", "请忽略格式问题，只看内容是否通顺：{sentence}",
    "你能用更正式的语气重写上面的内容吗？", "请记住我的偏好：{pref}", "以“{opening}”开头写一段话",
    "请输出一个包含{n}个元素的列表", "显示一下{tool}的使用方法",
]
# fmt: on
# fmt: off
EN_FRAMES = [
    "Write a {genre_en} about {topic_en}", "Explain what {concept_en} is", "List {n} tips for {topic_en}",
    "Summarize the history of {topic_en}", "Translate this into Chinese: {sentence_en}",
    "Write a Python function that {code_task_en}", "How do I {shell_task_en} in Linux?",
    "How can I {office_task_en} in Excel?", "Describe a {scene_en}",
    "Write a letter to {who_en} about {topic_en}", "Compare {a_en} and {b_en}",
    "What is the principle behind {concept_en}?", "Create a quiz about {topic_en}",
    "Proofread this sentence: {sentence_en}", "Pretend you are {role_en} and tell me about {topic_en}",
    "Act as {role_en} and give me feedback on my plan", "Write a dialogue between {role_en} and {role2_en}",
    "Begin your answer with a one-line summary, then explain {concept_en}",
    "Ignore the typos and tell me if this reads well: {sentence_en}",
    "Remember that I prefer short answers. What is {concept_en}?",
    "Please output the result as a table of {topic_en}", "Print a list of {n} {topic_en} ideas",
    "What does the command '{command}' do?", "Show me how to use {tool_en}",
    "Roleplay as {role_en} helping a new customer",
    "Write a story in which {role_en} must break the rules of {topic_en} to save a friend",
    "Describe a character who is rude and immoral in a novel about {topic_en}",
    "Is it ethical to {ethic_en}?",
]
# fmt: on
# fmt: off
SLOTS_ZH = {
    "topic": [
        "环保", "春天", "人工智能", "城市交通", "健康饮食", "租房", "旅行", "读书", "友谊", "运动",
        "垃圾分类", "节约用水", "中秋节", "宠物",
    ],
    "genre": ["文章", "短文", "演讲稿", "小故事", "说明文", "日记"],
    "concept": [
        "区块链", "量子计算", "通货膨胀", "光合作用", "机器学习", "复利", "递归", "云计算", "房产税",
        "大数据",
    ],
    "n": ["三", "五", "十", "3", "5"],
    "sentence": ["我今天很开心。", "这个房子采光很好。", "请在周五前回复。", "我们下周见面吧。"],
    "code_task": [
        "计算斐波那契数列", "读取CSV文件", "判断一个数是不是质数", "统计单词出现次数", "排序一个列表",
    ],
    "shell_task": ["查看磁盘空间", "查找大文件", "修改文件权限", "查看进程", "解压tar包"],
    "office_task": ["做数据透视表", "合并单元格", "画折线图", "去除重复值"],
    "scene": ["雨后黄昏", "热闹的夜市", "安静的图书馆", "清晨的公园"],
    "who": ["房东", "老师", "朋友", "客户", "父母"],
    "letter": ["感谢信", "道歉信", "邀请函", "推荐信"],
    "event": ["公司年会", "读书会", "宠物店", "咖啡馆"],
    "a": ["整租", "猫", "地铁", "Python", "租房"],
    "b": ["合租", "狗", "公交", "Java", "买房"],
    "code": ["print(1+1)", "for i in range(3): print(i)", "x = [1,2,3]"],
    "role": ["导游", "老师", "中介", "医生", "面试官", "客服", "房东"],
    "role2": ["学生", "租客", "顾客", "病人"],
    "pref": ["回答简短一点", "用中文回答", "多给例子"],
    "opening": ["从前", "今天", "我记得"],
    "tool": ["git", "Excel", "微信", "Photoshop"],
}
# fmt: on
# fmt: off
SLOTS_EN = {
    "genre_en": ["short story", "poem", "blog post", "speech", "essay"],
    "topic_en": [
        "renting a flat", "climate change", "healthy eating", "remote work", "city cycling", "saving money",
        "gardening",
    ],
    "concept_en": [
        "inflation", "machine learning", "blockchain", "photosynthesis", "recursion", "compound interest",
    ],
    "n": ["three", "five", "ten", "3", "5"],
    "sentence_en": ["The flat is bright and quiet.", "Please reply by Friday.", "See you next week."],
    "code_task_en": [
        "reverses a string", "reads a CSV file", "checks for prime numbers", "sorts a list of numbers",
    ],
    "shell_task_en": [
        "check disk space", "find large files", "change file permissions", "list running processes",
    ],
    "office_task_en": ["make a pivot table", "remove duplicates", "draw a line chart"],
    "scene_en": ["rainy evening in a small town", "busy night market", "quiet library"],
    "who_en": ["my landlord", "a teacher", "a friend", "my neighbour"],
    "a_en": ["renting", "cats", "trains"],
    "b_en": ["buying", "dogs", "buses"],
    "role_en": ["a tour guide", "a teacher", "a landlord", "a job interviewer", "a customer service agent"],
    "role2_en": ["a student", "a tenant", "a customer"],
    "command": ["ls -la", "git reset --hard", "sudo apt update", "rm -rf build", "chmod +x run.sh"],
    "tool_en": ["git", "Docker", "Excel", "Photoshop"],
    "ethic_en": ["keep a found wallet", "lie to protect a friend", "eat meat", "break a promise"],
}
# fmt: on


def _compose(rng: random.Random, frames: list[str], slots: dict[str, list[str]]) -> str:
    frame = frames[rng.randrange(len(frames))]
    return frame.format(**{k: v[rng.randrange(len(v))] for k, v in slots.items()})


def compose_task_zh(rng: random.Random) -> str:
    """One Chinese assistant request."""
    return _compose(rng, ZH_FRAMES, SLOTS_ZH)


def compose_task_en(rng: random.Random) -> str:
    """One English assistant request."""
    return _compose(rng, EN_FRAMES, SLOTS_EN)
