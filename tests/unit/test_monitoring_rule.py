"""（十五） 规模性失业 risk: the surge rule at its threshold, from the bureau's settings."""

from datetime import date

import pytest

from policy.monitoring import SurgeRule, surge_rule
from policy.parameters import Change, Parameter, Settings


def _rule(percent=50, min_new=10, months=3) -> SurgeRule:
    return SurgeRule(*(Parameter(v, "bureau", "本区经办规则") for v in (percent, min_new, months)))


@pytest.mark.parametrize("new, flagged", [(14, False), (15, True), (16, True)])
def test_a_jump_just_below_at_and_above_the_threshold(new, flagged):
    """Previous months 8, 10, 12: mean 10, +50 % is 15."""
    assert _rule().flags(new, [8, 10, 12]) is flagged


@pytest.mark.parametrize("new, flagged", [(9, False), (10, True)])
def test_a_quiet_township_is_not_flagged_below_the_minimum_count(new, flagged):
    assert _rule().flags(new, [0, 0, 1]) is flagged


def test_only_the_last_baseline_months_are_the_window():
    assert _rule().flags(15, [1000, 8, 10, 12]) is True
    assert _rule().baseline([1000, 8, 10, 12]) == 10


def test_too_short_a_history_is_an_error_not_a_guess():
    with pytest.raises(ValueError):
        _rule().flags(20, [1, 2])


def test_the_rule_is_read_from_the_bureau_settings_and_says_so():
    rule = surge_rule(Settings(), date(2020, 9, 1))
    assert rule.percent.label == "本区经办规则" and rule.min_new.source == "bureau"
    assert f"{rule.percent.value}%" in rule.describe()


def test_a_changed_threshold_applies_from_its_date():
    settings = Settings([Change("unemployment_monitoring", "surge_percent", 80, date(2020, 9, 1), True)])
    assert surge_rule(settings, date(2020, 8, 31)).percent.value == 50
    assert surge_rule(settings, date(2020, 9, 1)).percent.value == 80
