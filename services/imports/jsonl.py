"""Reading a JSON Lines file for import: one JSON object a line, a register's worth of them
(the operator command reads up to a gigabyte), decoded line by line. A line that is not an
object, nests too deep or holds a NUL becomes a row with its problem, reported with its number;
a file that is not UTF-8, or whose first line is not an object, is refused whole.
"""

import io
import json

from policy.text import MAX_JSON_DEPTH, json_problem
from services.imports.limits import UnreadableFile, Watch
from services.imports.table import Row, blank


def _jsonl_lines(data: bytes):
    """The file's lines decoded one at a time (a register's 80 MB is never held again as text
    and as a list of lines), split on "\n" only: str.splitlines() would also cut at U+2028,
    legal inside a JSON string."""
    for number, raw in enumerate(io.BytesIO(data)):
        try:
            line = raw.decode("utf-8-sig" if number == 0 else "utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("JSON Lines 文件应为 UTF-8 编码") from exc
        yield line.removesuffix("\n")


def read_jsonl(data: bytes, watch: Watch):
    headers: dict[str, None] = {}
    rows = []
    for number, line in enumerate(watch.counted(_jsonl_lines(data)), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            problem = json_problem(obj)
        except ValueError:
            obj, problem = None, None
        except RecursionError:  # the parser's own limit, some hundreds of levels deeper
            obj, problem = None, "too_deep"
        if not rows and not isinstance(obj, dict):
            raise UnreadableFile("文件内容不是 JSON Lines：每行应为一个 JSON 对象")
        if problem == "too_deep":
            rows.append(Row(number, problem=f"这一行的 JSON 嵌套层数过多（最多 {MAX_JSON_DEPTH} 层）"))
        elif problem == "nul":  # PostgreSQL cannot store NUL in text
            rows.append(Row(number, problem="这一行含有不可见的空字符（NUL），请删除后重试"))
        elif isinstance(obj, dict):
            headers.update(dict.fromkeys(str(key) for key in obj))
            rows.append(Row(number, {str(k): v for k, v in obj.items() if not blank(v)}))
        else:
            rows.append(Row(number, problem="这一行不是有效的 JSON 对象"))
    return tuple(headers), tuple(rows)
