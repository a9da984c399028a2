"""The daily digest of saved searches (issue 13.5): once a day, a seeker whose saved searches
find posts new since the last digest (or since the search was saved or last opened) hears it
in one message — the inbox, and SMS and e-mail as the interview reminder does — with a few
titles and the count. Nothing new, nothing sent.

The worker's periodic job runs it with the app's today (JOBBRIDGE_AS_OF_DATE when pinned). A
seeker is done for the day once their searches carry `digest_on == today`, and the outbox rows'
idempotency keys name the seeker and the day: a rerun tells nobody twice, and two runs at once
cannot both commit (the second breaks the keys' unique constraint and rolls back).
"""

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher import Matcher
from models import Candidate, Post, SavedSearch, User
from services.hiring_notices import OUTSIDE, SEE_INBOX
from services.interviews import aware
from services.notifications import notify
from services.post_search import Listing, found_between, visible_posts
from services.saved_searches import filters_of

KIND = "search_digest"
TITLES_SHOWN = 3
"""Titles named per search; the count says how many more."""
SEARCHES_SHOWN = 5
"""Searches named in one message (a seeker may keep 20); the others are summed up."""


@dataclass(frozen=True)
class Found:
    search: SavedSearch
    posts: list[Post]


def send_due(session: Session, index: Matcher, today: date, now: datetime) -> int:
    """Tell each active seeker not yet told `today` of the posts their saved searches found
    (as the listing finds them, on `today`) that were created by `now` and after the search's
    last digest or visit. Every search of a seeker looked at moves on to `now`, whether or not it
    found anything. Returns how many seekers were told."""
    visible = visible_posts(session, today)
    rows = session.execute(
        select(User, SavedSearch)
        .join(Candidate, Candidate.user_id == User.id)
        .join(SavedSearch, SavedSearch.candidate_id == Candidate.id)
        .where(User.active.is_(True))
        .order_by(User.id, SavedSearch.id)).all()
    told = 0
    for user, group in groupby(rows, key=lambda row: row[0]):
        searches = [search for _, search in group]
        if any(search.digest_on == today for search in searches):
            continue
        found = [f for f in (_found(session, index, visible, s, now) for s in searches) if f.posts]
        for search in searches:
            search.digest_on, search.digested_at = today, now
        if found:
            _tell(session, user, found, today)
            told += 1
    session.flush()
    return told


def _found(session: Session, index: Matcher, visible: Listing,
           search: SavedSearch, now: datetime) -> Found:
    since = aware(search.last_seen_at)
    if search.digested_at is not None:
        since = max(since, aware(search.digested_at))
    return Found(search, found_between(session, index, visible, search.params.get("q", ""),
                                       filters_of(search.params), since, now))


def _tell(session: Session, user: User, found: list[Found], today: date) -> None:
    total = len({post.id for f in found for post in f.posts})
    parts = []
    for f in found[:SEARCHES_SHOWN]:
        titles = "、".join(post.title for post in f.posts[:TITLES_SHOWN])
        more = "等" if len(f.posts) > TITLES_SHOWN else ""
        parts.append(f"【{f.search.name}】{len(f.posts)}个：{titles}{more}")
    if len(found) > SEARCHES_SHOWN:
        parts.append(f"另有{len(found) - SEARCHES_SHOWN}个搜索也有新岗位")
    text = f"您保存的搜索有{total}个新岗位。" + "；".join(parts) + "。"
    outside = f"您保存的搜索有{total}个新岗位，如“{found[0].posts[0].title}”"
    # One search: the inbox links straight to its listing; several: to the list of searches.
    only = found[0].search.id if len(found) == 1 else None
    notify(session, user, KIND, text, OUTSIDE, subject="saved_search", subject_id=only,
           outside_text=outside + SEE_INBOX, key=f"digest-{user.id}-{today.isoformat()}")
