"""The demo's job seekers: a segment (fresh graduate, recent graduate, technician, youth,
worker) decides the facts, and the facts decide the words.

Each person has one trade. Their jobs are that trade's jobs, at the kinds of firm that have
them (a fish sorter at a seafood plant, never at an electronics factory), and the sentences
that close a profile carry that person's own dates and township, so no sentence is shared by
more than a few dozen of the 3,000 profiles.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.loaders import Trade, migrant_trades, table, trade_weights, trades
from demo.picks import name, round_to, weighted
from demo.work_history import WorkHistory
from policy.codes import GROUPS, TOWNSHIPS, education_rank
from policy.eligibility import add_years, age_on

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
EPIDEMIC_BEGAN = date(2020, 1, 23)  # Wuhan closed; factories stopped after the Spring Festival
GENERIC_MAJORS = ("市场营销", "工商管理", "计算机应用技术", "物流管理")
GENERIC_VOC_MAJORS = ("计算机应用", "商品经营", "机电技术应用")
SCHOOL_POOLS = {
    "junior_high": "junior_high", "high_school": "high_school", "associate": "associate",
    "bachelor": "bachelor", "master": "master", "doctor": "master",
}


def candidate(rng: random.Random, unique, cid: str, as_of: date) -> dict:
    """One job seeker, in the interchange format, with the trade and jobs it was made of."""
    segment = rng.choices(("fresh", "recent", "technician", "youth", "worker"), weights=(17, 8, 2, 3, 70))[0]
    person = Person(rng, as_of)
    getattr(person, f"as_{segment}")()
    person.finish()
    male = rng.random() < person.trade.male_share
    if "veteran" in person.groups:
        male = rng.random() < 0.92
    return {
        "id": cid,
        "name": name(rng, male, person.birth.year),
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
        "trade": person.trade.key,  # what the profile was made of, for the coherence tests
        "jobs": list(person.jobs),  # (job, firm) of each line of the history
    }


class Person(WorkHistory):
    """The facts of one profile, decided in an order that keeps them consistent.

    Segment first (it fixes education and graduation), then the work history that fits the
    dates, then the groups that follow from it (a registered-unemployed person has a date of
    registration after the last job; nobody in a hardship group holds a job), then the text.
    """

    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng, self.as_of = rng, as_of
        self.words = table("wording")
        self.groups: set[str] = set()
        self.employed = False
        self.unemployed_since: date | None = None
        self.lines: list[str] = []  # experience sentences
        self.jobs: list[tuple[str, str]] = []  # (job, firm) per history line
        self.home = weighted(rng, table("places")["township_weights"])
        self.origin = "local"  # whose ID area code: local, fujian, hubei, migrant
        self.school, self.major = "", ""
        self.graduated: date | None = None
        self._last_left = as_of

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
            self.lines.append(rng.choice(self.words["student_activities"]))
        if self.employed:
            hired = min(self.graduated + timedelta(days=rng.randint(5, 40)), self.as_of - timedelta(days=5))
            self.lines.append(self._job(hired, None))
            return
        if rng.random() < 0.55:
            self.groups.add("unemployed_graduate")
        if rng.random() < 0.12:
            self._register(self.graduated + timedelta(days=rng.randint(20, 50)))
        self._tail("fresh", self.graduated)
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
        self._tail("recent", left)
        self._maybe_hardship_family()

    def as_technician(self) -> None:
        """A technician college (技师学院) leaver of the last two years: trainee-eligible （七）."""
        rng = self.rng
        self._set_trade(rng.choice(("maintenance", "textile_tech", "software", "ecom_ops", "nurse")))
        self.education = "vocational"
        self.school = rng.choice(table("schools")["technician"])
        self.major = rng.choice(self.trade.voc_majors or GENERIC_VOC_MAJORS)
        self.graduated = date(
            self._fresh_year() - rng.choice((0, 1)), rng.choice((6, 7)), rng.randint(15, 30)
        )
        self.birth = self._birth_for(self.graduated, 20)
        self.lines.append(self._internship())
        if rng.random() < 0.4:
            self._register(self.graduated + timedelta(days=rng.randint(15, 60)))
        self._tail("technician", self.graduated)

    def as_youth(self) -> None:
        """A registered-unemployed youth of 16–24, without a college diploma （七）."""
        rng = self.rng
        self._set_trade(rng.choice(migrant_trades() + ("retail", "ecom_cs", "data_annotator")))
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
        self._tail("registered", self.unemployed_since)

    def as_worker(self) -> None:
        """Everyone else of working age: job changers, the unemployed, the groups of （八）（九）."""
        rng = self.rng
        migrant = rng.random() < 0.14
        trade_key = rng.choice(migrant_trades()) if migrant else weighted(rng, trade_weights())
        self._set_trade(trade_key)
        self.education = weighted(rng, self.trade.levels)
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
            self.lines.append(rng.choice(self.words["veteran_lines"]).format(a=served_from, b=served_to))
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
            if self.unemployed_since:
                self._tail("registered", self.unemployed_since)
            else:
                self._tail("idle", self._last_left)

    # -- pieces --

    def _set_trade(self, key: str) -> None:
        self.trade: Trade = trades()[key]

    def _fresh_year(self) -> int:
        """The year whose June graduates are this year's 应届 as of the reference date."""
        return self.as_of.year if self.as_of.month >= 7 else self.as_of.year - 1

    def _graduate(self, year: int) -> None:
        rng = self.rng
        graduate_trades = {
            k: w
            for k, w in trade_weights().items()
            if trades()[k].majors
            and any(education_rank(e) >= education_rank("associate") for e in trades()[k].levels)
        }
        self._set_trade(weighted(rng, graduate_trades))
        levels = {
            e: w for e, w in self.trade.levels.items() if education_rank(e) >= education_rank("associate")
        }
        self.education = weighted(rng, levels)
        self._school_for(self.education)
        self.graduated = date(year, rng.choice((6, 6, 7)), rng.randint(1, 30))
        self.birth = self._birth_for(self.graduated, LEAVING_AGE[self.education])

    def _birth_for(self, graduated: date, leaving_age: int) -> date:
        return graduated - timedelta(days=leaving_age * 365 + self.rng.randint(0, 700))

    def _school_for(self, education: str) -> None:
        rng = self.rng
        schools = table("schools")
        if self.origin == "hubei" and education in schools["hubei"] and rng.random() < 0.7:
            self.school = self._pick_school(schools["hubei"][education])
        elif education == "vocational":
            pool = schools["technician"] if rng.random() < 0.25 else schools["secondary_vocational"]
            self.school = rng.choice(pool)
        elif education == "none":
            self.school = ""
        else:
            self.school = self._pick_school(schools[SCHOOL_POOLS[education]])
        if education_rank(education) >= education_rank("associate"):
            self.major = rng.choice(self.trade.majors or GENERIC_MAJORS)
        elif education == "vocational":
            self.major = rng.choice(self.trade.voc_majors or GENERIC_VOC_MAJORS)
        else:
            self.major = ""

    def _pick_school(self, pool: list[str]) -> str:
        """A school that teaches this person's trade: specialised ones only for their trades."""
        teaches = table("schools")["school_trades"]
        fitting = [s for s in pool if self.trade.key in teaches.get(s, (self.trade.key,))]
        return self.rng.choice(fitting or pool)

    def _from_hubei(self) -> None:
        self.groups.add("hubei")
        self.origin = "hubei"
        hubei = table("schools")["hubei"]
        if self.school and self.education in hubei and self.rng.random() < 0.6:
            self.school = self._pick_school(hubei[self.education])

    def _register(self, day: date) -> None:
        """Registered unemployed since `day` (never after the reference date) （九）."""
        self.groups.add("registered_unemployed")
        self.unemployed_since = min(day, self.as_of - timedelta(days=1))

    def _maybe_hardship_family(self) -> None:
        if self.rng.random() < 0.06:
            self.groups.add(self.rng.choice(("low_income", "poverty")))

    def _tail(self, kind: str, day: date | None) -> None:
        """The sentence that ends a history, in this person's own dates, place and major."""
        day = day or self.as_of
        # Nobody lost a job to the epidemic before it began.
        tails = [t for t in self.words["tails"][kind] if "疫情" not in t or day >= EPIDEMIC_BEGAN]
        line = self.rng.choice(tails).format(
            y=day.year, m=day.month, home=self.home, major=self.major or "所学",
            want=self.rng.choice(self.trade.jobs_for(self.major)))
        if line:
            self.lines.append(line)

    def finish(self) -> None:
        """Text that reads the decided facts: experience and 求职意向."""
        rng = self.rng
        self.experience = "".join(self.lines)
        mode = rng.choices(("any", "home", "several"), weights=(2, 5, 3))[0]
        if mode == "any":
            self.townships, place = [], rng.choice(self.words["place_any"])
        elif mode == "home":
            self.townships = [self.home]
            place = rng.choice(self.words["place_home"]).format(a=self.home)
        else:
            others = [t for t in TOWNSHIPS if t != self.home]
            self.townships = [self.home, *rng.sample(others, rng.randint(1, 2))]
            place = rng.choice(self.words["place_several"]).format(a="、".join(self.townships))
        low, high = self.trade.salary
        lo = round_to(rng.uniform(low * 0.8, (low + high) / 2), 500)
        hi = lo + rng.choice((500, 1000, 1500, 2000))
        salary = rng.choice(self.words["salary_wishes"]).format(lo=lo, hi=hi, mid=lo)
        self.desired = "，".join(part for part in (rng.choice(self.trade.wants), place, salary) if part)

    def skills(self) -> str:
        rng = self.rng
        young = age_on(self.birth, self.as_of) < 30
        pool = [s for s in self.trade.skills if not (young and ("多年" in s or "十年" in s))]
        chosen = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
        if rng.random() < 0.4:
            chosen.append(rng.choice(self.words["generic_skills"]))
        if education_rank(self.education) >= education_rank("associate") and rng.random() < 0.3:
            chosen.append(rng.choice(("英语四级", "计算机二级", "英语六级", "普通话二级甲等")))
        return "；".join(chosen)

    def area_code(self) -> str:
        rng = self.rng
        places = table("places")
        if self.origin == "hubei":
            return rng.choice(places["area_codes_hubei"])
        if self.origin == "migrant":
            return rng.choice(places["area_codes_migrant"])
        if self.origin == "fujian":
            return rng.choice(places["area_codes_fujian"])
        return weighted(rng, places["area_codes_local"])


def _leaving_date(rng: random.Random, birth: date, education: str) -> date:
    """When school ended for someone of this education (July of the usual year, give or take)."""
    year = birth.year + LEAVING_AGE[education] + rng.choice((0, 0, 1))
    return date(year, rng.choice((6, 7)), rng.randint(1, 30))
