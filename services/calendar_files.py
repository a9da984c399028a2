"""An interview as an iCalendar file (RFC 5545), for the seeker's phone or desktop calendar.

One VEVENT with a stable UID (a changed interview replaces the same entry), DTSTART and DTEND
in UTC (every calendar converts them to the phone's zone), text escaped and lines folded at 75
octets as the RFC asks.
"""

from datetime import UTC, datetime, timedelta

from models import Interview
from services.interviews import aware

DURATION = timedelta(hours=1)
# The UID stays the same whichever address the file was fetched from.
UID_DOMAIN = "jobbridge.changle"


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Split a content line into 75-octet pieces without cutting a UTF-8 character."""
    pieces, current = [], ""
    for char in line:
        limit = 75 if not pieces else 74  # continuation lines start with one space
        if len((current + char).encode()) > limit:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _utc(moment: datetime) -> str:
    return aware(moment).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def interview_ics(interview: Interview, stamp: datetime) -> str:
    post = interview.application.post
    description = f"联系人：{interview.contact} {interview.contact_phone}".rstrip()
    if interview.notes:
        description += f"\n备注：{interview.notes}"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//JobBridge//就业直通车//ZH", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:interview-{interview.id}@{UID_DOMAIN}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(interview.starts_at)}",
        f"DTEND:{_utc(interview.starts_at + DURATION)}",
        f"SUMMARY:{_escape(f'面试：{post.title}（{post.employer.name}）')}",
        f"LOCATION:{_escape(interview.place)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
