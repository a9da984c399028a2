"""A real posting title → the occupations of a classification (the 2022 职业分类大典's 细类).

The batch evaluation (`python -m evaluation --real-data`) ranks 5,891 real titles against the
level-4 occupations. The matcher's post search ranked them worse than plain TF-IDF: an occupation
is not a post (its name is a category, "呼叫中心服务员"; the words of ads are in its list of
recruitment aliases, "客服专员,淘宝客服,话务员"), and a title is not a query (half of "物流分拣五险一金
包住月8000" is pay and perks). So occupations are ranked here, apart from the post index the
product's searches and rankings use, by two similarities added together:

- words: TF-IDF cosine of the title's project-tokenizer terms with the occupation's whole text
  (name, definition, tasks, aliases) — what the occupation does;
- names: character uni- and bigram TF-IDF cosine with each of its names (the name and every
  alias; the best one, plus a quarter of the second best). Short titles are written in the
  vocabulary of ads, often not segmented as the dictionary would ("美工设计师" ~ "美工/电商设计师");
  the bigrams at a name's edges (`name_grams`) reward a title that ends as a name ends, which is
  where a Chinese job title says what the job is (…设计师, …操作工).

Both read the title after `clean_title`: recruiting noise carries no occupation.

Real titles already labelled with an occupation are the best aliases there are — they are
written the way the next ad will be — so `fit` takes them as examples and adds each, cleaned, to
its occupation's names: a nearest-neighbour vote of labelled titles inside the name similarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

from matcher.corpus import NotFittedError
from matcher.tokenizer import Tokenizer, load

SECOND_NAME = 0.25
"""Weight of an occupation's second-best matching name: several of its aliases resembling the
title is more evidence than one."""

_BRACKETS = re.compile(r"[(\[【〔<《「][^)\]】〕>》」]*[)\]】〕>》」]?")
"""A bracketed aside (after NFKC, full-width brackets are ASCII): a place, a team, a requisition
number, perks — "设计师(索菲亚)", "车间主任(J10782)"."""
_FIGURES = re.compile(r"\d+(?:\.\d+)?(?:[kw万千元块]|/(?:天|月|h|小时|时))*")
"""Pay and counts: "8000", "1w", "20/h", "300/天"."""
_SEPARATORS = re.compile(r"[/\\|+,;!?~、，；！？～\s\-—_·•*#]+")
_HIRING = re.compile(r"^.{2,}?(?:招聘|诚聘|急聘|急招|直招)(.{2,})$")
"""An employer's or a place's name before 招聘 is not the job: "柏丽雅招聘油漆工" is an 油漆工."""
NOISE = (
    "五险一金", "六险一金", "五险", "包吃住", "包食宿", "包吃", "包住", "包餐", "食宿",
    "双休", "单休", "周末双休", "长白班", "不加班", "朝九晚五", "可居家", "就近安排",
    "就近分配", "无经验", "经验不限", "可小白", "接受小白", "小白", "日结", "周结", "月结", "高薪",
    "月薪", "底薪", "保底", "年薪", "月入", "提成", "高提成", "急招", "急聘", "诚聘", "直招",
    "可借支", "入职", "综合薪资", "过年不回家",
)
"""Recruiting words that describe the offer, not the work (checked against the tune half's
titles only, never a held-out one)."""
_NOISE = re.compile("|".join(sorted(map(re.escape, NOISE), key=len, reverse=True)))
RANKS = frozenset({"高级", "资深", "初级", "中级", "储备"})
"""A rank in front of a title says how senior, not what work ("高级产品设计师" is no 高级中学教师);
it is dropped only when it stands as a word of its own, so 高级中学教师 and 高级技工 keep it."""


def clean_title(title: str, tokenizer: Tokenizer | None = None) -> str:
    """The words of a posting title that can say what the work is, separated by spaces.

    Bracketed asides, pay figures and the offer's perks are dropped; so is what precedes
    招聘/诚聘 when a job follows it, and a leading rank. A title with nothing left is kept whole.
    """
    tokenizer = tokenizer or load()
    text = _BRACKETS.sub(" ", tokenizer.normalise(title))
    hiring = _HIRING.match(text.strip())
    if hiring:
        text = hiring.group(1)
    text = _NOISE.sub(" ", _FIGURES.sub(" ", text))
    parts = [_without_rank(part, tokenizer) for part in _SEPARATORS.split(text)]
    cleaned = " ".join(part for part in parts if len(part) >= 2)
    return cleaned or tokenizer.normalise(title).strip()


def name_grams(text: str) -> list[str]:
    """The characters and character bigrams of each space-separated part, the bigrams taken
    with a space at either edge (as scikit-learn's `char_wb`, without the bare space every
    name would share): "仓管员" → 仓 管 员 " 仓" 仓管 管员 "员 "."""
    grams: list[str] = []
    for part in text.split():
        padded = f" {part} "
        grams.extend(part)
        grams.extend(padded[i : i + 2] for i in range(len(padded) - 1))
    return grams


def _without_rank(part: str, tokenizer: Tokenizer) -> str:
    words = tokenizer.whole_words(part)
    if len(words) > 1 and words[0][0] in RANKS and part.startswith(words[0][0]):
        return part[len(words[0][0]):]
    return part


class OccupationIndex:
    """Fit on a classification's occupations, then rank them for titles (best first)."""

    codes_: list[str]
    owner_: npt.NDArray[np.int64]

    def __init__(self, tokenizer: Tokenizer | None = None):
        self.tokenizer = tokenizer or load()

    def fit(self, codes: Sequence[str], texts: Sequence[str], names: Sequence[Sequence[str]],
            examples: Sequence[tuple[str, str]] = ()) -> OccupationIndex:
        """`texts[i]`: everything the classification says of occupation `codes[i]`;
        `names[i]`: its name and recruitment aliases; `examples`: (code, real title) pairs
        labelled with one of `codes` (others are ignored)."""
        self.codes_ = list(codes)
        labelled: dict[str, list[str]] = {}
        for code, title in examples:
            labelled.setdefault(code, []).append(clean_title(title, self.tokenizer))
        names = [[*own, *labelled.get(code, ())] for code, own in zip(codes, names, strict=True)]
        self.words_ = TfidfVectorizer(tokenizer=self.tokenizer.terms, token_pattern=None,
                                      lowercase=False)
        self.word_matrix_ = self.words_.fit_transform(texts).tocsr()
        flat = [(i, name) for i, own in enumerate(names) for name in dict.fromkeys(own) if name]
        self.owner_ = np.array([i for i, _ in flat], dtype=np.int64)
        self.chars_ = TfidfVectorizer(analyzer=name_grams, sublinear_tf=True)
        normalise = self.tokenizer.normalise
        self.name_matrix_ = self.chars_.fit_transform([normalise(name) for _, name in flat]).tocsr()
        return self

    def scores(self, title: str) -> npt.NDArray[np.float64]:
        """Every occupation's similarity with `title` (0: nothing in common)."""
        if not hasattr(self, "codes_"):
            raise NotFittedError("OccupationIndex.fit() must be called before ranking titles")
        text = clean_title(title, self.tokenizer)
        words = np.asarray((self.word_matrix_ @ self.words_.transform([text]).T).todense()).ravel()
        per_name = np.asarray((self.name_matrix_ @ self.chars_.transform([text]).T).todense()).ravel()
        return words + self._best_two(per_name)

    def rank(self, title: str, top: int = 10) -> list[str]:
        """The `top` occupation codes most like `title`, ties broken by code order."""
        scores = self.scores(title)
        positive = np.flatnonzero(scores > 0)
        order = np.lexsort((positive, -scores[positive]))[:top]
        return [self.codes_[positive[i]] for i in order]

    def _best_two(self, per_name: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Each occupation's best name similarity plus SECOND_NAME × its second best."""
        best = np.zeros(len(self.codes_))
        second = np.zeros(len(self.codes_))
        hit = np.flatnonzero(per_name > 0)
        for row in hit[np.argsort(-per_name[hit], kind="stable")]:
            owner = self.owner_[row]
            if best[owner] == 0:
                best[owner] = per_name[row]
            elif second[owner] == 0:
                second[owner] = per_name[row]
        return best + SECOND_NAME * second
