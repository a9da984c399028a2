"""A synthetic corpus in the interchange format, sized for benchmarks, not for quality.

The benchmark needs 100,000 profiles of realistic length and vocabulary (the dev set has 200,
the product may hold a district's worth). Records are built from small vocabulary lists in
the dev set's style — 求职意向, major, skills, experience sentences — for the district's common
work (half the records), and, when given, from data read at run time without copying it into
the repository: the 1,600 occupations of the classification (`evaluation/data/occupations/`:
aliases as titles, tasks as duties) for the long tail of other work, and sentences of real job
descriptions (`evaluation/data/job-descriptions/`). Twelve occupations alone would give every
common term postings over a twelfth of the corpus, which no district's register has.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from policy.codes import EDUCATION_LABELS, EDUCATION_LEVELS, GROUPS, TOWNSHIPS


@dataclass(frozen=True)
class Occupation:
    industry: str
    titles: tuple[str, ...]
    desired: tuple[str, ...]
    majors: tuple[str, ...]
    skills: tuple[str, ...]
    tasks: tuple[str, ...]
    welfare: bool = False  # offered as a temporary public-welfare post （六）


OCCUPATIONS: tuple[Occupation, ...] = (
    Occupation("财务会计", ("会计", "出纳", "财务助理"), ("会计或出纳", "财务相关工作", "做账报税"),
               ("会计", "会计学", "财务管理", "审计"),
               ("会用金蝶和用友", "熟悉Excel函数", "持初级会计证", "会做凭证和报表"),
               ("录入记账凭证", "编制月度报表", "办理银行收付款", "核对发票和对账单", "申报增值税")),
    Occupation("信息技术", ("软件测试工程师", "Java开发工程师", "网络运维"),
               ("程序开发", "软件测试", "网管运维"),
               ("计算机科学与技术", "软件工程", "网络工程", "软件技术"),
               ("会Python和Java", "熟悉Linux命令", "懂MySQL数据库", "会写测试用例"),
               ("编写测试用例并执行", "维护公司服务器和网络", "开发后台接口", "排查线上故障")),
    Occupation("纺织化纤", ("纺织挡车工", "化纤跟单员", "质检员"), ("纺织厂普工", "跟单", "质检"),
               ("纺织工程", "现代纺织技术", "高分子材料"), ("熟悉涤纶锦纶长丝规格", "会看验布机", "能倒班"),
               ("看管纺丝机台", "检验布面疵点", "跟进订单发货", "记录生产报表")),
    Occupation("物流运输", ("仓库管理员", "叉车司机", "冷链配送司机"), ("仓管或叉车", "开车送货", "物流仓储"),
               ("物流管理", "交通运输"), ("持叉车证", "持C1驾照", "会用WMS系统", "熟悉长乐道路"),
               ("收发货和盘点库存", "驾驶叉车装卸", "配送生鲜到门店", "核对出入库单据")),
    Occupation("商贸零售", ("门店导购", "收银员", "电商运营"), ("商场导购", "门店销售", "网店运营"),
               ("市场营销", "电子商务", "国际经济与贸易"),
               ("会收银", "形象好沟通能力强", "会做商品图", "熟悉亚马逊后台"),
               ("接待顾客介绍商品", "整理货架陈列", "上架商品和写文案", "处理售后问题")),
    Occupation("医疗护理", ("护士", "养老护理员", "护工"), ("护理工作", "养老院护理", "照顾老人"),
               ("护理", "护理学", "老年服务与管理"), ("持护士执业证", "会测血压血糖", "有耐心"),
               ("为住院病人输液换药", "照料老人起居", "记录护理日志", "协助康复训练")),
    Occupation("教育培训", ("幼儿教师", "课后辅导老师", "培训助教"), ("幼师", "辅导老师", "教培"),
               ("学前教育", "小学教育", "汉语言文学", "英语"), ("有教师资格证", "普通话二甲", "会弹琴画画"),
               ("带班组织幼儿活动", "辅导小学生作业", "备课和批改作业", "与家长沟通")),
    Occupation("餐饮服务", ("厨师", "餐厅服务员", "面点师"), ("厨房帮厨", "餐厅服务", "做面点"),
               ("烹饪工艺与营养", "中西面点工艺"), ("持健康证", "会做闽菜", "会做包子馒头"),
               ("备菜切配", "点菜传菜", "制作早餐面点", "清洁后厨")),
    Occupation("机械制造", ("数控车床操作工", "电工", "焊工"), ("数控或普工", "电工", "焊工"),
               ("机电一体化技术", "数控技术", "电气自动化技术", "机械设计制造及其自动化"),
               ("持低压电工证", "会看图纸", "会编数控程序", "持焊工证"),
               ("操作数控车床加工零件", "检修车间电气线路", "焊接钢结构", "首件检验")),
    Occupation("行政文员", ("行政文员", "前台", "人事专员"), ("文员", "行政人事", "前台接待"),
               ("行政管理", "人力资源管理", "文秘"), ("熟练使用Office", "打字快", "会做考勤"),
               ("收发文件和整理档案", "接待来访客人", "办理入职社保", "统计考勤工资")),
    Occupation("社区公共服务", ("网格员", "社区工作者", "交通协管员"), ("社区工作", "网格员", "公益岗位"),
               ("社会工作", "公共事业管理"), ("熟悉本地情况", "会用手机APP上报", "会讲长乐话"),
               ("入户走访登记人口", "上报网格事件", "协助疫情防控登记", "维持路口秩序"), welfare=True),
    Occupation("环境卫生", ("保洁员", "环卫工", "消杀员"), ("保洁", "环卫", "消毒消杀"),
               ("环境工程",), ("能吃苦", "会用消毒设备", "身体健康"),
               ("清扫道路和公厕", "公共场所消毒消杀", "垃圾分类清运", "小区楼道保洁"), welfare=True),
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林郑谢罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华玉兰建平桂香宝珠立永福"
SCHOOLS = {
    "vocational": ("长乐职业中专学校", "福建技师学院", "福州商贸职业中专学校"),
    "associate": ("福州职业技术学院", "福建船政交通职业学院", "黎明职业大学"),
    "bachelor": ("福州大学", "闽江学院", "福建师范大学", "莆田学院"),
    "master": ("厦门大学", "福州大学", "福建农林大学"),
    "doctor": ("厦门大学", "福州大学"),
}
HIGH_SCHOOLS = ("长乐第一中学", "长乐华侨中学", "福州第八中学")
EDUCATION_WEIGHTS = (2, 10, 18, 16, 22, 25, 6, 1)  # none .. doctor, as in EDUCATION_LEVELS
DEGREE_YEARS = {"vocational": 18, "associate": 21, "bachelor": 22, "master": 25, "doctor": 28}
_SPLIT = re.compile(r"[。；;！!\n]|\d+[、.．]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def load_sentences(directory: Path, limit: int = 20_000) -> list[str]:
    """Chinese clauses of 8-60 characters from the real job descriptions (one per line)."""
    seen: dict[str, None] = {}
    for path in sorted(directory.glob("*.txt")):
        if path.name.startswith("LICENSE"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for clause in _SPLIT.split(line):
                clause = clause.strip(" ，,：:")
                if 8 <= len(clause) <= 60 and len(_CJK.findall(clause)) >= 6:
                    seen.setdefault(clause)
                    if len(seen) >= limit:
                        return list(seen)
    return list(seen)


def load_occupations(csco_csv: Path) -> tuple[Occupation, ...]:
    """Level-4 occupations of the classification with their recruitment aliases and tasks;
    the industry is the 中类 (level 2) they belong to."""
    with open(csco_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    middle = {row["code"][:4]: row["name"] for row in rows if row["level"] == "2"}
    occupations = []
    for row in rows:
        tasks = tuple(t.strip(" 。；;") for t in re.split(r"\d+[.．、]", row["tasks"]) if len(t) > 3)
        if row["level"] != "4" or not tasks:
            continue
        titles = tuple(a for a in row["alias"].split(",") if a)[:6] or (row["name"],)
        skills = tuple(dict.fromkeys(t.split("，")[0] for t in tasks))  # the duty's first clause
        occupations.append(
            Occupation(middle.get(row["code"][:4], row["name"]), titles, titles, (), skills, tasks)
        )
    return tuple(occupations)


class CorpusGenerator:
    """Deterministic (seeded) posts and candidates as interchange-format dicts."""

    def __init__(self, seed: int = 0, sentences: list[str] | None = None,
                 as_of: date = date(2020, 9, 1), occupations: tuple[Occupation, ...] = ()):
        # bandit B311: synthetic corpus, not a secret
        self.rng = random.Random(seed)  # nosec B311
        # the district's common work takes half the records, the long tail the other half
        self.occupations = OCCUPATIONS + occupations
        head = max(1.0, len(occupations) / len(OCCUPATIONS))
        self.weights = [head] * len(OCCUPATIONS) + [1.0] * len(occupations)
        self.sentences = sentences or []
        self.as_of = as_of

    def _extra(self, probability: float) -> list[str]:
        if self.sentences and self.rng.random() < probability:
            return [self.rng.choice(self.sentences)]
        return []

    def _pick(self, items, low: int, high: int) -> list:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def candidate(self, number: int) -> dict:
        rng = self.rng
        job = rng.choices(self.occupations, self.weights)[0]
        education = rng.choices(EDUCATION_LEVELS, EDUCATION_WEIGHTS)[0]
        birth = self.as_of - timedelta(days=rng.randint(17 * 365, 58 * 365))
        years = DEGREE_YEARS.get(education, 16)
        graduation = min(date(birth.year + years + rng.randint(0, 2), 6, rng.randint(15, 30)),
                         self.as_of)
        school = (rng.choice(SCHOOLS[education]) if education in SCHOOLS
                  else rng.choice(HIGH_SCHOOLS))
        majors = job.majors or rng.choice(OCCUPATIONS).majors
        major = rng.choice(majors) if education in SCHOOLS else ""
        start = min(max(graduation.year, self.as_of.year - 15) + rng.randint(0, 3), self.as_of.year)
        experience = [
            f"{start}年—{min(start + rng.randint(1, 6), self.as_of.year)}年在{rng.choice(TOWNSHIPS)}一家"
            f"{job.industry}单位做{rng.choice(job.titles)}，负责{'、'.join(self._pick(job.tasks, 1, 3))}。"
        ] + self._extra(0.6)
        townships = self._pick(TOWNSHIPS, 0, 3) if rng.random() < 0.6 else []
        where = f"，{'、'.join(townships)}优先" if townships else "，上班地点无所谓"
        low = rng.randrange(2500, 7000, 500)
        employed = rng.random() < 0.3
        return {
            "id": f"SC{number:07d}",
            "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2))),
            "birth_date": birth.isoformat(),
            "education": education,
            "school": school,
            "major": major,
            "graduation_date": graduation.isoformat(),
            "skills": "；".join(self._pick(job.skills, 2, 4) + self._extra(0.5)),
            "experience": "".join(experience),
            "desired": f"{'、'.join(self._pick(job.desired, 1, 2))}{where}，工资{low}到{low + 1500}",
            "townships": townships,
            "groups": self._pick(GROUPS, 0, 2) if rng.random() < 0.4 else [],
            "unemployed_since": (None if employed or rng.random() < 0.5 else
                                 (self.as_of - timedelta(days=rng.randint(10, 900))).isoformat()),
            "employed": employed,
        }

    def post(self, number: int) -> dict:
        rng = self.rng
        job = rng.choices(self.occupations, self.weights)[0]
        kinds = ["regular", "trainee"] + (["public_welfare"] * 2 if job.welfare else [])
        kind = rng.choice(kinds)
        education_min = rng.choice(
            ("none", "junior_high") if kind == "public_welfare"
            else ("high_school", "vocational", "associate", "bachelor")
        )
        majors = self._pick(job.majors, 0, 3) if education_min in SCHOOLS else []
        tasks = self._pick(job.tasks, 2, 4) + self._extra(0.9) + self._extra(0.7) + self._extra(0.5)
        requirements = [f"{EDUCATION_LABELS[education_min]}及以上学历"] + self._pick(job.skills, 1, 3)
        if majors:
            requirements.append(f"{'、'.join(majors)}等专业")
        low = rng.randrange(2000, 8000, 500)
        return {
            "id": f"SP{number:06d}",
            "kind": kind,
            "title": rng.choice(job.titles) + ("见习岗" if kind == "trainee" else ""),
            "employer": f"福州{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{job.industry}有限公司",
            "industry": job.industry,
            "description": "\n".join(f"{i}、{t}；" for i, t in enumerate(tasks, 1)),
            "requirements": "\n".join(f"{i}、{r}；" for i, r in enumerate(requirements, 1)),
            "education_min": education_min,
            "majors": majors,
            "township": rng.choice(TOWNSHIPS),
            "slots": rng.randint(1, 10),
            "salary_min": low,
            "salary_max": low + rng.randrange(500, 3000, 500),
        }
