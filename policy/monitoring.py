"""（十五） 规模性失业 risk: a township whose new unemployment registrations jump.

The seed asks the bureau to monitor employment and prevent 规模性失业 but sets no figure, so
the rule's three numbers are bureau settings (`policy/data/settings.json`, section
`unemployment_monitoring`): a month is flagged when the township's new registrations reach at
least `surge_min_new` and are at least `surge_percent` % above the mean of its
`baseline_months` previous months. The minimum keeps a quiet township (1 → 2, +100 %) from
raising an alarm. The comparison is in integers, so "at the threshold" is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from policy.parameters import Parameter, Settings

SECTION = "unemployment_monitoring"


@dataclass(frozen=True)
class SurgeRule:
    percent: Parameter
    min_new: Parameter
    baseline_months: Parameter

    def baseline(self, previous: Sequence[int]) -> float:
        """The mean of the previous months' new registrations."""
        return sum(self._window(previous)) / self.baseline_months.value

    def flags(self, new: int, previous: Sequence[int]) -> bool:
        """`previous`: new registrations of the months before, oldest first (at least
        `baseline_months` of them; the last ones are the window). At the threshold flags."""
        window = self._window(previous)
        return (new >= self.min_new.value and
                new * 100 * len(window) >= sum(window) * (100 + self.percent.value))

    def describe(self) -> str:
        """The rule in the words the pages print."""
        return (f"当月新增登记失业人数较前 {self.baseline_months.value} 个月月均增长不低于 "
                f"{self.percent.value}%，且不少于 {self.min_new.value} 人")

    def _window(self, previous: Sequence[int]) -> Sequence[int]:
        months = self.baseline_months.value
        if len(previous) < months:
            raise ValueError(f"the rule compares with {months} previous months, got {len(previous)}")
        return previous[len(previous) - months:]


def surge_rule(settings: Settings, day: date) -> SurgeRule:
    """The rule as the bureau has set it (政策参数), in effect on `day`."""
    rule = SurgeRule(percent=settings.at(SECTION, "surge_percent", day),
                     min_new=settings.at(SECTION, "surge_min_new", day),
                     baseline_months=settings.at(SECTION, "baseline_months", day))
    if rule.baseline_months.value < 1 or rule.percent.value < 0:
        raise ValueError("baseline_months must be at least 1 and surge_percent not negative")
    return rule
