"""Who may read and who may act on the meeting record.

Views fetch records through these helpers so that the rule is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from lib import readcache
from minutes.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Meeting,
    ReviewComment,
    SummaryEvent,
)
from participants import roles, zones
from participants.models import Body, BodyMembership, Organization, Person, Position


def get_meeting_for_user(
    request: HttpRequest, pk: int, queryset=None, *, kept_as: str = ""
) -> Meeting:
    """The meeting if this user may read it; 404 otherwise, so drafts do not even exist.

    `kept_as` names the shape of `queryset` for a page that only reads the meeting: its row
    is then kept too (see `listed_or_404`)."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return listed_or_404(request.user, queryset, pk, meetings_for, actions=False, kept_as=kept_as)


def require_secretariat(user) -> None:
    """The one "secretariat only" rule: PermissionDenied (403) for anyone else.

    Views use the `secretariat_required` decorator; call this directly only where the check
    cannot come first (e.g. inside a helper shared by several views).
    """
    if not roles.is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat may do this."))


def secretariat_required(view: Callable) -> Callable:
    """Writes are the secretariat's: 403 for everyone else, before anything is looked up."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        require_secretariat(request.user)
        return view(request, *args, **kwargs)

    return wrapped


# The visibility policy -------------------------------------------------------------------
#
# Every page, list, export, feed, count, search and e-mail that shows the meeting record to
# somebody reads it through the functions below; nothing else in the project spells out who
# sees what. The rules:
#
# Roles. The secretariat (the "Secretariat" group, and superusers) sees everything. Principals
# (the "Principals" group) see what is described below. A login with neither role sees nothing:
# `has_role` is False, NoRoleMiddleware answers every app page with a 403 page saying so, and
# every function here returns an empty queryset for it.
#
# Meetings. A principal sees the meetings of the bodies their organisation sits on *today*
# (a BodyMembership whose dates cover today, for any organisation of their current positions),
# and of every body marked `open_to_all_principals`. Membership is judged today rather than on
# the meeting's date: a seat carries the committee's record with it, so a rotating member reads
# the history it must follow up, and an organisation that left stops reading. This is also the
# rule for who may comment on a circulated summary. A principal never sees a draft.
#
# Content. A planned meeting shows its header (title, date, times, place) and its agenda (the
# item titles) only. Its recorded content (opening remarks, attendance, discussion, decisions,
# action points, documents, follow-up outcomes, topic tags, summary events) reaches principals
# once the meeting is circulated or approved (CONTENT_STATUSES).
#
# Progress entries. An ActionUpdate recorded at a meeting (`reviewed_at_meeting`) becomes
# visible when that meeting is circulated or approved; an entry without a meeting follows its
# action. Either way the action itself must be visible.
#
# Returned summaries. An objection (or the secretariat taking a circulated summary back, or a
# correction) returns the summary to draft, and a principal never reads a draft. But the
# principals it was circulated to have read its last circulated text, and the objector must see
# what they objected to: so a principal who may open the body's meetings (the ones it was
# circulated to, by the seat rule above), and the author of an objection on it whatever their
# seat today, may still read *the text as last circulated* (the snapshot kept with the
# circulation, `SummaryEvent.snapshot`), marked as returned to the secretariat, with their own
# comments. Nothing of the draft being edited reaches them: no live record, no export, no list,
# no search. See `returned_summary_for`.
#
# Cached renderings. The rendered summary of an approved meeting is cached per visibility class
# (`visibility_class`): a principal is never served the secretariat's rendering. A rendered part
# of a list (the tracker's table, the register, the dashboard's lists), a list's count, and the
# answer to "may this reader open this record" (`listed_or_404`) are kept per reader
# (`reader_parts`): one for the whole secretariat, one for each principal, whose lists depend on
# their seats and their own organisation; and per day, as seats start and end on a day.
#
# Review comments. A principal sees their own comments (even once an objection returned the
# summary to draft: it is their text); the secretariat sees all.
#
# People and organisations. Registry entries stay visible; what appears only through meetings a
# principal cannot read is hidden. Precisely, a person is listed to a principal when any of:
# they appear at no meeting at all (neither attending nor representing); they attend or
# represent someone at a meeting whose content the principal reads; they own an action the
# principal sees; they hold a position marked as head of delegation (`is_principal`); they are
# the principal themself. An organisation is listed when any of: nobody attended a meeting for
# it; it holds or held a seat on a body; it attended a meeting whose content the principal
# reads; it owns an action the principal sees; it is the principal's own organisation. So a
# newcomer typed in on a draft's attendance page, with their new organisation, stays out of
# principals' lists until that summary is circulated.
#
# The admin. Only the secretariat (and superusers) enter the Django admin, where they see
# everything; any other staff login is refused at the admin's door (config.admin), so no admin
# page needs a filtered queryset.

CONTENT_STATUSES = (Meeting.Status.CIRCULATED, Meeting.Status.APPROVED)
# What a principal may open at all: never a draft.
READABLE_STATUSES = (Meeting.Status.PLANNED, *CONTENT_STATUSES)


def visibility_class(user, meeting: Meeting) -> str:
    """Who a rendering of `meeting` is for: everything, the content, or header and agenda."""
    if roles.is_secretariat(user):
        return "secretariat"
    return "content" if can_read_content(user, meeting) else "agenda"


def reader_key(user) -> str:
    """Whose cached renderings of lists this user is served (see "Cached renderings")."""
    if roles.is_secretariat(user):
        return "secretariat"
    if roles.is_principal(user):
        return f"principal:{user.pk}"
    return "none"


def reader_parts(user, *parts, by_minute: bool = False) -> tuple:
    """The key of anything kept for this reader (lib.readcache): whose lists they are served,
    the deployment's day (overdue turns at midnight, seats start and end on a day), then the
    caller's `parts` (the page's query, its number). With `by_minute`, also the minute: for
    what shows a meeting's effective status, which changes when its review deadline passes."""
    parts = (reader_key(user), zones.today().isoformat(), *parts)
    if by_minute:
        parts += (timezone.now().replace(second=0, microsecond=0).isoformat(),)
    return parts


def listed_or_404(
    user,
    queryset: QuerySet,
    pk,
    rule: Callable[..., QuerySet],
    *,
    actions: bool = True,
    kept_as: str = "",
):
    """The row `pk` of `queryset` when `rule(user, queryset)` (one of the rules below) lists
    it to this user, else 404. Whether it does is kept per reader and day until a record
    changes (`actions=False` for a rule that reads no action point), so a page read again
    does not build the rule: it reads the row alone.

    With `kept_as` (a name for what `queryset` selects and prefetches) the row itself is kept
    as well, for every reader the rule lists it to, until a record changes: for a page that
    reads the row and writes nothing to it."""
    fetched = []

    def listed() -> bool:
        fetched.append(rule(user, queryset).filter(pk=pk).first())
        return fetched[0] is not None

    label = queryset.model._meta.label_lower
    if not readcache.kept(f"listed:{label}", reader_parts(user, pk), listed, actions=actions):
        raise Http404
    if fetched:
        return fetched[0]
    if not kept_as:
        return get_object_or_404(queryset, pk=pk)
    row = readcache.kept(
        f"row:{label}:{kept_as}", (pk,), lambda: queryset.filter(pk=pk).first(), actions=actions
    )
    if row is None:
        raise Http404
    return row


def returned_summary_for(user, pk: int) -> tuple[Meeting, SummaryEvent] | None:
    """A summary returned to draft after circulation that this principal may still read as
    last circulated (see "Returned summaries" above): the meeting and that circulation."""
    if roles.is_secretariat(user) or not roles.is_principal(user):
        return None
    objected = ReviewComment.objects.filter(
        meeting=OuterRef("pk"), author=user, kind=ReviewComment.Kind.OBJECTION
    )
    meeting = (
        Meeting.objects.select_related("body")
        .filter(pk=pk, status=Meeting.Status.DRAFT)
        .filter(Q(body__in=readable_bodies(user)) | Exists(objected))
        .first()
    )
    if meeting is None:
        return None
    sent = meeting.events.filter(kind=SummaryEvent.Kind.CIRCULATED).order_by("at", "pk").last()
    return (meeting, sent) if sent is not None else None


def has_role(user) -> bool:
    """Secretariat or principal: a login with neither reads nothing."""
    return roles.is_secretariat(user) or roles.is_principal(user)


def _kept(user, name: str, build: Callable[[], QuerySet]) -> QuerySet:
    """`build()`, kept on the user object (which lives for one request) for the day: a page
    asks for the same rule many times over. What is kept is the query, not its rows (it is
    read afresh wherever it is used), and the day is the one value built into it."""
    stamp = zones.today()
    kept = user.__dict__.setdefault("_access_kept", {})
    if name not in kept or kept[name][0] != stamp:
        kept[name] = (stamp, build())
    return kept[name][1].all()  # a copy: a caller never changes or fills the kept one


def readable_bodies(user) -> QuerySet[Body]:
    """Bodies whose meetings this user may open: for principals, their seats today, and open bodies."""
    if roles.is_secretariat(user):
        return Body.objects.all()
    if not roles.is_principal(user):
        return Body.objects.none()
    return _kept(user, "readable_bodies", lambda: _seated_bodies(user))


def _seated_bodies(user) -> QuerySet[Body]:
    today = zones.today()
    organizations = Position.objects.on(today).filter(person__user=user).values("organization")
    seats = BodyMembership.objects.filter(
        Q(start__isnull=True) | Q(start__lte=today),
        Q(end__isnull=True) | Q(end__gte=today),
        organization__in=organizations,
    ).values("body")
    return Body.objects.filter(Q(open_to_all_principals=True) | Q(pk__in=seats))


def meetings_for(user, queryset: QuerySet[Meeting] | None = None) -> QuerySet[Meeting]:
    """Meetings this user may open at all (a planned one shows its header and agenda only)."""
    if queryset is None and roles.is_principal(user) and not roles.is_secretariat(user):
        return _kept(user, "meetings_for", lambda: meetings_for(user, Meeting.objects.all()))
    queryset = Meeting.objects.all() if queryset is None else queryset
    if roles.is_secretariat(user):
        return queryset
    if not roles.is_principal(user):
        return queryset.none()
    return queryset.filter(
        status__in=READABLE_STATUSES,
        body__in=readable_bodies(user),
    )


def meetings_with_content_for(user, queryset: QuerySet[Meeting] | None = None) -> QuerySet[Meeting]:
    """Meetings whose recorded content this user may read: circulated or approved, for principals."""
    meetings = meetings_for(user, queryset)
    if roles.is_secretariat(user):
        return meetings
    return meetings.filter(status__in=CONTENT_STATUSES)


def content_condition(user, *, status: str, body: str, reviewed_status: str) -> Q:
    """The rule of `meetings_with_content_for` and `updates_for` as a condition over copies of
    the meeting's status and body (and of the status of the meeting a progress entry was
    reviewed at, null when none) stored on another table, such as the search rows.

    The field names are the caller's; the caller ANDs the result into its filter.
    """
    if roles.is_secretariat(user):
        return Q()
    if not roles.is_principal(user):
        return Q(pk__in=[])
    return Q(
        Q(**{f"{reviewed_status}__isnull": True})
        | Q(**{f"{reviewed_status}__in": CONTENT_STATUSES}),
        **{f"{status}__in": CONTENT_STATUSES, f"{body}__in": readable_bodies(user)},
    )


def can_read_content(user, meeting: Meeting) -> bool:
    """For a meeting fetched through `meetings_for`: may this user read what was recorded?"""
    return roles.is_secretariat(user) or (
        roles.is_principal(user) and meeting.status in CONTENT_STATUSES
    )


def _under(queryset: QuerySet, path: str, meetings: QuerySet[Meeting], user) -> QuerySet:
    if roles.is_secretariat(user):
        return queryset
    if not roles.is_principal(user):
        return queryset.none()
    return queryset.filter(**{f"{path}__in": meetings.values("pk")})


def items_for(user, queryset: QuerySet[AgendaItem] | None = None) -> QuerySet[AgendaItem]:
    """Agenda items whose titles this user may see (a planned meeting's agenda included)."""
    queryset = AgendaItem.objects.all() if queryset is None else queryset
    return _under(queryset, "meeting", meetings_for(user), user)


def items_with_content_for(user, queryset: QuerySet[AgendaItem] | None = None):
    """Agenda items whose discussion and topics this user may read."""
    queryset = AgendaItem.objects.all() if queryset is None else queryset
    return _under(queryset, "meeting", meetings_with_content_for(user), user)


def decisions_for(user, queryset: QuerySet[Decision] | None = None) -> QuerySet[Decision]:
    queryset = Decision.objects.all() if queryset is None else queryset
    return _under(queryset, "agenda_item__meeting", meetings_with_content_for(user), user)


def actions_for(user, queryset: QuerySet[ActionPoint] | None = None) -> QuerySet[ActionPoint]:
    queryset = ActionPoint.objects.all() if queryset is None else queryset
    return _under(queryset, "agenda_item__meeting", meetings_with_content_for(user), user)


def actions_released(queryset: QuerySet[ActionPoint] | None = None) -> QuerySet[ActionPoint]:
    """Actions any principal may ever read: of circulated or approved meetings.

    For channels with no reader to ask, such as the reminder e-mails to owners.
    """
    queryset = ActionPoint.objects.all() if queryset is None else queryset
    return queryset.filter(agenda_item__meeting__status__in=CONTENT_STATUSES)


def updates_for(user, queryset: QuerySet[ActionUpdate] | None = None) -> QuerySet[ActionUpdate]:
    """Progress entries: of visible actions, and if recorded at a meeting, once it is circulated."""
    queryset = ActionUpdate.objects.all() if queryset is None else queryset
    if roles.is_secretariat(user):
        return queryset
    return _under(
        queryset, "action__agenda_item__meeting", meetings_with_content_for(user), user
    ).filter(
        Q(reviewed_at_meeting__isnull=True) | Q(reviewed_at_meeting__status__in=CONTENT_STATUSES)
    )


def update_is_visible(user, update: ActionUpdate) -> bool:
    """For an entry of an action already fetched through `actions_for` (its meeting loaded)."""
    if roles.is_secretariat(user):
        return True
    meeting = update.reviewed_at_meeting
    return meeting is None or meeting.status in CONTENT_STATUSES


def documents_for(user, queryset: QuerySet[Document] | None = None) -> QuerySet[Document]:
    queryset = Document.objects.all() if queryset is None else queryset
    return _under(queryset, "meeting", meetings_with_content_for(user), user)


def attendances_for(user, queryset: QuerySet[Attendance] | None = None) -> QuerySet[Attendance]:
    queryset = Attendance.objects.all() if queryset is None else queryset
    return _under(queryset, "meeting", meetings_with_content_for(user), user)


def events_for(user, queryset: QuerySet[SummaryEvent] | None = None) -> QuerySet[SummaryEvent]:
    queryset = SummaryEvent.objects.all() if queryset is None else queryset
    return _under(queryset, "meeting", meetings_with_content_for(user), user)


def comments_for(user, queryset: QuerySet[ReviewComment] | None = None):
    """Review comments: all for the secretariat, a principal's own otherwise."""
    queryset = ReviewComment.objects.all() if queryset is None else queryset
    if roles.is_secretariat(user):
        return queryset
    if not roles.is_principal(user):
        return queryset.none()
    return queryset.filter(author=user)


def people_for(user, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People listed to this user (see the rule above)."""
    queryset = Person.objects.all() if queryset is None else queryset
    if roles.is_secretariat(user):
        return queryset
    if not roles.is_principal(user):
        return queryset.none()
    readable = meetings_with_content_for(user).values("pk")
    at_meetings = Attendance.objects.filter(
        Q(person=OuterRef("pk")) | Q(represented_by=OuterRef("pk"))
    )
    return queryset.filter(
        ~Exists(at_meetings)
        | Exists(at_meetings.filter(meeting__in=readable))
        | Exists(actions_for(user).filter(owner_people=OuterRef("pk")))
        | Exists(Position.objects.filter(person=OuterRef("pk"), is_principal=True))
        | Q(user=user)
    )


def organizations_for(user, queryset: QuerySet[Organization] | None = None):
    """Organisations listed to this user (see the rule above)."""
    queryset = Organization.objects.all() if queryset is None else queryset
    if roles.is_secretariat(user):
        return queryset
    if not roles.is_principal(user):
        return queryset.none()
    readable = meetings_with_content_for(user).values("pk")
    attended = Attendance.objects.filter(organization=OuterRef("pk"))
    own = Position.objects.on(zones.today()).filter(person__user=user)
    return queryset.filter(
        ~Exists(attended)
        | Exists(BodyMembership.objects.filter(organization=OuterRef("pk")))
        | Exists(attended.filter(meeting__in=readable))
        | Exists(actions_for(user).filter(owner_organizations=OuterRef("pk")))
        | Exists(own.filter(organization=OuterRef("pk")))
    )
