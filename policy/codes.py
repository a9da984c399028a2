"""The closed vocabularies of DESIGN.md's interchange format, with their Chinese labels.

Stored values are the English codes; pages show the labels. Order matters for education:
a level compares by its position in EDUCATION_LEVELS.
"""

EDUCATION_LEVELS: tuple[str, ...] = (
    "none",
    "junior_high",
    "high_school",
    "vocational",
    "associate",
    "bachelor",
    "master",
    "doctor",
)

EDUCATION_LABELS: dict[str, str] = {
    "none": "无学历要求",
    "junior_high": "初中",
    "high_school": "高中",
    "vocational": "中专/技校/技师学院",
    "associate": "大专",
    "bachelor": "本科",
    "master": "硕士",
    "doctor": "博士",
}

POST_KINDS: tuple[str, ...] = ("regular", "trainee", "public_welfare")

WORK_TYPES: tuple[str, ...] = ("full_time", "part_time")
WORK_TYPE_LABELS: dict[str, str] = {"full_time": "全职", "part_time": "兼职"}

POST_KIND_LABELS: dict[str, str] = {
    "regular": "招聘岗位",
    "trainee": "就业见习岗位",
    "public_welfare": "临时性公益岗位",
}

GROUPS: tuple[str, ...] = (
    "fresh_graduate",
    "unemployed_graduate",
    "registered_unemployed",
    "hardship",
    "low_income",
    "poverty",
    "veteran",
    "migrant_worker",
    "hubei",
)

GROUP_LABELS: dict[str, str] = {
    "fresh_graduate": "应届高校毕业生",
    "unemployed_graduate": "离校未就业高校毕业生",
    "registered_unemployed": "登记失业人员",
    "hardship": "就业困难人员",
    "low_income": "低保家庭成员",
    "poverty": "脱贫/低收入人口",
    "veteran": "退役军人",
    "migrant_worker": "农民工",
    "hubei": "湖北籍劳动者",
}

# Groups that are sensitive personal data: never shown to employers.
SENSITIVE_GROUPS: frozenset[str] = frozenset({"hardship", "low_income", "poverty"})

TOWNSHIPS: tuple[str, ...] = (
    "吴航街道",
    "航城街道",
    "营前街道",
    "漳港街道",
    "首占镇",
    "玉田镇",
    "松下镇",
    "江田镇",
    "古槐镇",
    "文武砂镇",
    "鹤上镇",
    "湖南镇",
    "金峰镇",
    "潭头镇",
    "罗联乡",
    "猴屿乡",
    "梅花镇",
    "文岭镇",
)

OWNERSHIPS: tuple[str, ...] = ("soe", "private", "foreign", "public_institution")

OWNERSHIP_LABELS: dict[str, str] = {
    "soe": "国有企业",
    "private": "民营企业",
    "foreign": "外资企业",
    "public_institution": "机关事业单位",
}

EMPLOYER_SIZES: tuple[str, ...] = ("micro", "small", "medium", "large")

EMPLOYER_SIZE_LABELS: dict[str, str] = {
    "micro": "微型",
    "small": "小型",
    "medium": "中型",
    "large": "大型",
}


def education_rank(level: str) -> int:
    """Position of an education level, lowest first; raises ValueError for an unknown level."""
    return EDUCATION_LEVELS.index(level)
