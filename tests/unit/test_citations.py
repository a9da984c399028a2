"""Every citation the rules put in front of people says what its source says: the clause marks of
every message policy/ writes (eligibility, priority, extensions, subsidies, the SOE share, the
public "who may apply" text) and of the seed's words kept in policy/data, checked against the
seed's own text (tests/data). The pages themselves: tests/web/test_page_citations.py."""

import itertools
import json
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources

import pytest

from policy import graduate_posts, public_text
from policy.codes import EDUCATION_LEVELS, GROUPS, POST_KINDS
from policy.eligibility import CandidateFacts, check, priority
from policy.parameters import Parameter, parameter
from policy.placements import PlacementFacts, can_extend, extension_note, load_program_params, term_end
from policy.subsidies import (
    EmployerFacts,
    HireFacts,
    graduate_absorption,
    loan_interest_test,
    long_term_unemployed_hire,
    public_welfare_subsidy,
    trainee_subsidy,
)
from tests.citations import attributions, measures, problems

AS_OF = date(2020, 9, 1)
# As services.placements gives it: the programme's parameters with the bureau's window.
WELFARE = {**load_program_params("public_welfare"),
           "expiry_notice_days": parameter("public_welfare", "expiry_notice_days").value}
WAGE = parameter("long_term_unemployed_hire", "minimum_wage_monthly_fen")


def _welfare_rate(day: date) -> Parameter:
    return parameter("public_welfare", "monthly_subsidy_fen")


def _trainee_rate(day: date) -> Parameter:
    return parameter("trainee", "monthly_subsidy_fen")


def _people():
    for education, groups, graduated, employed in itertools.product(
            ("junior_high", "vocational", "bachelor"), [(), *[(g,) for g in GROUPS]],
            (None, date(2019, 7, 1), date(2017, 7, 1)), (False, True)):
        yield CandidateFacts(education, school="福建技师学院", birth_date=date(2000, 1, 1),
                             graduation_date=graduated, groups=frozenset(groups),
                             unemployed_since=date(2019, 1, 1), employed=employed)


def _messages():
    for person in _people():
        for kind in POST_KINDS:
            yield from (r.message for r in check(kind, "none", person, AS_OF).reasons)
            yield from (r.message for r in priority(kind, person, AS_OF).reasons)
        yield graduate_posts.fresh_graduate(person, AS_OF).message
        firm = EmployerFacts(size="small", ownership="private", staff_count=20)
        hire = HireFacts(person, firm, "regular", AS_OF, 12)
        yield graduate_absorption(hire, False, load_program_params("graduate_absorption")).explanation_zh
        yield long_term_unemployed_hire(hire, load_program_params("long_term_unemployed_hire"),
                                        WAGE).explanation_zh
        yield from (r.message for r in loan_interest_test(
            firm, [hire], 2020, load_program_params("loan_interest")).reasons)
    for start in (date(2020, 1, 1), date(2020, 7, 1), date(2020, 7, 2)):
        ends = term_end("public_welfare", start, WELFARE)
        for placement in (PlacementFacts("public_welfare", start, ends),
                          PlacementFacts("public_welfare", start, ends, extended_until=ends + timedelta(90)),
                          PlacementFacts("public_welfare", start, ends, ended_on=ends),
                          PlacementFacts("public_welfare", start, ends, stably_employed=True),
                          PlacementFacts("trainee", start)):
            yield extension_note(placement, WELFARE)
            yield public_welfare_subsidy(placement, date(2021, 6, 30), WELFARE, _welfare_rate).explanation_zh
            yield trainee_subsidy(replace(placement, kind="trainee"), date(2021, 6, 30),
                                  _trainee_rate).explanation_zh
            for day, months in ((ends - timedelta(40), 12), (ends, 12), (ends, 13)):
                yield can_extend(placement, months, day, WELFARE).message
    for kind, education, reserved in itertools.product(POST_KINDS, EDUCATION_LEVELS, (False, True)):
        rule = public_text.who_may_apply(kind, education, reserved and kind == "regular")
        yield f"{rule.text}{rule.education}。依据：{rule.source or ''}"
    yield "；".join(public_text.programme_citations())


MESSAGES = sorted(set(_messages()))


def test_the_copy_of_the_seed_has_its_fifteen_measures():
    assert list(measures()) == [f"（{n}）" for n in "一二三四五六七八九十"] + [
        "（十一）", "（十二）", "（十三）", "（十四）", "（十五）"]
    assert "临时性公益岗位500个" in measures()["（六）"]


@pytest.mark.parametrize("text, wrong", [
    ("“不少于50个见习岗位”（六）", "not words of （六）"),
    ("离校2年内未就业高校毕业生（七）", "not words of （七）"),
    ("依据长政〔2020〕28号第七条", "not articles"),
    ("可延长一年（（六））", "doubled"),
    ("“临时性公益岗位”（十六）", "no such measure"),
])
def test_the_reading_finds_each_kind_of_wrong_citation(text, wrong):
    assert any(wrong in p for p in problems(text))


def test_the_reading_accepts_true_citations_and_a_laws_own_article():
    text = ("就业监测（十五）；“临时性公益岗位500个”（六）；长政〔2020〕28号（十）；"
            "《中华人民共和国劳动法》第十五条")
    assert problems(text) == []
    assert attributions(text) == [("（十五）", "就业监测"), ("（六）", "临时性公益岗位500个"), ("（十）", "")]


def test_every_message_of_the_rules_cites_its_measure_truly():
    assert len(MESSAGES) > 60
    assert sum(len(attributions(m)) for m in MESSAGES) > 50  # the messages do cite measures
    wrong = {m: problems(m) for m in MESSAGES if problems(m)}
    assert wrong == {}


def test_the_trainee_rule_cites_the_national_notice_and_never_the_seed():
    trainee = public_text.who_may_apply("trainee", "none")
    assert "《关于进一步加强就业见习工作的通知》" in trainee.source
    assert attributions(trainee.text + trainee.source) == []
    youth = CandidateFacts("high_school", birth_date=date(2000, 1, 1),
                           groups=frozenset({"registered_unemployed"}))
    messages = [r.message for r in check("trainee", "none", youth, AS_OF).reasons[1:]]
    notice = "《关于进一步加强就业见习工作的通知》"
    assert messages and all(notice in m and "（七）" not in m for m in messages)


def test_the_public_welfare_groups_are_the_bureaus_rule_and_the_priorities_cite_their_sources():
    rule = public_text.who_may_apply("public_welfare", "none")
    assert rule.source == "本区经办规则"
    assert ("（六）", "优先吸纳贫困人口和低收入群体就业") in attributions(rule.text)
    assert ("（八）", "复产复工中优先使用低保家庭劳动力") in attributions(rule.text)


def test_the_who_may_apply_text_follows_the_data_it_is_written_from(monkeypatch):
    data = json.loads(resources.files("policy").joinpath("data/eligibility.json").read_text("utf-8"))
    data["trainee"]["youth_age_max"] = 29
    monkeypatch.setattr("policy.public_text.rules", lambda: data)
    assert "16至29周岁的登记失业青年" in public_text.who_may_apply("trainee", "none").text


def _sections(node):
    if isinstance(node, dict):
        if "words" in node and "clause" in node:
            yield node
        for value in node.values():
            yield from _sections(value)
    elif isinstance(node, list):
        for value in node:
            yield from _sections(value)


@pytest.mark.parametrize("name", ["eligibility.json", "programs_2020.json"])
def test_the_seed_words_kept_in_the_data_are_in_the_measure_they_name(name):
    data = json.loads(resources.files("policy").joinpath(f"data/{name}").read_text("utf-8"))
    sections = list(_sections(data))
    assert sections
    for section in sections:
        assert section["words"] in measures()[section["clause"]], section["words"]
