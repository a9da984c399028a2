"""The demo's tables, read from demo/data/*.json: the words are data, the generator is code.

Each file is one kind of thing (occupations, program post templates, names, places, schools,
firms, wording); this module turns the two that have structure — occupations and program post
templates — into frozen dataclasses, and hands out the rest as plain JSON. Everything is read
once per process (`functools.cache`), so building the corpus twice reads the files once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@cache
def table(name: str) -> Any:
    """demo/data/<name>.json, parsed (names, places, schools, firms, wording, …)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def hosts_fit(hosts: tuple[str, ...], employer: dict) -> bool:
    """Whether an employer may offer something limited to `hosts`: each host is an industry
    (纺织化纤) or a fragment of the employer's name (医院, 超市); no hosts means anyone."""
    return not hosts or employer["industry"] in hosts or any(h in employer["name"] for h in hosts)


@dataclass(frozen=True)
class Opening:
    """One occupation a post can be for: its titles, duties and the majors it asks for."""

    name: str
    titles: tuple[str, ...]  # what employers call it; the first is the usual name
    duties: tuple[str, ...]
    requirements: tuple[str, ...]
    majors: tuple[str, ...]  # college majors of this occupation (associate and up)
    voc_majors: tuple[str, ...]  # 中专/技校/技师学院 majors of this occupation
    hosts: tuple[str, ...]  # who offers it (see hosts_fit); empty: any employer of the trade
    education: tuple[str, ...]  # education_min choices when not the trade's

    def fits(self, employer: dict) -> bool:
        return hosts_fit(self.hosts, employer)


@dataclass(frozen=True)
class Job:
    """A job as a person writes it in a work history, and the kinds of firm that have it."""

    name: str
    tasks: tuple[str, ...]
    firms: tuple[str, ...]
    opening: str = ""  # the occupation it is, where a trade's occupations ask different majors


@dataclass(frozen=True)
class Trade:
    """A family of occupations seen from both sides: what a post asks, what a person did.

    One table for both is what makes the demo's recommendations meaningful: a weaver's
    résumé and a weaving post draw on the same words (挡车工, 经编机, 断纱), as in life.
    """

    key: str
    openings: dict[str, Opening]
    duties: tuple[str, ...]  # description lines any opening of the trade may add
    requirements: tuple[str, ...]  # requirement lines any opening may add
    post_education: tuple[str, ...]  # education_min of posts, repeated to weight
    salary: tuple[int, int]  # usual monthly range in Fuzhou, 2020, yuan
    hours: tuple[str, ...]  # the working-hours kinds of wording.json this trade keeps
    levels: dict[str, int]  # candidates' education, weighted
    jobs: dict[str, Job]
    firms: tuple[str, ...]  # the kinds of firm in a history ("福州某纺织厂")
    skills: tuple[str, ...]
    wants: tuple[str, ...]  # 求职意向, as people write it
    male_share: float

    @property
    def majors(self) -> tuple[str, ...]:
        """The trade's majors: exactly the union of its occupations' majors."""
        return _union(o.majors for o in self.openings.values())

    @property
    def voc_majors(self) -> tuple[str, ...]:
        return _union(o.voc_majors for o in self.openings.values())

    def jobs_for(self, major: str) -> list[str]:
        """The jobs someone of this major does: where a job is an occupation with its own
        majors (护士 asks 护理, 药房调剂员 药学), only if the major is one of them."""
        def fits(job: Job) -> bool:
            if not (major and job.opening):
                return True
            opening = self.openings[job.opening]
            return major in opening.majors + opening.voc_majors

        return [name for name, job in self.jobs.items() if fits(job)] or list(self.jobs)

    def firms_for(self, job: str) -> tuple[str, ...]:
        return self.jobs[job].firms or self.firms

    def all_firms(self) -> frozenset[str]:
        return frozenset(self.firms).union(*(j.firms for j in self.jobs.values()))


@dataclass(frozen=True)
class ProgramPostTemplate:
    """A public-welfare （六） or trainee （七） post as the programme's hosts word it."""

    title: str
    duties: tuple[str, ...]
    education: tuple[str, ...]  # education_min choices, repeated to weight
    requirements: tuple[str, ...] = ()
    trade: str = ""  # trainee posts: the trade and occupation whose majors the post asks for
    opening: str = ""
    titles: tuple[str, ...] = ()


def _union(groups) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


def _opening(name: str, row: dict) -> Opening:
    return Opening(
        name=name, titles=tuple(row["titles"]), duties=tuple(row["duties"]),
        requirements=tuple(row["requirements"]), majors=tuple(row.get("majors", ())),
        voc_majors=tuple(row.get("voc_majors", ())), hosts=tuple(row.get("hosts", ())),
        education=tuple(row.get("education", ())),
    )


def _trade(key: str, row: dict) -> Trade:
    return Trade(
        key=key,
        openings={name: _opening(name, o) for name, o in row["openings"].items()},
        duties=tuple(row["duties"]), requirements=tuple(row["requirements"]),
        post_education=tuple(row["post_education"]), salary=tuple(row["salary"]),
        hours=tuple(row["hours"]), levels=dict(row["levels"]),
        jobs={name: Job(name, tuple(j["tasks"]), tuple(j.get("firms", ())), j.get("opening", ""))
              for name, j in row["jobs"].items()},
        firms=tuple(row["firms"]), skills=tuple(row["skills"]), wants=tuple(row["wants"]),
        male_share=float(row["male_share"]),
    )


@cache
def trades() -> dict[str, Trade]:
    return {key: _trade(key, row) for key, row in table("trades")["trades"].items()}


def industry_trades() -> dict[str, dict[str, int]]:
    """Which trades an industry's regular posts draw on, weighted."""
    return table("trades")["industry_trades"]


def trade_weights() -> dict[str, int]:
    """Share of the demo's job seekers who come from each trade."""
    return table("trades")["trade_weights"]


def migrant_trades() -> tuple[str, ...]:
    """Trades of the manual jobs migrant workers mostly hold."""
    return tuple(table("trades")["migrant_trades"])


@cache
def program_templates(kind: str) -> tuple[ProgramPostTemplate, ...]:
    """The post templates of one programme: "public_welfare" or "trainee"."""
    return tuple(
        ProgramPostTemplate(
            title=t["title"], duties=tuple(t["duties"]), education=tuple(t["education"]),
            requirements=tuple(t["requirements"]), trade=t.get("trade", ""),
            opening=t.get("opening", ""), titles=tuple(t.get("titles", ())),
        )
        for t in table("program_posts")[kind]["posts"]
    )


def program_wording(kind: str) -> dict:
    """Notes, eligibility lines and hosts of one programme's posts."""
    return table("program_posts")[kind]
