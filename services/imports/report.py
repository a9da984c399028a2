"""What an import found: the rows it rejected and why, and what it wrote."""

from dataclasses import dataclass, field

from policy.errors import Invalid
from services.imports.columns import KIND_LABELS


@dataclass(frozen=True)
class RejectedRow:
    number: int  # as the user sees it: the Excel row (header = 1) or the JSONL line
    ref: str
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    file_name: str
    format: str
    kind: str
    dry_run: bool
    rows: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    imported: int = 0

    @property
    def accepted(self) -> int:
        return self.rows - len(self.rejected)

    def summary(self) -> str:
        label = KIND_LABELS[self.kind]
        if self.imported:
            return f"{self.file_name}：已导入{label} {self.imported} 条"
        text = (f"{self.file_name}：共 {self.rows} 行{label}，{self.accepted} 行可导入，"
                f"{len(self.rejected)} 行有误")
        if self.dry_run:
            return text + "（试导入，未写入任何数据）"
        return text + "，整个文件未导入"

    def lines(self) -> list[str]:
        """The report as text, for the operator command."""
        out = [self.summary()]
        if self.ignored_columns:
            out.append(f"未识别、已忽略的列：{'、'.join(self.ignored_columns)}")
        for row in self.rejected:
            ref = f"（编号 {row.ref}）" if row.ref else ""
            out.append(f"第 {row.number} 行{ref}：{'；'.join(row.reasons)}")
        return out


class ImportRejected(Invalid):
    """Some rows were rejected, so nothing was imported; `report` says which and why."""

    code = "import_rejected"

    def __init__(self, report: ImportReport):
        super().__init__(f"有 {len(report.rejected)} 行数据有误，整个文件未导入，请修改后重新导入")
        self.report = report
