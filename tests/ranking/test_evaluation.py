"""Quality on the dev set, and the real-text evaluation's scoring on a tiny case."""

import subprocess
import sys
from pathlib import Path

import pytest

from evaluation import DEV_SET
from evaluation.quality import covers, dev_scores, half, main, occupation_scores


@pytest.fixture(scope="module")
def scores():
    return dev_scores(DEV_SET)


def test_matcher_beats_both_baselines_on_ndcg_at_10(scores):
    for baseline in ("bm25", "tfidf"):
        assert scores["matcher"]["ndcg@10"] > scores[baseline]["ndcg@10"]
        assert scores["matcher"]["posts_ndcg@5"] > scores[baseline]["posts_ndcg@5"]


def test_matcher_ranks_no_ineligible_result_in_any_top_10(scores):
    assert scores["matcher"]["ineligible@10"] == 0
    assert scores["matcher"]["posts_ineligible@10"] == 0


def test_the_rule_free_baselines_do_rank_ineligible_candidates(scores):
    # otherwise the ineligible column would not show what the rules prevent
    assert scores["bm25"]["ineligible@10"] > 0


def test_main_prints_one_row_per_system_and_returns_zero(capsys):
    assert main(DEV_SET, None) == 0
    out = capsys.readouterr().out
    assert "nDCG@10" in out
    assert all(f"\n{name} " in out for name in ("matcher", "bm25", "tfidf"))


def test_a_label_above_level_4_covers_the_occupations_beneath_it():
    assert covers("2-02-00-00", 2, "2-02-30-10")
    assert not covers("2-02-00-00", 2, "2-03-01-00")
    assert covers("4-04-05-03", 4, "4-04-05-03")
    assert not covers("4-04-05-03", 4, "4-04-05-04")


def test_occupation_scores_count_top_1_top_5_and_reciprocal_rank(tmp_path):
    occupations = tmp_path / "occupations"
    occupations.mkdir()
    (occupations / "csco22.csv").write_text(
        "level,code,code_num,name,definition,tasks,csco_code_num,alias\n"
        "3,4-01-01-00,4010100,营销人员,,,4010100,营销\n"
        "4,4-01-01-01,4010101,营销员,从事产品推销的人员。,1.推销产品,4010101,销售代表\n"
        "4,4-02-06-01,4020601,仓储管理员,从事仓库管理的人员。,1.收发货,4020601,仓管员\n"
        "4,2-06-01-01,2060101,会计专业人员,从事会计核算的人员。,1.记账,2060101,会计\n",
        encoding="utf-8",
    )
    (occupations / "testcases.csv").write_text(
        "job_name,expected_code,expected_name\n"
        "仓管员,4-02-06-01,仓储管理员\n"  # held-out half; found first: rank 1
        "销售代表,4-01-01-00,营销人员\n"  # held-out; label at level 3 covers 营销员: rank 1
        "会计,2-06-01-01,会计专业人员\n"  # tune half
        "推销主管,9-99-99-99,不存在\n",  # unknown label: left out
        encoding="utf-8",
    )
    scores = occupation_scores(tmp_path)
    for system in ("matcher", "search", "tfidf", "bm25"):
        assert scores["held-out"][system] == {"top1": 1.0, "top5": 1.0, "mrr@10": 1.0, "n": 2}
        assert scores["tune"][system] == {"top1": 1.0, "top5": 1.0, "mrr@10": 1.0, "n": 1}


def test_the_halves_are_fixed_by_the_title_alone():
    assert (half("仓管员"), half("会计")) == ("held-out", "tune")


def test_the_command_takes_the_as_of_date_the_labels_assume_and_draws_no_bar_into_a_pipe():
    command = [sys.executable, "-m", "evaluation", "--set", str(DEV_SET), "--as-of", "2021-09-01"]
    done = subprocess.run(command, cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith("as of 2021-09-01")
    assert "%|" not in done.stderr  # no progress bar when nobody watches (stderr is a pipe)
