"""The benchmark's synthetic corpus is deterministic and speaks the interchange format, and
the benchmark script prints every figure issue 3 asks for."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from evaluation.synthetic import CorpusGenerator, load_occupations, load_sentences
from matcher.records import candidate_from_dict, post_from_dict
from policy.codes import EDUCATION_LEVELS, GROUPS, POST_KINDS, TOWNSHIPS

CANDIDATE_FIELDS = {
    "id", "name", "birth_date", "education", "school", "major", "graduation_date", "skills",
    "experience", "desired", "townships", "groups", "unemployed_since", "employed",
}
POST_FIELDS = {
    "id", "kind", "title", "employer", "industry", "description", "requirements",
    "education_min", "majors", "township", "slots", "salary_min", "salary_max",
}


def test_the_same_seed_gives_the_same_corpus():
    first, second = CorpusGenerator(seed=7), CorpusGenerator(seed=7)
    assert [first.candidate(i) for i in range(50)] == [second.candidate(i) for i in range(50)]
    assert [first.post(i) for i in range(20)] == [second.post(i) for i in range(20)]


def test_candidates_use_only_the_closed_vocabularies():
    generator = CorpusGenerator(seed=1)
    for number in range(300):
        candidate = generator.candidate(number)
        assert set(candidate) == CANDIDATE_FIELDS
        assert candidate["education"] in EDUCATION_LEVELS
        assert set(candidate["townships"]) <= set(TOWNSHIPS)
        assert set(candidate["groups"]) <= set(GROUPS)
        assert date.fromisoformat(candidate["graduation_date"]) <= date(2020, 9, 1)
        assert not (candidate["employed"] and candidate["unemployed_since"])


def test_posts_use_only_the_closed_vocabularies_and_sane_numbers():
    generator = CorpusGenerator(seed=2)
    for number in range(300):
        post = generator.post(number)
        assert set(post) == POST_FIELDS
        assert post["kind"] in POST_KINDS
        assert post["education_min"] in EDUCATION_LEVELS
        assert post["township"] in TOWNSHIPS
        assert post["slots"] > 0 and post["salary_min"] < post["salary_max"]


def test_real_sentences_are_chinese_clauses_and_skip_the_licence(tmp_path):
    (tmp_path / "software.txt").write_text(
        "1、负责公司后台服务的设计与开发；2、ok\n熟悉常用数据结构和算法。\n", encoding="utf-8"
    )
    (tmp_path / "LICENSE.apache-2.0.txt").write_text("这是一段不应被读取的许可证文字内容", encoding="utf-8")
    assert load_sentences(tmp_path) == ["负责公司后台服务的设计与开发", "熟悉常用数据结构和算法"]


def test_real_sentences_appear_in_generated_text():
    sentence = "负责公司后台服务的设计与开发"
    generator = CorpusGenerator(seed=3, sentences=[sentence])
    texts = [generator.candidate(i)["experience"] for i in range(20)]
    assert any(sentence in text for text in texts)


def test_generated_records_pass_the_interchange_validation():
    generator = CorpusGenerator(seed=4)
    for number in range(200):
        candidate_from_dict(generator.candidate(number))
        post_from_dict(generator.post(number))


BENCH_KEYS = {
    "build_s", "query_p50_ms", "query_p95_ms", "baseline_p50_ms", "baseline_p95_ms",
    "speedup_p50", "query_with_reasons_p50_ms", "speedup_with_reasons_p50", "update_one_ms", "rss_mb",
    "index_mb", "tokenizer_chars_per_s_jieba",
    "tokenizer_chars_per_s_in_use",
}


def test_the_benchmark_prints_one_json_object_with_every_figure():
    script = Path(__file__).resolve().parents[2] / "scripts" / "bench_matcher.py"
    done = subprocess.run(
        [sys.executable, str(script), "--candidates", "2000", "--queries", "20", "--json"],
        capture_output=True, text=True, timeout=300, check=True,
    )
    figures = json.loads(done.stdout)
    assert BENCH_KEYS <= set(figures)
    assert figures["candidates"] == 2000 and figures["query_p50_ms"] > 0


def test_occupations_of_the_classification_widen_the_vocabulary(tmp_path):
    csco = tmp_path / "csco22.csv"
    csco.write_text(
        "level,code,code_num,name,definition,tasks,csco_code_num,alias\n"
        "2,4-12-00-00,4120000,修理及制作服务人员,,,4120000,\n"
        "4,4-12-04-02,4120402,修鞋工,从事修鞋的人员。,1.检查鞋的破损，确定修补方法 2.修补鞋面,"
        "4120402,\"修鞋师傅,鞋匠\"\n",
        encoding="utf-8",
    )
    (shoes,) = load_occupations(csco)
    assert shoes.industry == "修理及制作服务人员"
    assert shoes.titles == ("修鞋师傅", "鞋匠")
    assert shoes.tasks == ("检查鞋的破损，确定修补方法", "修补鞋面")
    assert shoes.skills == ("检查鞋的破损", "修补鞋面")
    generator = CorpusGenerator(seed=5, occupations=(shoes,))
    desired = [generator.candidate(i)["desired"] for i in range(40)]
    assert any("鞋" in text for text in desired)
