"""The demo district: deterministic, the sizes issue 2 asks for, valid identifiers, consistent people."""

import re
from collections import Counter
from datetime import date

import pytest

from demo.corpus import build_corpus
from policy.codes import EDUCATION_LEVELS, EMPLOYER_SIZES, GROUPS, OWNERSHIPS, TOWNSHIPS, education_rank
from policy.eligibility import CandidateFacts, check
from policy.identifiers import birth_date_from_id, validate_credit_code, validate_id_number, validate_mobile

AS_OF = date(2020, 9, 1)
HARDSHIP_GROUPS = {"hardship", "low_income", "poverty"}


@pytest.fixture(scope="module")
def corpus():
    return build_corpus()


def _slots(corpus, kind):
    return sum(p["slots"] for p in corpus.posts if p["kind"] == kind)


def _facts(candidate):
    return CandidateFacts(
        education=candidate["education"],
        school=candidate["school"],
        birth_date=candidate["birth_date"],
        graduation_date=candidate["graduation_date"],
        groups=frozenset(candidate["groups"]),
        unemployed_since=candidate["unemployed_since"],
        employed=candidate["employed"],
    )


def test_the_same_seed_builds_the_same_district():
    first = build_corpus(seed=2020)
    assert first == build_corpus(seed=2020)
    assert first != build_corpus(seed=2021)


def test_the_district_has_the_sizes_issue_2_asks_for(corpus):
    assert 110 <= len(corpus.employers) <= 130
    assert _slots(corpus, "public_welfare") == 500
    assert _slots(corpus, "trainee") >= 50
    assert 280 <= sum(p["kind"] == "regular" for p in corpus.posts) <= 320
    assert 2900 <= len(corpus.candidates) <= 3100


def test_every_township_has_public_welfare_slots(corpus):
    slots = Counter()
    for post in corpus.posts:
        if post["kind"] == "public_welfare":
            slots[post["township"]] += post["slots"]
    assert set(slots) == set(TOWNSHIPS)


def test_the_two_2020_programs_and_their_posts(corpus):
    programs = {p["key"]: p for p in corpus.programs}
    assert programs["pw2020"]["kind"] == "public_welfare" and programs["pw2020"]["target"] == 500
    assert programs["trainee2020"]["kind"] == "trainee" and programs["trainee2020"]["target"] == 50
    for post in corpus.posts:
        expected = {"public_welfare": "pw2020", "trainee": "trainee2020", "regular": None}[post["kind"]]
        assert post["program_key"] == expected
        if expected:
            assert (
                programs[expected]["start"]
                <= post["open_date"]
                <= post["close_date"]
                <= programs[expected]["end"]
            )


def test_every_group_appears_at_least_thirty_times(corpus):
    counts = Counter(g for c in corpus.candidates for g in c["groups"])
    assert all(counts[group] >= 30 for group in GROUPS), counts


def test_identifiers_are_valid_and_unique(corpus):
    ids = [c["id_number"] for c in corpus.candidates]
    assert len(set(ids)) == len(ids)
    for candidate in corpus.candidates:
        assert validate_id_number(candidate["id_number"], as_of=AS_OF) == candidate["id_number"]
        assert birth_date_from_id(candidate["id_number"]) == candidate["birth_date"]
        assert int(candidate["id_number"][16]) % 2 == (candidate["gender"] == "male")
    codes = [e["credit_code"] for e in corpus.employers]
    assert len(set(codes)) == len(codes)
    assert all(validate_credit_code(code) == code for code in codes)
    phones = [c["phone"] for c in corpus.candidates] + [e["contact_phone"] for e in corpus.employers]
    assert len(set(phones)) == len(phones)
    assert all(validate_mobile(phone) == phone for phone in phones)


def test_most_people_hold_local_id_cards_and_hubei_workers_hubei_ones(corpus):
    areas = Counter(c["id_number"][:6] for c in corpus.candidates)
    assert areas["350182"] + areas["350112"] > len(corpus.candidates) / 2
    hubei = [c for c in corpus.candidates if "hubei" in c["groups"]]
    assert all(c["id_number"].startswith("42") for c in hubei)


def test_names_ids_and_references_are_unique_and_resolve(corpus):
    employers = {e["name"]: e for e in corpus.employers}
    assert len(employers) == len(corpus.employers)
    assert len({p["id"] for p in corpus.posts}) == len(corpus.posts)
    assert len({c["id"] for c in corpus.candidates}) == len(corpus.candidates)
    for post in corpus.posts:
        assert employers[post["employer"]]["credit_code"] == post["employer_key"]


def test_fields_use_the_shared_vocabularies(corpus):
    for employer in corpus.employers:
        assert employer["ownership"] in OWNERSHIPS and employer["size"] in EMPLOYER_SIZES
        assert employer["township"] in TOWNSHIPS and employer["staff_count"] > 0
    for post in corpus.posts:
        assert post["education_min"] in EDUCATION_LEVELS and post["township"] in TOWNSHIPS
        assert post["slots"] > 0 and 0 < post["salary_min"] <= post["salary_max"]
        assert post["open_date"] <= post["updated_date"] <= AS_OF
        assert post["status"] in ("open", "closed")
    for candidate in corpus.candidates:
        assert candidate["education"] in EDUCATION_LEVELS
        assert set(candidate["townships"]) <= set(TOWNSHIPS) and set(candidate["groups"]) <= set(GROUPS)


def test_ownership_and_verification_have_believable_shares(corpus):
    ownership = Counter(e["ownership"] for e in corpus.employers)
    assert 0.07 <= ownership["soe"] / len(corpus.employers) <= 0.13
    unverified = sum(not e["verified"] for e in corpus.employers)
    assert 1 <= unverified <= 0.08 * len(corpus.employers)


def test_no_placeholder_text(corpus):
    placeholder = re.compile(r"岗位\d|公司\d|测试公司|测试单位|张三|李四|XX|xx|[{}]|None")
    texts = [e["name"] for e in corpus.employers]
    texts += [p[f] for p in corpus.posts for f in ("title", "description", "requirements")]
    texts += [c[f] for c in corpus.candidates for f in ("name", "skills", "experience", "desired")]
    assert not [t for t in texts if placeholder.search(t)]


def test_posts_are_written_as_numbered_lists(corpus):
    for post in corpus.posts:
        assert post["description"].startswith("1、") and post["requirements"].startswith("1、")


def test_texts_vary(corpus):
    descriptions = Counter(p["description"] for p in corpus.posts)
    experiences = Counter(c["experience"] for c in corpus.candidates)
    assert descriptions.most_common(1)[0][1] <= 3
    assert len(experiences) > 0.95 * len(corpus.candidates)


def test_groups_agree_with_the_rest_of_the_profile(corpus):
    for c in corpus.candidates:
        groups = set(c["groups"])
        if "fresh_graduate" in groups:
            assert education_rank(c["education"]) >= education_rank("associate")
            assert c["graduation_date"].year == 2020
        if "unemployed_graduate" in groups:
            assert not c["employed"] and education_rank(c["education"]) >= education_rank("associate")
        assert ("registered_unemployed" in groups) == (c["unemployed_since"] is not None)
        if c["unemployed_since"]:
            assert not c["employed"] and c["unemployed_since"] <= AS_OF
            assert (c["unemployed_since"] - c["birth_date"]).days >= 16 * 365
        if c["graduation_date"]:
            assert c["birth_date"] < c["graduation_date"] <= AS_OF
    in_hardship = [c for c in corpus.candidates if HARDSHIP_GROUPS & set(c["groups"])]
    assert sum(c["employed"] for c in in_hardship) <= 0.03 * len(in_hardship)


def test_enough_people_may_take_trainee_and_public_welfare_posts(corpus):
    trainee = sum(check("trainee", "associate", _facts(c), AS_OF).eligible for c in corpus.candidates)
    welfare = sum(check("public_welfare", "none", _facts(c), AS_OF).eligible for c in corpus.candidates)
    youth = sum(
        any(
            r.code == "trainee.youth" and r.passed for r in check("trainee", "none", _facts(c), AS_OF).reasons
        )
        for c in corpus.candidates
    )
    technicians = sum(
        c["education"] == "vocational"
        and check("trainee", "vocational", _facts(c), AS_OF).eligible
        and "技师学院" in c["school"]
        for c in corpus.candidates
    )
    assert trainee >= 4 * _slots(corpus, "trainee")
    assert welfare >= 2 * _slots(corpus, "public_welfare")
    assert youth >= 30 and technicians >= 10
