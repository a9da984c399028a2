"""The demo's posts — public-welfare （六）, trainee （七） and regular — made of coherent parts.

An employer's industry decides the trades its posts draw on, and each occupation names who
offers it (a 口腔护士 only at a dental clinic, 成本会计 only where things are made, a town
government's own posts are its offices' work). The occupation decides the post's majors. The
trade decides the working hours (shifts only where the work runs day and night; offices and
public bodies keep office hours), and the hours decide which requirement lines, days off and
benefits a post may carry. Benefits are a set with one item per exclusive group — social
insurance, days off, meals — so no post says both 五险 and 五险一金, or 双休 and 月休4天.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from demo.loaders import (
    ProgramPostTemplate,
    Trade,
    industry_trades,
    program_templates,
    program_wording,
    table,
    trades,
)
from demo.picks import round_to
from policy.codes import TOWNSHIPS, education_rank

PUBLIC_WELFARE_SLOTS = 500  # （六）: 临时性公益岗位500个
TRAINEE_SLOTS = 60  # （七）: 不少于50个见习岗位; the demo offers a few more than the target
REGULAR_POSTS = 300

# Industries whose firms the epidemic hit hardest: they host public-welfare posts too （六）.
EPIDEMIC_HIT_INDUSTRIES = ("餐饮住宿", "商贸零售", "纺织化纤", "物流运输", "家政服务")

# Lines with these words belong only to posts whose hours are shift work ("shift"), or at
# least work around the clock (nights, rotas): an office never asks for 两班倒.
SHIFT_ONLY = ("两班倒", "三班倒", "12小时")
ROTA_ONLY = ("倒班", "夜班", "轮班")
ROTA_HOURS = ("shift", "ward", "rotating")


class Titles:
    """Hands out post titles, the least used of an occupation's names first, so the listing
    reads like many employers writing their own posts rather than one template."""

    def __init__(self) -> None:
        self.used: Counter[str] = Counter()

    def pick(self, rng: random.Random, options: tuple[str, ...] | list[str]) -> str:
        least = min(self.used[o] for o in options)
        title = rng.choice([o for o in options if self.used[o] == least])
        self.used[title] += 1
        return title

    def fresh(self, options: tuple[str, ...]) -> bool:
        return any(self.used[o] == 0 for o in options)


def fits_hours(line: str, hours: str) -> bool:
    """Whether a requirement or duty line may stand in a post with these working hours."""
    if any(word in line for word in SHIFT_ONLY):
        return hours == "shift"
    if any(word in line for word in ROTA_ONLY):
        return hours in ROTA_HOURS
    return True


def benefits(rng: random.Random, employer: dict, hours: str) -> list[str]:
    """One social-insurance item, the days off of these hours, then meals and extras that fit."""
    wording = table("wording")
    table_ = wording["benefits"]
    chosen = [rng.choice(table_["insurance"][employer["ownership"]]),
              rng.choice(wording["hours"][hours]["days_off"])]
    if employer["ownership"] == "public_institution":
        return chosen + rng.sample(wording["public_body_benefits"], rng.randint(1, 2))
    if rng.random() < 0.6:
        kind = "factory" if hours in table_["factory_hours"] else "office" if hours == "office" else "other"
        chosen.append(rng.choice(table_["meals"][kind]))
    extras = [x["text"] for x in table_["extras"]
              if hours in x.get("hours", [hours]) and employer["ownership"] not in x.get("not", [])]
    return chosen + rng.sample(extras, rng.randint(1, 2))


# ---- public welfare （六） --------------------------------------------------------------


def public_welfare_posts(
    rng: random.Random, employers: list[dict], program: dict, as_of: date, titles: Titles
) -> list[dict]:
    """（六）: 500 slots in disinfection, sanitation and community service, in every township.

    Most are offered by the township's public bodies; some by epidemic-hit firms there.
    """
    templates = program_templates("public_welfare")
    firm_titles = program_wording("public_welfare")["firm_titles"]
    public_templates = [t for t in templates if not t.title.startswith("厂区")]
    firm_templates = [t for t in templates if t.title in firm_titles]
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
            posts.append(_public_welfare_post(rng, rng.choice(hosts), template, township, program,
                                              as_of, titles))
        if hit and rng.random() < 0.5:
            posts.append(_public_welfare_post(rng, rng.choice(hit), rng.choice(firm_templates),
                                              township, program, as_of, titles))
    _fit_slots(rng, posts, PUBLIC_WELFARE_SLOTS, low=3, high=30)
    return posts


def _offers(body: str, title: str) -> bool:
    """Whether a public body of this name offers this public-welfare post (governments: all)."""
    if body.endswith(("人民政府", "办事处")):
        return True
    hosts = program_wording("public_welfare")["hosts"]
    return any(fragment in body and title in offered for fragment, offered in hosts.items())


def _public_welfare_post(rng, employer, template: ProgramPostTemplate, township, program, as_of,
                         titles: Titles) -> dict:
    wording = program_wording("public_welfare")
    title = titles.pick(rng, (f"{township}{template.title}", f"{template.title}（公益性岗位）",
                              template.title))
    education_min = rng.choice(template.education)
    requirements = [rng.choice(_education_phrases(education_min)), rng.choice(wording["eligibility"])]
    requirements += list(template.requirements)
    requirements.append(f"年龄{rng.choice(wording['ages'])}")
    requirements.append(rng.choice(wording["local"]))
    salary_min = rng.choice((1800, 1800, 1900, 2000))
    return _post(
        employer, "public_welfare", title, township,
        description=_numbered(rng.sample(template.duties, len(template.duties)))
        + "\n" + rng.choice(wording["notes"]),
        requirements=_numbered(requirements),
        education_min=education_min,
        majors=[],
        slots=rng.randint(6, 16),
        salary=(salary_min, salary_min + rng.choice((0, 100, 200, 300))),
        dates=_program_dates(rng, program, as_of),
        program_key=program["key"],
        made_of=("", template.title),
    )


# ---- trainee （七） -----------------------------------------------------------------------


def trainee_posts(rng: random.Random, employers: list[dict], program: dict, as_of: date,
                  titles: Titles) -> list[dict]:
    """（七）: 1–3 slots each until the demo's trainee total; agencies and firms alike."""
    posts: list[dict] = []
    total = 0
    hosts = {t.title: _trainee_hosts(employers, t) for t in program_templates("trainee")}
    templates = [t for t in program_templates("trainee") if hosts[t.title]]
    while total < TRAINEE_SLOTS:
        template = rng.choice(templates)
        employer = rng.choice(hosts[template.title])
        slots = min(rng.randint(1, 3), TRAINEE_SLOTS - total)
        total += slots
        posts.append(_trainee_post(rng, employer, template, slots, program, as_of, titles))
    return posts


def _trainee_hosts(employers: list[dict], template: ProgramPostTemplate) -> list[dict]:
    """Verified employers whose industry has this trade and who offer this occupation, and
    public bodies for office work. None at all: the demo offers no such trainee post (a
    kindergarten's trainee teacher is not sent to a town government)."""
    opening = trades()[template.trade].openings[template.opening]
    industries = {industry for industry, weights in industry_trades().items() if template.trade in weights}
    hosts = [e for e in employers
             if e["verified"] and e["industry"] in industries and not e["name"].endswith("委员会")
             and opening.fits(e)]
    bodies = [e for e in employers
              if e["ownership"] == "public_institution" and not e["name"].endswith("委员会")]
    if template.trade == "admin":
        hosts += [e for e in bodies if e not in hosts]
    return hosts


def _trainee_post(rng, employer, template: ProgramPostTemplate, slots, program, as_of,
                  titles: Titles) -> dict:
    wording = program_wording("trainee")
    opening = trades()[template.trade].openings[template.opening]
    education_min = rng.choice(template.education)
    pool = opening.majors + (opening.voc_majors if education_min == "vocational" else ())
    majors = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
    if education_min == "vocational":
        first = "大专或技师学院及以上学历" + (f"，{'、'.join(majors)}等专业" if majors else "")
    else:
        first = rng.choice(_education_phrases(education_min))
        first += f"，所学专业为{'、'.join(majors)}等" if majors else ""
    requirements = [first, rng.choice(wording["eligibility"]), *template.requirements]
    if rng.random() < 0.5:
        requirements.append("服从岗位安排")
    salary_min = rng.choice((1800, 2000, 2200, 2500))
    return _post(
        employer, "trainee", titles.pick(rng, template.titles or (template.title,)),
        employer["township"],
        description=_numbered(list(template.duties)) + "\n" + rng.choice(wording["notes"]),
        requirements=_numbered(requirements),
        education_min=education_min,
        majors=majors,
        slots=slots,
        salary=(salary_min, salary_min + rng.choice((300, 400, 600, 800))),
        dates=_program_dates(rng, program, as_of),
        program_key=program["key"],
        made_of=(template.trade, template.opening),
    )


# ---- regular posts ------------------------------------------------------------------------


def regular_posts(rng: random.Random, employers: list[dict], as_of: date, titles: Titles) -> list[dict]:
    """About 300 vacancies of verified employers: one each, then more where firms are larger.

    An employer the bureau has not verified yet cannot post (services.posts.create_post), so
    the demo gives it none: it waits in the bureau's verification queue.
    """
    hosts = [e for e in employers if e["verified"] and not e["name"].endswith("委员会")]
    weights = [
        0.5 if e["ownership"] == "public_institution"
        else {"micro": 1, "small": 2, "medium": 3, "large": 4}[e["size"]]
        for e in hosts
    ]
    extra = rng.choices(range(len(hosts)), weights=weights, k=REGULAR_POSTS - len(hosts))
    counts = [1 + extra.count(i) for i in range(len(hosts))]
    posts = []
    for employer, count in zip(hosts, counts, strict=True):
        offered: set[str] = set()
        for _ in range(count):
            posts.append(_regular_post(rng, employer, offered, as_of, titles))
    return posts


def _occupation(rng: random.Random, employer: dict, offered: set[str]):
    """(trade, opening) for the employer's next post: its industry's trades, weighted, and
    among them the occupations this employer may offer, one it has not offered yet first."""
    choices, weights = [], []
    for key, weight in industry_trades()[employer["industry"]].items():
        fitting = [o for o in trades()[key].openings.values() if o.fits(employer)]
        fresh = [o for o in fitting if o.name not in offered] or fitting
        for opening in fresh:
            choices.append((trades()[key], opening))
            weights.append(weight / len(fresh))
    return rng.choices(choices, weights=weights)[0]


def _hours(rng: random.Random, trade: Trade, employer: dict) -> str:
    """A public body keeps no factory shifts, whatever the trade."""
    kinds = [h for h in trade.hours if not (employer["ownership"] == "public_institution" and h == "shift")]
    return rng.choice(kinds or ["office"])


def _regular_post(rng: random.Random, employer: dict, offered: set[str], as_of: date,
                  titles: Titles) -> dict:
    trade, opening = _occupation(rng, employer, offered)
    offered.add(opening.name)
    hours = _hours(rng, trade, employer)
    education_min = rng.choice(opening.education or trade.post_education)
    majors: list[str] = []
    first = rng.choice(_education_phrases(education_min))
    if education_rank(education_min) >= education_rank("associate") and opening.majors:
        majors = rng.sample(opening.majors, min(len(opening.majors), rng.randint(1, 3)))
        first += rng.choice((f"，{'、'.join(majors)}等相关专业", f"，{'、'.join(majors)}专业优先"))
    requirements = [first]
    if rng.random() < 0.4:
        requirements.append(f"年龄{rng.choice(table('wording')['age_limits'])}")
    shared = [r for r in trade.requirements if fits_hours(r, hours)]
    requirements += [r for r in opening.requirements if fits_hours(r, hours)]
    requirements += rng.sample(shared, min(len(shared), rng.randint(1, 2)))
    duties = [d for d in trade.duties if fits_hours(d, hours)]
    description = _numbered([d for d in opening.duties if fits_hours(d, hours)]
                            + rng.sample(duties, min(len(duties), rng.randint(1, 2))))
    if rng.random() < 0.6:
        description += "\n" + rng.choice(table("wording")["hours"][hours]["texts"])
    description += "\n待遇：" + "，".join(benefits(rng, employer, hours)) + "。"
    low, high = trade.salary
    bump = 1 + 0.15 * max(0, education_rank(education_min) - education_rank("associate"))
    salary_min = round_to(rng.uniform(low, (low + high) / 2) * bump, 100)
    salary_max = round_to(salary_min * rng.uniform(1.2, 1.7), 100)
    slots = (
        rng.randint(3, 20)
        if education_rank(education_min) <= education_rank("junior_high")
        else rng.randint(1, 5)
    )
    options = opening.titles
    if not titles.fresh(options):  # every name taken: say where, as postings often do
        options = tuple(f"{t}（{employer['township']}）" for t in options)
    return _post(
        employer, "regular", titles.pick(rng, options), employer["township"],
        description=description,
        requirements=_numbered(requirements),
        education_min=education_min,
        majors=majors,
        slots=slots,
        salary=(salary_min, salary_max),
        dates=_regular_dates(rng, as_of),
        program_key=None,
        made_of=(trade.key, opening.name),
    )


# ---- shared -------------------------------------------------------------------------------


def _education_phrases(level: str) -> list[str]:
    return table("wording")["education_phrases"][level]


def _post(employer, kind, title, township, *, description, requirements, education_min, majors,
          slots, salary, dates, program_key, made_of) -> dict:
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
        "trade": made_of[0],  # what the post was made of, for the coherence tests
        "occupation": made_of[1],
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
