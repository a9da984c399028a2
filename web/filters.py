"""Template filters and globals: Chinese labels for the stored codes."""

from flask import Flask

from policy import codes
from policy.parameters import parameter


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        EDUCATION_LABELS=codes.EDUCATION_LABELS,
        POST_KIND_LABELS=codes.POST_KIND_LABELS,
        GROUP_LABELS=codes.GROUP_LABELS,
        SENSITIVE_GROUPS=codes.SENSITIVE_GROUPS,
        OWNERSHIP_LABELS=codes.OWNERSHIP_LABELS,
        EMPLOYER_SIZE_LABELS=codes.EMPLOYER_SIZE_LABELS,
        TOWNSHIPS=codes.TOWNSHIPS,
        STALE_AFTER=parameter("post_listing", "stale_after_days"),  # 本区经办规则
    )

    @app.template_filter("salary")
    def salary(post) -> str:
        if post.salary_min and post.salary_max:
            if post.salary_min == post.salary_max:  # one figure (a fixed wage), not "1800–1800"
                return f"{post.salary_min} 元/月"
            return f"{post.salary_min}–{post.salary_max} 元/月"
        if post.salary_min:
            return f"{post.salary_min} 元/月起"
        return "面议"

    @app.template_filter("person_education")
    def person_education(level: str) -> str:
        """A person's level: "none" reads 无 for a person, 无学历要求 only for a post."""
        return "无" if level == "none" else codes.EDUCATION_LABELS[level]

    @app.template_filter("percent")
    def percent(value: float) -> str:
        return f"{value * 100:.1f}%"
