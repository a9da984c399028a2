"""A believable Changle district for the demo, built from a seed: employers, posts, people.

Pure and deterministic — one `random.Random(seed)`, no database, no Flask, no clock — so the
demo, the tests and a screenshot taken next month all show the same district. demo/seed.py
writes it to the database through the services; this module and its two helpers (posts.py,
people.py) only invent it, from the tables in demo/data/.

Records are plain dicts in DESIGN.md's interchange format, with the extra fields the database
needs (credit codes, ID numbers, phones, dates, status) and, for the coherence tests, what
each was made from (a post's trade and occupation, a person's trade and jobs). Dates are
`datetime.date` objects.

What the district must show (and the tests check): the two 2020 programs of the seed — 500
public-welfare slots over all 18 townships （六）, at least 50 trainee slots （七）— and job
seekers of every group of （七）（八）（九）, enough of them eligible for each kind of post.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from demo import people, posts
from demo.loaders import table
from demo.picks import name, weighted
from policy.codes import TOWNSHIPS
from policy.identifiers import make_credit_code, make_id_number

TRAINEE_TARGET = 50  # （七）: 不少于50个见习岗位
CANDIDATES = 3000

# Private firms per industry (about 70), foreign-invested ones (7); the rest are listed in firms.json.
PRIVATE_FIRMS: dict[str, int] = {
    "纺织化纤": 12, "钢铁冶金": 4, "健康医疗": 5, "人工智能": 5, "大数据": 5, "跨境电商": 7,
    "物流运输": 5, "家政服务": 5, "社区服务": 3, "商贸零售": 4, "餐饮住宿": 4, "机械制造": 3,
    "电子制造": 1, "食品加工": 2, "建筑工程": 2, "教育培训": 3,
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
    unique = Uniques(rng)
    programs = quota_programs(reference_date.year)
    employers = _employers(rng, unique)
    titles = posts.Titles()
    all_posts = posts.public_welfare_posts(rng, employers, programs[0], reference_date, titles)
    all_posts += posts.trainee_posts(rng, employers, programs[1], reference_date, titles)
    all_posts += posts.regular_posts(rng, employers, reference_date, titles)
    for number, post in enumerate(all_posts, 1):
        post["id"] = f"P{number:04d}"
    candidates = [people.candidate(rng, unique, f"C{n:05d}", reference_date)
                  for n in range(1, CANDIDATES + 1)]
    return DemoCorpus(employers=employers, posts=all_posts, candidates=candidates, programs=programs)


def quota_programs(year: int) -> list[dict]:
    """（六） and （七）: the year's two quota programs, from the measures' date to year end."""
    start, end = date(year, 7, 2), date(year, 12, 31)
    return [
        {
            "key": f"pw{year}",
            "name": f"{year}年临时性公益岗位",
            "kind": "public_welfare",
            "target": posts.PUBLIC_WELFARE_SLOTS,
            "start": start,
            "end": end,
        },
        {
            "key": f"trainee{year}",
            "name": f"{year}年就业见习",
            "kind": "trainee",
            "target": TRAINEE_TARGET,
            "start": start,
            "end": end,
        },
    ]


class Uniques:
    """Hands out phones, ID numbers and credit codes, never the same one twice."""

    ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()
        self.prefixes = tuple(table("wording")["phone_prefixes"])

    def _fresh(self, make) -> str:
        value = make()
        while value in self.seen:
            value = make()
        self.seen.add(value)
        return value

    def phone(self) -> str:
        return self._fresh(lambda: self.rng.choice(self.prefixes) + f"{self.rng.randrange(10**8):08d}")

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


def _employers(rng: random.Random, unique: Uniques) -> list[dict]:
    """About 120: a public body in every township, communities, SOEs, foreign and private firms."""
    firms = table("firms")
    rows: list[tuple[str, str, str, str, str]] = []  # name, ownership, industry, township, size
    for township in TOWNSHIPS:
        office = "办事处" if township.endswith("街道") else "人民政府"
        rows.append((f"长乐区{township}{office}", "public_institution", "公共管理", township, "small"))
    for township in HEALTH_CENTRE_TOWNSHIPS:
        rows.append((f"长乐区{township}卫生院", "public_institution", "健康医疗", township, "small"))
    for body, industry, township in firms["public_institutions"]:
        size = "large" if body.endswith("医院") else "small"
        rows.append((body, "public_institution", industry, township, size))
    for community, township in rng.sample(firms["community_names"], COMMUNITIES):
        committee = "社区居民委员会" if township.endswith("街道") else "村民委员会"
        rows.append(
            (f"长乐区{township}{community}{committee}", "public_institution", "社区服务", township, "micro")
        )
    for soe, industry in firms["soe_employers"]:
        rows.append((soe, "soe", industry, _firm_township(rng, industry), rng.choice(("medium", "large"))))
    used: set[str] = set()
    for industry, count in FOREIGN_FIRMS.items():
        for _ in range(count):
            pattern = rng.choice(firms["foreign_name_patterns"][industry])
            firm = _unique_name(rng, pattern, firms["foreign_trade_names"], used)
            rows.append(
                (firm, "foreign", industry, _firm_township(rng, industry), rng.choice(("medium", "large")))
            )
    for industry, count in PRIVATE_FIRMS.items():
        for _ in range(count):
            pattern = rng.choice(firms["name_patterns"][industry])
            firm = _unique_name(rng, pattern, firms["trade_names"], used)
            size = rng.choices(("micro", "small", "medium", "large"), weights=(2, 5, 3, 1))[0]
            rows.append((firm, "private", industry, _firm_township(rng, industry), size))
    private = [i for i, row in enumerate(rows) if row[1] == "private"]
    unverified = set(rng.sample(private, UNVERIFIED_FIRMS))
    employers = []
    for i, (employer, ownership, industry, township, size) in enumerate(rows):
        if employer.endswith("委员会"):
            kind = "55"
        elif ownership == "public_institution":
            kind = "11" if employer.endswith(("人民政府", "办事处")) else "12"
        else:
            kind = "91"
        male = rng.random() < 0.4
        employers.append(
            {
                "name": employer,
                "credit_code": unique.credit_code(kind),
                "ownership": ownership,
                "size": size,
                "staff_count": rng.randint(*STAFF_RANGES[size]),
                "industry": industry,
                "township": township,
                "verified": i not in unverified,
                "contact_name": name(rng, male, rng.randint(1965, 1995)),
                "contact_phone": unique.phone(),
            }
        )
    return employers


def _firm_township(rng: random.Random, industry: str) -> str:
    places = table("places")
    if industry in places["industry_townships"]:
        return rng.choice(places["industry_townships"][industry])
    return weighted(rng, places["township_weights"])


def _unique_name(rng: random.Random, pattern: str, trade_names: list[str], used: set[str]) -> str:
    firm = pattern.format(t=rng.choice(trade_names))
    while firm in used:
        firm = pattern.format(t=rng.choice(trade_names))
    used.add(firm)
    return firm
