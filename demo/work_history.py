"""A demo person's work history, written the ways people write it: the jobs of their trade at
firms of a kind that has those jobs, in cities that fit where they come from (demo/people.py
decides the facts; this writes the sentences, and records each (job, firm) it names)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.loaders import Trade, table


class WorkHistory:
    """Mixed into demo.people.Person, whose attributes these methods read and extend."""

    rng: random.Random
    as_of: date
    employed: bool
    origin: str
    groups: set[str]
    major: str
    graduated: date
    trade: Trade
    words: dict
    lines: list[str]
    jobs: list[tuple[str, str]]

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

    def _firm(self, job: str) -> str:
        """A firm of a kind that has this job: "福州某纺织厂", "晋江恒辉纺织厂"."""
        rng = self.rng
        places = table("places")
        if self.origin == "hubei" and rng.random() < 0.5:
            city = rng.choice(places["cities_hubei"])
        elif "migrant_worker" in self.groups and rng.random() < 0.5:
            city = rng.choice(places["cities_migrant"])
        else:
            city = rng.choice(places["cities_fujian"])
        kind = rng.choice(self.trade.firms_for(job))
        if kind in self.words["anonymous_firm_kinds"] or rng.random() < 0.4:
            firm = f"{city}某{kind}"
        else:
            firm = f"{city}{rng.choice(table('firms')['trade_names'])}{kind}"
        self.jobs.append((job, firm))
        return firm

    def _job(self, start: date, end: date | None) -> str:
        """One sentence of a work history, in one of the ways people write them."""
        rng = self.rng
        job = rng.choice(self.trade.jobs_for(self.major))
        firm = self._firm(job)
        task, task2 = rng.sample(self.trade.jobs[job].tasks, 2)
        if end is not None and end.year == start.year:
            return f"{start.year}年{start.month}月至{end.month}月在{firm}做{job}，{task}。"
        if end is None:
            return rng.choice(
                (
                    f"{start.year}年至今在{firm}做{job}，{task}。",
                    f"{start.year}.{start.month:02d}至今 {firm} {job}：{task}，{task2}。",
                    f"{start.year}年{start.month}月起在{firm}任{job}，主要{task}、{task2}。",
                )
            )
        return rng.choice(
            (
                f"{start.year}年—{end.year}年在{firm}做{job}，{task}。",
                f"{start.year}.{start.month:02d}—{end.year}.{end.month:02d}在{firm}任{job}，{task}，{task2}。",
                f"{start.year}年{start.month}月至{end.year}年{end.month}月 {firm} {job}：{task}、{task2}。",
            )
        )

    def _internship(self) -> str:
        rng = self.rng
        job = rng.choice(self.trade.jobs_for(self.major))
        firm = self._firm(job)
        task = rng.choice(self.trade.jobs[job].tasks)
        start = self.graduated - timedelta(days=rng.randint(60, 200))
        return rng.choice(
            (
                f"{start.year}年{start.month}月在{firm}实习，{task}。",
                f"实习经历：{start.year}.{start.month:02d}—{self.graduated.year}.{self.graduated.month:02d}"
                f"在{firm}做{job}实习生，负责{task}。",
                f"毕业前在{firm}跟岗实习{rng.randint(2, 6)}个月，主要{task}。",
            )
        )
