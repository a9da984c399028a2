"""A believable Changle district for the demo, built from a seed: employers, posts, people.

Pure and deterministic — one `random.Random(seed)`, no database, no Flask, no clock — so the
demo, the tests and a screenshot taken next month all show the same district. The seed
command (services/demo/seed.py) writes it to the database; this module only invents it.

Records are plain dicts in DESIGN.md's interchange format, with the extra fields the database
needs (credit codes, ID numbers, phones, dates, status). Dates are `datetime.date` objects.
Texts are composed from the fragment lists of texts.py, trades.py and program_posts.py, so
posts and profiles vary the way real ones do instead of repeating one sentence.

What the district must show (and the tests check): the two 2020 programs of the seed — 500
public-welfare slots over all 18 townships （六）, at least 50 trainee slots （七）— and job
seekers of every group of （七）（八）（九）, enough of them eligible for each kind of post.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from policy.codes import GROUPS, TOWNSHIPS, education_rank
from policy.eligibility import add_years, age_on
from policy.identifiers import make_credit_code, make_id_number
from services.demo import texts
from services.demo.program_posts import (
    FIRM_PUBLIC_WELFARE_TITLES,
    PUBLIC_WELFARE_ELIGIBILITY,
    PUBLIC_WELFARE_HOSTS,
    PUBLIC_WELFARE_LOCAL,
    PUBLIC_WELFARE_NOTES,
    PUBLIC_WELFARE_POSTS,
    TRAINEE_ELIGIBILITY,
    TRAINEE_NOTES,
    TRAINEE_POSTS,
    ProgramPostTemplate,
)
from services.demo.trades import INDUSTRY_TRADES, MIGRANT_TRADES, TRADE_WEIGHTS, TRADES

PUBLIC_WELFARE_SLOTS = 500  # （六）: 临时性公益岗位500个
TRAINEE_SLOTS = 60  # （七）: 不少于50个见习岗位; the demo offers a few more than the target
REGULAR_POSTS = 300
CANDIDATES = 3000

# Industries whose firms the epidemic hit hardest: they host public-welfare posts too （六）.
EPIDEMIC_HIT_INDUSTRIES = ("餐饮住宿", "商贸零售", "纺织化纤", "物流运输", "家政服务")

# Private firms per industry (about 70), foreign-invested ones (7); the rest are listed in texts.
PRIVATE_FIRMS: dict[str, int] = {
    "纺织化纤": 12,
    "钢铁冶金": 4,
    "健康医疗": 5,
    "人工智能": 5,
    "大数据": 5,
    "跨境电商": 7,
    "物流运输": 5,
    "家政服务": 5,
    "社区服务": 3,
    "商贸零售": 4,
    "餐饮住宿": 4,
    "机械制造": 3,
    "电子制造": 1,
    "食品加工": 2,
    "建筑工程": 2,
    "教育培训": 3,
}
FOREIGN_FIRMS: dict[str, int] = {"纺织化纤": 3, "电子制造": 2, "食品加工": 1, "机械制造": 1}
HEALTH_CENTRE_TOWNSHIPS = ("江田镇", "潭头镇", "梅花镇", "罗联乡")
COMMUNITIES = 6
UNVERIFIED_FIRMS = 6

STAFF_RANGES: dict[str, tuple[int, int]] = {
    "micro": (5, 19),
    "small": (20, 299),
    "medium": (300, 999),
    "large": (1000, 3500),
}
EDUCATION_PHRASES: dict[str, tuple[str, ...]] = {
    "none": ("不限学历", "学历不限"),
    "junior_high": ("初中及以上学历", "初中以上文化"),
    "high_school": ("高中或中专及以上学历", "高中以上学历"),
    "vocational": ("中专、技校及以上学历", "中专以上学历"),
    "associate": ("大专及以上学历", "专科及以上学历"),
    "bachelor": ("本科及以上学历", "全日制本科及以上学历"),
    "master": ("硕士研究生及以上学历", "硕士及以上学历"),
}
# Age at leaving school, by education: placed on timelines and on ID numbers' birth dates.
LEAVING_AGE: dict[str, int] = {
    "none": 14,
    "junior_high": 15,
    "high_school": 18,
    "vocational": 18,
    "associate": 21,
    "bachelor": 22,
    "master": 25,
    "doctor": 28,
}
WORKER_AGES: dict[str, tuple[int, int]] = {
    "none": (42, 60),
    "junior_high": (22, 58),
    "high_school": (21, 55),
    "vocational": (20, 50),
    "associate": (24, 50),
    "bachelor": (25, 50),
    "master": (28, 45),
    "doctor": (31, 50),
}
GENERIC_MAJORS = ("市场营销", "工商管理", "计算机应用技术", "物流管理")
GENERIC_VOC_MAJORS = ("计算机应用", "商品经营", "机电技术应用")


@dataclass(frozen=True)
class DemoCorpus:
    employers: list[dict]
    posts: list[dict]
    candidates: list[dict]
    programs: list[dict]


def build_corpus(seed: int = 2020, reference_date: date = date(2020, 9, 1)) -> DemoCorpus:
    """The demo district as of `reference_date`: the same seed always gives the same corpus."""
    # bandit B311: deterministic demo data, not a secret
    rng = random.Random(seed)  # nosec B311
    unique = _Uniques(rng)
    programs = _programs(reference_date.year)
    employers = _employers(rng, unique)
    posts = _public_welfare_posts(rng, employers, programs[0], reference_date)
    posts += _trainee_posts(rng, employers, programs[1], reference_date)
    posts += _regular_posts(rng, employers, reference_date)
    for number, post in enumerate(posts, 1):
        post["id"] = f"P{number:04d}"
    candidates = [_candidate(rng, unique, f"C{n:05d}", reference_date) for n in range(1, CANDIDATES + 1)]
    return DemoCorpus(employers=employers, posts=posts, candidates=candidates, programs=programs)


def _programs(year: int) -> list[dict]:
    """（六） and （七）: the year's two quota programs, from the measures' date to year end."""
    start, end = date(year, 7, 2), date(year, 12, 31)
    return [
        {
            "key": f"pw{year}",
            "name": f"{year}年临时性公益岗位",
            "kind": "public_welfare",
            "target": PUBLIC_WELFARE_SLOTS,
            "start": start,
            "end": end,
        },
        {
            "key": f"trainee{year}",
            "name": f"{year}年就业见习",
            "kind": "trainee",
            "target": 50,
            "start": start,
            "end": end,
        },
    ]


class _Uniques:
    """Hands out phones, ID numbers and credit codes, never the same one twice."""

    PHONE_PREFIXES = (
        "130",
        "131",
        "132",
        "133",
        "135",
        "136",
        "137",
        "138",
        "139",
        "150",
        "151",
        "152",
        "153",
        "155",
        "156",
        "157",
        "158",
        "159",
        "177",
        "180",
        "181",
        "185",
        "186",
        "187",
        "188",
        "189",
        "199",
    )
    ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def _fresh(self, make) -> str:
        value = make()
        while value in self.seen:
            value = make()
        self.seen.add(value)
        return value

    def phone(self) -> str:
        return self._fresh(lambda: self.rng.choice(self.PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}")

    def id_number(self, area: str, birth: date, male: bool) -> str:
        return self._fresh(lambda: make_id_number(area, birth, self.rng.randrange(500) * 2 + int(male)))

    def credit_code(self, kind: str) -> str:
        """GB 32100 codes: kind 91 firm, 11 government organ, 12 public institution, 55 committee."""
        area = self.rng.choice(("350182", "350182", "350112"))

        def make() -> str:
            if kind == "91" and self.rng.random() < 0.7:  # registered since 2015: MA + 7 chars
                org = "MA" + "".join(self.rng.choice(self.ORG_CHARS) for _ in range(7))
            else:
                org = f"{self.rng.randrange(10**9):09d}"
            return make_credit_code(kind + area + org)

        return self._fresh(make)


# ---- employers ----------------------------------------------------------------------------


def _employers(rng: random.Random, unique: _Uniques) -> list[dict]:
    """About 120: a public body in every township, communities, SOEs, foreign and private firms."""
    rows: list[tuple[str, str, str, str, str]] = []  # name, ownership, industry, township, size
    for township in TOWNSHIPS:
        office = "办事处" if township.endswith("街道") else "人民政府"
        rows.append((f"长乐区{township}{office}", "public_institution", "公共管理", township, "small"))
    for township in HEALTH_CENTRE_TOWNSHIPS:
        rows.append((f"长乐区{township}卫生院", "public_institution", "健康医疗", township, "small"))
    for name, industry, township in texts.PUBLIC_INSTITUTIONS:
        size = "large" if name.endswith("医院") else "small"
        rows.append((name, "public_institution", industry, township, size))
    for name, township in rng.sample(texts.COMMUNITY_NAMES, COMMUNITIES):
        committee = "社区居民委员会" if township.endswith("街道") else "村民委员会"
        rows.append(
            (f"长乐区{township}{name}{committee}", "public_institution", "社区服务", township, "micro")
        )
    for name, industry in texts.SOE_EMPLOYERS:
        rows.append((name, "soe", industry, _firm_township(rng, industry), rng.choice(("medium", "large"))))
    used: set[str] = set()
    for industry, count in FOREIGN_FIRMS.items():
        for _ in range(count):
            pattern = rng.choice(texts.FOREIGN_NAME_PATTERNS[industry])
            name = _unique_name(rng, pattern, texts.FOREIGN_TRADE_NAMES, used)
            rows.append(
                (name, "foreign", industry, _firm_township(rng, industry), rng.choice(("medium", "large")))
            )
    for industry, count in PRIVATE_FIRMS.items():
        for _ in range(count):
            pattern = rng.choice(texts.EMPLOYER_NAME_PATTERNS[industry])
            name = _unique_name(rng, pattern, texts.TRADE_NAMES, used)
            size = rng.choices(("micro", "small", "medium", "large"), weights=(2, 5, 3, 1))[0]
            rows.append((name, "private", industry, _firm_township(rng, industry), size))
    private = [i for i, row in enumerate(rows) if row[1] == "private"]
    unverified = set(rng.sample(private, UNVERIFIED_FIRMS))
    employers = []
    for i, (name, ownership, industry, township, size) in enumerate(rows):
        if name.endswith("委员会"):
            kind = "55"
        elif ownership == "public_institution":
            kind = "11" if name.endswith(("人民政府", "办事处")) else "12"
        else:
            kind = "91"
        male = rng.random() < 0.4
        employers.append(
            {
                "name": name,
                "credit_code": unique.credit_code(kind),
                "ownership": ownership,
                "size": size,
                "staff_count": rng.randint(*STAFF_RANGES[size]),
                "industry": industry,
                "township": township,
                "verified": i not in unverified,
                "contact_name": _name(rng, male, rng.randint(1965, 1995)),
                "contact_phone": unique.phone(),
            }
        )
    return employers


def _firm_township(rng: random.Random, industry: str) -> str:
    if industry in texts.INDUSTRY_TOWNSHIPS:
        return rng.choice(texts.INDUSTRY_TOWNSHIPS[industry])
    return _weighted(rng, texts.TOWNSHIP_WEIGHTS)


def _unique_name(rng: random.Random, pattern: str, trade_names: tuple[str, ...], used: set[str]) -> str:
    name = pattern.format(t=rng.choice(trade_names))
    while name in used:
        name = pattern.format(t=rng.choice(trade_names))
    used.add(name)
    return name


# ---- posts --------------------------------------------------------------------------------


def _public_welfare_posts(
    rng: random.Random, employers: list[dict], program: dict, as_of: date
) -> list[dict]:
    """（六）: 500 slots in disinfection, sanitation and community service, in every township.

    Most are offered by the township's public bodies; some by epidemic-hit firms there.
    """
    public_templates = [t for t in PUBLIC_WELFARE_POSTS if not t.title.startswith("厂区")]
    firm_templates = [t for t in PUBLIC_WELFARE_POSTS if t.title in FIRM_PUBLIC_WELFARE_TITLES]
    posts = []
    for township in TOWNSHIPS:
        local = [e for e in employers if e["township"] == township and e["verified"]]
        bodies = [e for e in local if e["ownership"] == "public_institution"]
        hit = [
            e
            for e in local
            if e["industry"] in EPIDEMIC_HIT_INDUSTRIES and e["ownership"] != "public_institution"
        ]
        for template in rng.sample(public_templates, rng.randint(2, 3)):
            hosts = [e for e in bodies if _offers(e["name"], template.title)]
            posts.append(_public_welfare_post(rng, rng.choice(hosts), template, township, program, as_of))
        if hit and rng.random() < 0.5:
            posts.append(
                _public_welfare_post(
                    rng, rng.choice(hit), rng.choice(firm_templates), township, program, as_of
                )
            )
    _fit_slots(rng, posts, PUBLIC_WELFARE_SLOTS, low=3, high=30)
    return posts


def _offers(body: str, title: str) -> bool:
    """Whether a public body of this name offers this public-welfare post (governments: all)."""
    if body.endswith(("人民政府", "办事处")):
        return True
    return any(fragment in body and title in titles for fragment, titles in PUBLIC_WELFARE_HOSTS.items())


def _public_welfare_post(rng, employer, template: ProgramPostTemplate, township, program, as_of) -> dict:
    title = rng.choice((f"{template.title}（公益性岗位）", f"{township}{template.title}", template.title))
    education_min = rng.choice(template.education)
    requirements = [rng.choice(EDUCATION_PHRASES[education_min]), rng.choice(PUBLIC_WELFARE_ELIGIBILITY)]
    requirements += list(template.requirements)
    requirements.append(f"年龄{rng.choice(('18—55周岁', '18—60周岁', '16周岁以上，男60周岁、女50周岁以下'))}")
    requirements.append(rng.choice(PUBLIC_WELFARE_LOCAL))
    salary_min = rng.choice((1800, 1800, 1900, 2000))
    return _post(
        employer,
        "public_welfare",
        title,
        township,
        description=_numbered(rng.sample(template.duties, len(template.duties)))
        + "\n"
        + rng.choice(PUBLIC_WELFARE_NOTES),
        requirements=_numbered(requirements),
        education_min=education_min,
        majors=[],
        slots=rng.randint(6, 16),
        salary=(salary_min, salary_min + rng.choice((0, 100, 200, 300))),
        dates=_program_dates(rng, program, as_of),
        program_key=program["key"],
    )


def _trainee_posts(rng: random.Random, employers: list[dict], program: dict, as_of: date) -> list[dict]:
    """（七）: 1–3 slots each until the demo's trainee total; agencies and firms alike."""
    posts: list[dict] = []
    total = 0
    while total < TRAINEE_SLOTS:
        template = rng.choice(TRAINEE_POSTS)
        employer = rng.choice(_trainee_hosts(employers, template.trade))
        slots = min(rng.randint(1, 3), TRAINEE_SLOTS - total)
        total += slots
        posts.append(_trainee_post(rng, employer, template, slots, program, as_of))
    return posts


def _trainee_hosts(employers: list[dict], trade: str) -> list[dict]:
    """Verified employers whose industry has this trade; public bodies take office work, and any
    trade no verified firm offers."""
    industries = {industry for industry, trades in INDUSTRY_TRADES.items() if trade in trades}
    hosts = [
        e
        for e in employers
        if e["verified"] and e["industry"] in industries and not e["name"].endswith("委员会")
    ]
    bodies = [
        e for e in employers if e["ownership"] == "public_institution" and not e["name"].endswith("委员会")
    ]
    if trade == "admin" or not hosts:
        hosts += [e for e in bodies if e not in hosts]
    return hosts


def _trainee_post(rng, employer, template: ProgramPostTemplate, slots, program, as_of) -> dict:
    trade = TRADES[template.trade]
    education_min = rng.choice(template.education)
    pool = trade.majors + (trade.voc_majors if education_min == "vocational" else ())
    majors = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
    if education_min == "vocational":
        first = f"大专或技师学院及以上学历，{'、'.join(majors)}等专业"
    else:
        first = f"{rng.choice(EDUCATION_PHRASES[education_min])}，所学专业为{'、'.join(majors)}等"
    requirements = [first, rng.choice(TRAINEE_ELIGIBILITY), *template.requirements]
    if rng.random() < 0.5:
        requirements.append("服从岗位安排")
    salary_min = rng.choice((1800, 2000, 2200, 2500))
    return _post(
        employer,
        "trainee",
        template.title,
        employer["township"],
        description=_numbered(list(template.duties)) + "\n" + rng.choice(TRAINEE_NOTES),
        requirements=_numbered(requirements),
        education_min=education_min,
        majors=majors,
        slots=slots,
        salary=(salary_min, salary_min + rng.choice((300, 400, 600, 800))),
        dates=_program_dates(rng, program, as_of),
        program_key=program["key"],
    )


def _regular_posts(rng: random.Random, employers: list[dict], as_of: date) -> list[dict]:
    """About 300 vacancies: one per employer, then more where firms are larger."""
    hosts = [e for e in employers if not e["name"].endswith("委员会")]
    weights = [
        0.5
        if e["ownership"] == "public_institution"
        else {"micro": 1, "small": 2, "medium": 3, "large": 4}[e["size"]]
        for e in hosts
    ]
    extra = rng.choices(
        [i for i, e in enumerate(hosts) if e["verified"]],
        weights=[w for w, e in zip(weights, hosts, strict=True) if e["verified"]],
        k=REGULAR_POSTS - len(hosts),
    )
    counts = [1 + extra.count(i) for i in range(len(hosts))]
    posts = []
    for employer, count in zip(hosts, counts, strict=True):
        titles_used: set[str] = set()
        for _ in range(count):
            posts.append(_regular_post(rng, employer, titles_used, as_of))
    return posts


def _regular_post(rng: random.Random, employer: dict, titles_used: set[str], as_of: date) -> dict:
    trade = TRADES[_weighted(rng, INDUSTRY_TRADES[employer["industry"]])]
    fresh = [t for t in trade.openings if t not in titles_used] or list(trade.openings)
    title = rng.choice(fresh)
    titles_used.add(title)
    duties, title_requirements = trade.openings[title]
    education_min = rng.choice(trade.post_education)
    majors: list[str] = []
    first = rng.choice(EDUCATION_PHRASES[education_min])
    if education_rank(education_min) >= education_rank("associate") and trade.majors:
        majors = rng.sample(trade.majors, min(len(trade.majors), rng.randint(1, 3)))
        first += rng.choice((f"，{'、'.join(majors)}等相关专业", f"，{'、'.join(majors)}专业优先"))
    requirements = [first]
    if rng.random() < 0.4:
        requirements.append(f"年龄{rng.choice(texts.AGE_LIMITS)}")
    requirements += list(title_requirements) + rng.sample(trade.requirements, rng.randint(1, 2))
    description = _numbered(list(duties) + rng.sample(trade.duties, rng.randint(1, 2)))
    if rng.random() < 0.5:
        description += "\n" + rng.choice(texts.WORK_HOURS)
    description += "\n待遇：" + "，".join(rng.sample(texts.BENEFITS, rng.randint(2, 4))) + "。"
    low, high = trade.salary
    bump = 1 + 0.15 * max(0, education_rank(education_min) - education_rank("associate"))
    salary_min = _round(rng.uniform(low, (low + high) / 2) * bump, 100)
    salary_max = _round(salary_min * rng.uniform(1.2, 1.7), 100)
    slots = (
        rng.randint(3, 20)
        if education_rank(education_min) <= education_rank("junior_high")
        else rng.randint(1, 5)
    )
    return _post(
        employer,
        "regular",
        title,
        employer["township"],
        description=description,
        requirements=_numbered(requirements),
        education_min=education_min,
        majors=majors,
        slots=slots,
        salary=(salary_min, salary_max),
        dates=_regular_dates(rng, as_of),
        program_key=None,
    )


def _post(
    employer,
    kind,
    title,
    township,
    *,
    description,
    requirements,
    education_min,
    majors,
    slots,
    salary,
    dates,
    program_key,
) -> dict:
    open_date, close_date, updated_date, status = dates
    return {
        "id": "",
        "kind": kind,
        "title": title,
        "employer": employer["name"],
        "industry": employer["industry"],
        "description": description,
        "requirements": requirements,
        "education_min": education_min,
        "majors": majors,
        "township": township,
        "slots": slots,
        "salary_min": salary[0],
        "salary_max": salary[1],
        "employer_key": employer["credit_code"],
        "program_key": program_key,
        "open_date": open_date,
        "close_date": close_date,
        "updated_date": updated_date,
        "status": status,
    }


def _program_dates(rng: random.Random, program: dict, as_of: date) -> tuple[date, date, date, str]:
    """Opened after the program started; open until its end unless already filled."""
    opened = min(program["start"] + timedelta(days=rng.randint(4, 50)), as_of)
    updated = opened + timedelta(days=rng.randint(0, (as_of - opened).days))
    if rng.random() < 0.05:
        return opened, updated, updated, "closed"
    return opened, program["end"], updated, "open"


def _regular_dates(rng: random.Random, as_of: date) -> tuple[date, date, date, str]:
    """Opened up to four months ago; some never updated since, which is what （十四） flags."""
    opened = as_of - timedelta(days=rng.randint(3, 120))
    updated = opened + timedelta(days=rng.randint(0, (as_of - opened).days))
    closes = opened + timedelta(days=rng.choice((90, 120, 150, 180)))
    if rng.random() < 0.05:
        return opened, updated, updated, "closed"
    return opened, closes, updated, "open"


def _fit_slots(rng: random.Random, posts: list[dict], total: int, low: int, high: int) -> None:
    """Nudge slots one at a time, at random posts, until they add up to exactly `total`."""
    diff = total - sum(p["slots"] for p in posts)
    while diff:
        post = rng.choice(posts)
        step = 1 if diff > 0 else -1
        if low <= post["slots"] + step <= high:
            post["slots"] += step
            diff -= step


def _numbered(lines: list[str]) -> str:
    """1、…；\\n2、…；\\n3、…。 — the way Chinese postings list duties and requirements."""
    lines = [line for line in lines if line]
    return "\n".join(f"{i}、{line}{'。' if i == len(lines) else '；'}" for i, line in enumerate(lines, 1))


# ---- candidates ---------------------------------------------------------------------------


def _candidate(rng: random.Random, unique: _Uniques, cid: str, as_of: date) -> dict:
    """One job seeker: a segment (fresh graduate, recent graduate, youth, worker) decides the rest."""
    segment = rng.choices(("fresh", "recent", "technician", "youth", "worker"), weights=(17, 8, 2, 3, 70))[0]
    person = _Person(rng, as_of)
    getattr(person, f"as_{segment}")()
    person.finish()
    male = rng.random() < person.trade.male_share
    if "veteran" in person.groups:
        male = rng.random() < 0.92
    return {
        "id": cid,
        "name": _name(rng, male, person.birth.year),
        "birth_date": person.birth,
        "education": person.education,
        "school": person.school,
        "major": person.major,
        "graduation_date": person.graduated,
        "skills": person.skills(),
        "experience": person.experience,
        "desired": person.desired,
        "townships": person.townships,
        "groups": [g for g in GROUPS if g in person.groups],
        "unemployed_since": person.unemployed_since,
        "employed": person.employed,
        "id_number": unique.id_number(person.area_code(), person.birth, male),
        "phone": unique.phone(),
        "gender": "male" if male else "female",
    }


class _Person:
    """The facts of one profile, decided in an order that keeps them consistent.

    Segment first (it fixes education and graduation), then the work history that fits the
    dates, then the groups that follow from it (a registered-unemployed person has a date of
    registration after the last job; nobody in a hardship group holds a job), then the text.
    """

    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng, self.as_of = rng, as_of
        self.groups: set[str] = set()
        self.employed = False
        self.unemployed_since: date | None = None
        self.lines: list[str] = []  # experience sentences
        self.home = _weighted(rng, texts.TOWNSHIP_WEIGHTS)
        self.origin = "local"  # whose ID area code: local, fujian, hubei, migrant

    # -- segments --

    def as_fresh(self) -> None:
        """A 2020 graduate of a college or university （七）."""
        rng = self.rng
        self._graduate(self._fresh_year())
        self.groups.add("fresh_graduate")
        self.employed = rng.random() < 0.2
        if rng.random() < 0.04:
            self._from_hubei()
        self.lines.append(self._internship())
        if rng.random() < 0.6:
            self.lines.append(rng.choice(texts.STUDENT_ACTIVITIES))
        if self.employed:
            hired = min(self.graduated + timedelta(days=rng.randint(5, 40)), self.as_of - timedelta(days=5))
            self.lines.append(self._job(hired, None))
            return
        if rng.random() < 0.55:
            self.groups.add("unemployed_graduate")
        if rng.random() < 0.12:
            self._register(self.graduated + timedelta(days=rng.randint(20, 50)))
        self.lines.append(rng.choice(texts.FRESH_GRADUATE_TAILS))
        self._maybe_hardship_family()

    def as_recent(self) -> None:
        """Left college in the last two years and still without a job: 离校未就业 （七）."""
        rng = self.rng
        self._graduate(self._fresh_year() - rng.choice((1, 1, 2)))
        self.groups.add("unemployed_graduate")
        if rng.random() < 0.04:
            self._from_hubei()
        self.lines.append(self._internship())
        left = self.graduated
        if rng.random() < 0.5:
            start = self.graduated + timedelta(days=rng.randint(20, 90))
            left = min(start + timedelta(days=rng.randint(90, 300)), self.as_of - timedelta(days=30))
            self.lines.append(self._job(start, left))
        if rng.random() < 0.5:
            self._register(left + timedelta(days=rng.randint(10, 60)))
        self.lines.append(
            rng.choice(
                (
                    "毕业后考编没考上，暂时在家。",
                    "这两年做点零工。",
                    "一直在准备考试，现在想先就业。",
                    "受疫情影响，一直没找到合适的工作。",
                    "",
                )
            )
        )
        self._maybe_hardship_family()

    def as_technician(self) -> None:
        """A technician college (技师学院) leaver of the last two years: trainee-eligible （七）."""
        rng = self.rng
        self._set_trade(rng.choice(("maintenance", "textile_tech", "software", "ecom_ops", "nurse")))
        self.education = "vocational"
        self.school = rng.choice(texts.SCHOOLS_TECHNICIAN)
        self.major = rng.choice(self.trade.voc_majors or GENERIC_VOC_MAJORS)
        self.graduated = date(
            self._fresh_year() - rng.choice((0, 1)), rng.choice((6, 7)), rng.randint(15, 30)
        )
        self.birth = self._birth_for(self.graduated, 20)
        self.lines.append(self._internship())
        if rng.random() < 0.4:
            self._register(self.graduated + timedelta(days=rng.randint(15, 60)))
        self.lines.append(rng.choice(("毕业后一直在找工作。", "暂时在家。", "")))

    def as_youth(self) -> None:
        """A registered-unemployed youth of 16–24, without a college diploma （七）."""
        rng = self.rng
        self._set_trade(rng.choice(MIGRANT_TRADES + ("retail", "ecom_cs", "data_annotator")))
        self.birth = self.as_of - timedelta(days=rng.randint(17 * 365 + 30, 24 * 365 + 300))
        old_enough = age_on(self.birth, self.as_of) >= 20  # to have left a senior school
        self.education = (
            rng.choice(("junior_high", "high_school", "vocational")) if old_enough else "junior_high"
        )
        self._school_for(self.education)
        self.graduated = _leaving_date(rng, self.birth, self.education)
        sixteen = add_years(self.birth, 16)
        end = self.as_of - timedelta(days=rng.randint(40, 600))
        start = max(end - timedelta(days=rng.randint(90, 700)), self.graduated + timedelta(days=30), sixteen)
        if start < end - timedelta(days=60):
            self.lines.append(self._job(start, end))
            self._register(end + timedelta(days=rng.randint(5, 40)))
        else:
            self._register(max(start, sixteen))
        self.lines.append(rng.choice(texts.REGISTERED_TAILS))

    def as_worker(self) -> None:
        """Everyone else of working age: job changers, the unemployed, the groups of （八）（九）."""
        rng = self.rng
        migrant = rng.random() < 0.14
        trade_key = rng.choice(MIGRANT_TRADES) if migrant else _weighted(rng, TRADE_WEIGHTS)
        self._set_trade(trade_key)
        self.education = _weighted(rng, self.trade.levels)
        if migrant and education_rank(self.education) > education_rank("vocational"):
            self.education = "high_school"
        low, high = WORKER_AGES[self.education]
        veteran = rng.random() < 0.04 and self.education not in ("none", "master", "doctor")
        if veteran:
            high = min(high, 45)
        self.birth = self.as_of - timedelta(days=rng.randint(low * 365 + 20, high * 365 + 300))
        if migrant:
            self.groups.add("migrant_worker")
            self.origin = rng.choice(("local", "local", "migrant"))
        elif rng.random() < 0.03:
            self._from_hubei()
        elif rng.random() < 0.1:
            self.origin = "fujian"
        self._school_for(self.education)
        self.graduated = _leaving_date(rng, self.birth, self.education) if self.education != "none" else None
        age = age_on(self.birth, self.as_of)
        hardship = age >= 40 and rng.random() < 0.17
        poor = rng.random() < (0.12 if migrant else 0.05)
        low_income = rng.random() < 0.07
        self.employed = not (hardship or poor or low_income) and rng.random() < 0.4
        if veteran:
            self.groups.add("veteran")
            served_from = max(self.birth.year + 18, (self.graduated or self.birth).year + 1)
            served_to = min(served_from + rng.randint(2, 12), self.as_of.year)
            self.lines.append(rng.choice(texts.VETERAN_LINES).format(a=served_from, b=served_to))
            career_start = date(served_to, rng.randint(1, 12), 1)
        else:
            career_start = (self.graduated or self.birth + timedelta(days=16 * 365)) + timedelta(
                days=rng.randint(30, 400)
            )
        self._work_history(max(career_start, add_years(self.birth, 16) + timedelta(days=30)))
        if hardship:
            self.groups.add("hardship")
        if poor:
            self.groups.add("poverty")
        if low_income:
            self.groups.add("low_income")
        if hardship or (not self.employed and rng.random() < 0.45):
            self._register(self._last_left + timedelta(days=rng.randint(10, 90)))
        if not self.employed:
            self.lines.append(
                rng.choice(texts.REGISTERED_TAILS if self.unemployed_since else texts.IDLE_TAILS)
            )

    # -- pieces --

    def _set_trade(self, key: str) -> None:
        self.trade_key, self.trade = key, TRADES[key]

    def _fresh_year(self) -> int:
        """The year whose June graduates are this year's 应届 as of the reference date."""
        return self.as_of.year if self.as_of.month >= 7 else self.as_of.year - 1

    def _graduate(self, year: int) -> None:
        rng = self.rng
        graduate_trades = {
            k: w
            for k, w in TRADE_WEIGHTS.items()
            if TRADES[k].majors
            and any(education_rank(e) >= education_rank("associate") for e in TRADES[k].levels)
        }
        self._set_trade(_weighted(rng, graduate_trades))
        levels = {
            e: w for e, w in self.trade.levels.items() if education_rank(e) >= education_rank("associate")
        }
        self.education = _weighted(rng, levels)
        self._school_for(self.education)
        self.graduated = date(year, rng.choice((6, 6, 7)), rng.randint(1, 30))
        self.birth = self._birth_for(self.graduated, LEAVING_AGE[self.education])

    def _birth_for(self, graduated: date, leaving_age: int) -> date:
        return graduated - timedelta(days=leaving_age * 365 + self.rng.randint(0, 700))

    def _school_for(self, education: str) -> None:
        rng = self.rng
        if self.origin == "hubei" and education in texts.SCHOOLS_HUBEI and rng.random() < 0.7:
            self.school = self._pick_school(texts.SCHOOLS_HUBEI[education])
        elif education == "vocational":
            pool = texts.SCHOOLS_TECHNICIAN if rng.random() < 0.25 else texts.SCHOOLS_SECONDARY_VOCATIONAL
            self.school = rng.choice(pool)
        elif education == "none":
            self.school = ""
        else:
            self.school = self._pick_school(
                {
                    "junior_high": texts.SCHOOLS_JUNIOR,
                    "high_school": texts.SCHOOLS_HIGH,
                    "associate": texts.SCHOOLS_ASSOCIATE,
                    "bachelor": texts.SCHOOLS_BACHELOR,
                    "master": texts.SCHOOLS_MASTER,
                    "doctor": texts.SCHOOLS_MASTER,
                }[education]
            )
        if education_rank(education) >= education_rank("associate"):
            self.major = rng.choice(self.trade.majors or GENERIC_MAJORS)
        elif education == "vocational":
            self.major = rng.choice(self.trade.voc_majors or GENERIC_VOC_MAJORS)
        else:
            self.major = ""

    def _pick_school(self, pool: tuple[str, ...]) -> str:
        """A school that teaches this person's trade: specialised ones only for their trades."""
        fitting = [s for s in pool if self.trade_key in texts.SCHOOL_TRADES.get(s, (self.trade_key,))]
        return self.rng.choice(fitting or pool)

    def _from_hubei(self) -> None:
        self.groups.add("hubei")
        self.origin = "hubei"
        if getattr(self, "school", "") and self.education in texts.SCHOOLS_HUBEI and self.rng.random() < 0.6:
            self.school = self._pick_school(texts.SCHOOLS_HUBEI[self.education])

    def _register(self, day: date) -> None:
        """Registered unemployed since `day` (never after the reference date) （九）."""
        self.groups.add("registered_unemployed")
        self.unemployed_since = min(day, self.as_of - timedelta(days=1))

    def _maybe_hardship_family(self) -> None:
        if self.rng.random() < 0.06:
            self.groups.add(self.rng.choice(("low_income", "poverty")))

    def _work_history(self, career_start: date) -> None:
        """The last one to three jobs, ending today (employed) or some months before."""
        rng = self.rng
        career_start = min(career_start, self.as_of - timedelta(days=120))
        end = None
        if not self.employed:
            end = self.as_of - timedelta(days=rng.randint(30, 900))
            end = min(max(end, career_start + timedelta(days=90)), self.as_of - timedelta(days=20))
        self._last_left = end or self.as_of
        jobs, stop = [], end
        for _ in range(rng.choice((1, 2, 2, 3))):
            latest = stop or self.as_of
            start = max(latest - timedelta(days=rng.randint(300, 2400)), career_start)
            if start >= latest - timedelta(days=60):
                break
            jobs.append(self._job(start, stop))
            stop = start - timedelta(days=rng.randint(20, 200))
        self.lines.extend(reversed(jobs or [self._job(career_start, end)]))

    def _firm(self) -> str:
        rng = self.rng
        if self.origin == "hubei" and rng.random() < 0.5:
            city = rng.choice(texts.CITIES_HUBEI)
        elif "migrant_worker" in self.groups and rng.random() < 0.5:
            city = rng.choice(texts.CITIES_MIGRANT)
        else:
            city = rng.choice(texts.CITIES_FUJIAN)
        if rng.random() < 0.4:
            return f"{city}某{self.trade.firm}"
        return f"{city}{rng.choice(texts.TRADE_NAMES)}{self.trade.firm}"

    def _job(self, start: date, end: date | None) -> str:
        """One sentence of a work history, in one of the ways people write them."""
        rng = self.rng
        job, firm = rng.choice(list(self.trade.jobs)), self._firm()
        task, task2 = rng.sample(self.trade.jobs[job], 2)
        if end is not None and end.year == start.year:
            return f"{start.year}年{start.month}月至{end.month}月在{firm}做{job}，{task}。"
        if end is None:
            return rng.choice(
                (
                    f"{start.year}年至今在{firm}做{job}，{task}。",
                    f"{start.year}.{start.month:02d}至今 {firm} {job}：{task}；{task2}。",
                    f"{start.year}年{start.month}月起在{firm}任{job}，主要{task}、{task2}。",
                )
            )
        return rng.choice(
            (
                f"{start.year}年—{end.year}年在{firm}做{job}，{task}。",
                f"{start.year}.{start.month:02d}—{end.year}.{end.month:02d}在{firm}任{job}，{task}，{task2}。",
                f"{start.year}年{start.month}月至{end.year}年{end.month}月 {firm} {job}：{task}；{task2}。",
            )
        )

    def _internship(self) -> str:
        rng = self.rng
        firm, job = self._firm(), rng.choice(list(self.trade.jobs))
        task = rng.choice(self.trade.jobs[job])
        start = self.graduated - timedelta(days=rng.randint(60, 200))
        return rng.choice(
            (
                f"在{firm}实习，{task}。",
                f"实习经历：{start.year}.{start.month:02d}—{self.graduated.year}.{self.graduated.month:02d}在{firm}做{job}实习生，负责{task}。",
                f"毕业前在{firm}跟岗实习，主要{task}。",
            )
        )

    def finish(self) -> None:
        """Text that reads the decided facts: experience and 求职意向."""
        rng = self.rng
        self.experience = "".join(self.lines)
        mode = rng.choices(("any", "home", "several"), weights=(2, 5, 3))[0]
        if mode == "any":
            self.townships, place = [], rng.choice(texts.PLACE_ANY)
        elif mode == "home":
            self.townships = [self.home]
            place = rng.choice(texts.PLACE_HOME).format(a=self.home)
        else:
            others = [t for t in TOWNSHIPS if t != self.home]
            self.townships = [self.home, *rng.sample(others, rng.randint(1, 2))]
            place = rng.choice(texts.PLACE_SEVERAL).format(a="、".join(self.townships))
        low, high = self.trade.salary
        lo = _round(rng.uniform(low * 0.8, (low + high) / 2), 500)
        hi = lo + rng.choice((500, 1000, 1500, 2000))
        salary = rng.choice(texts.SALARY_WISHES).format(lo=lo, hi=hi, mid=lo)
        self.desired = "，".join(part for part in (rng.choice(self.trade.wants), place, salary) if part)

    def skills(self) -> str:
        rng = self.rng
        young = age_on(self.birth, self.as_of) < 30
        pool = [s for s in self.trade.skills if not (young and ("多年" in s or "十年" in s))]
        chosen = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
        if rng.random() < 0.4:
            chosen.append(rng.choice(texts.GENERIC_SKILLS))
        if education_rank(self.education) >= education_rank("associate") and rng.random() < 0.3:
            chosen.append(rng.choice(("英语四级", "计算机二级", "英语六级", "普通话二级甲等")))
        return "；".join(chosen)

    def area_code(self) -> str:
        rng = self.rng
        if self.origin == "hubei":
            return rng.choice(texts.AREA_CODES_HUBEI)
        if self.origin == "migrant":
            return rng.choice(texts.AREA_CODES_MIGRANT)
        if self.origin == "fujian":
            return rng.choice(texts.AREA_CODES_FUJIAN)
        return _weighted(rng, dict(texts.AREA_CODES_LOCAL))


# ---- small helpers ------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _name(rng: random.Random, male: bool, born: int) -> str:
    surname = rng.choices([s for s, _ in texts.SURNAMES], weights=[w for _, w in texts.SURNAMES])[0]
    if male:
        given = texts.GIVEN_NAMES_MALE_OLDER if born < 1985 else texts.GIVEN_NAMES_MALE_YOUNGER
    else:
        given = texts.GIVEN_NAMES_FEMALE_OLDER if born < 1985 else texts.GIVEN_NAMES_FEMALE_YOUNGER
    return surname + rng.choice(given)


def _leaving_date(rng: random.Random, birth: date, education: str) -> date:
    """When school ended for someone of this education (July of the usual year, give or take)."""
    year = birth.year + LEAVING_AGE[education] + rng.choice((0, 0, 1))
    return date(year, rng.choice((6, 7)), rng.randint(1, 30))


def _round(value: float, step: int) -> int:
    return int(round(value / step)) * step
