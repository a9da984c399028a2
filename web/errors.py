"""One place maps failures to responses: JSON for /api, a Chinese page elsewhere.

DomainError → 404/403/409/422 with its stable code; HTTP errors keep their status; anything
unexpected rolls the session back and answers 500 without leaking details. A dependency
that is down (the database, or the Redis that counts failed logins) answers 503 with
Retry-After: the request did nothing, and the same request will work once it is back.
"""

from flask import Flask, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from limits.errors import StorageError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from policy.errors import Conflict, DomainError, Forbidden, NotFound, Unauthenticated
from web import seclog
from web.database import rollback_quietly, session, unavailable
from web.requestid import request_id

MESSAGES = {
    400: ("bad_request", "请求有误，请检查后重试"),
    401: ("unauthorized", "请先登录"),
    403: ("forbidden", "您没有权限访问此页面"),
    404: ("not_found", "页面不存在或已被删除"),
    405: ("method_not_allowed", "不支持该请求方式"),
    413: ("payload_too_large", "上传内容过大"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试"),
    500: ("internal_error", "服务器出了点问题，请稍后再试"),
    503: ("service_unavailable", "服务暂时不可用，请稍后再试"),
}
# What an outage's answer tells the client to wait: a restart of PostgreSQL or Redis.
OUTAGE_RETRY_AFTER_SECONDS = 15
# A refused body left unread makes gunicorn close the socket with data still in it (a TCP
# reset) while a proxy may still be writing the body: nginx then answers 502, not our 413.
# What is left is read and dropped, up to this much (nginx's client_max_body_size is 3 MB).
DRAIN_LIMIT_BYTES = 8 * 1024 * 1024


def status_of(error: DomainError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Unauthenticated):
        return 401
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, Conflict):
        return 409
    return 422


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str, fields: dict | None = None,
                   as_json: bool = False):
    """`as_json` answers JSON outside /api too (a refused JSON body: its sender reads JSON)."""
    if as_json or wants_json():
        body = {"error": {"code": code, "message": message, "fields": fields or {},
                          "request_id": request_id()}}
        return make_response(jsonify(body), status)
    return make_response(render_template("error.html", status=status, message=message), status)


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        session().rollback()
        return error_response(status_of(error), error.code, error.message, error.fields)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        seclog.event("csrf_failed", reason=error.description)
        return error_response(400, "csrf_failed", "页面已过期或来源不明，请刷新后重新提交")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 413:
            _drain_refused_body()
        code, message = MESSAGES.get(error.code or 500, ("http_error", error.name))
        response = error_response(error.code or 500, code, message)
        # Keep the headers the error carries (Allow on 405, Retry-After on 429).
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(StorageError)
    def counters_unavailable(error: StorageError):
        # Without the shared counters a password check would be unlimited: refuse it.
        rollback_quietly()
        app.logger.warning("rate-limit storage unavailable: %s", error.storage_error)
        return outage_response()

    @app.errorhandler(SQLAlchemyError)
    def database_error(error: SQLAlchemyError):
        if not unavailable(error):
            return unexpected(error)
        rollback_quietly()
        # The driver's first line only (the statement and its parameters stay out of logs).
        cause = str(getattr(error, "orig", None) or error).strip().splitlines()
        app.logger.warning("database unavailable: %s", cause[0] if cause else type(error).__name__)
        return outage_response()

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        rollback_quietly()
        app.logger.exception("unhandled error request_id=%s %s %s", request_id(), request.method,
                             request.path, exc_info=error)
        code, message = MESSAGES[500]
        return error_response(500, code, message)


def outage_response():
    code, message = MESSAGES[503]
    response = error_response(503, code, message)
    response.headers["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
    return response


def _drain_refused_body() -> None:
    """Read and drop the rest of a body refused as too large (DRAIN_LIMIT_BYTES)."""
    stream = request.environ.get("wsgi.input")
    left = min(request.content_length or 0, DRAIN_LIMIT_BYTES)
    while stream is not None and left > 0:
        chunk = stream.read(min(left, 64 * 1024))
        if not chunk:
            break
        left -= len(chunk)
