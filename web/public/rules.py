"""Who may apply for a post, in plain Chinese with the seed's clause (DESIGN's table)."""

from models import Post
from policy.codes import EDUCATION_LABELS

KIND_RULES = {
    "regular": ("面向所有求职者。", None),
    "trainee": ("离校 2 年以内未就业的高校毕业生（含技师学院毕业生，不含中专、技校），"
                "或 16 至 24 周岁的登记失业青年。", "第七条"),
    "public_welfare": ("未就业，且属于就业困难人员、低保家庭成员、脱贫/低收入人口、登记失业人员"
                       "或离校未就业高校毕业生之一；就业困难人员、低保家庭和脱贫人口优先。",
                       "第六条、第八条"),
}


def who_may_apply(post: Post) -> dict:
    text, clause = KIND_RULES[post.kind]
    education = ("学历不限" if post.education_min == "none"
                 else f"学历要求：{EDUCATION_LABELS[post.education_min]}及以上")
    return {"text": text, "clause": clause, "education": education}
