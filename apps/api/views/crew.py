"""The directory (people), engagements and deal memos (read), as the crew pages show them: a
department head sees their own department's, and contacts only with VIEW_CREW_CONTACTS.

People are added through the directory page's own form (the same checks) and changed through
`services.person_update` (a new e-mail address voids the links sent to the old one).
"""

from __future__ import annotations

from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from apps.api.access import ProductionEndpoint
from apps.api.errors import form_refusal
from apps.api.filtering import filterset
from apps.api.serializers import crew as s
from apps.crew import queries, services
from apps.crew.access import engagement_scope, person_scope
from apps.crew.forms import PersonForm
from apps.crew.models import DealMemo, Engagement, Person
from apps.productions.capabilities import Capability as C


def _name_or_email(rows, name: str, value: str):
    return rows.filter(Q(name__icontains=value) | Q(email__icontains=value))


PersonFilter = filterset(
    Person,
    q=filters.CharFilter(method=_name_or_email, help_text="A name or an e-mail address."),
)


class PersonRows(ProductionEndpoint):
    read, write = C.VIEW_CREW, C.HIRE_CREW
    queryset = Person.objects.order_by("name", "pk")
    serializer_class = s.PersonSerializer

    def rows(self, production):
        return queries.people_of(production, self.request.membership).order_by("name", "pk")

    def show_contacts(self) -> bool:
        return self.request.membership.can(C.VIEW_CREW_CONTACTS)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["show_contacts"] = self.show_contacts()
        return context

    def _form(self, person: Person) -> PersonForm:
        """The directory page's form, given the person's values with the request's over them."""
        current = {name: getattr(person, name) for name in PersonForm.Meta.fields}
        data = {**current, **self.request.data}
        form = PersonForm(data, instance=person, show_contacts=self.show_contacts())
        if not form.is_valid():
            raise form_refusal(form)
        return form


class People(PersonRows, generics.ListCreateAPIView):
    """The production's directory (a department head: the people of their department). POST adds
    a person."""

    filterset_class = PersonFilter

    @extend_schema(request=s.PersonSerializer, responses={201: s.PersonSerializer})
    def post(self, request, *args, **kwargs) -> Response:
        form = self._form(Person(production=request.production))
        person = form.save()
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetail(PersonRows, generics.RetrieveUpdateAPIView):
    """One person. PUT or PATCH changes the fields given."""

    scope = person_scope

    def perform_update(self, serializer) -> None:
        person = serializer.instance
        form = self._form(person)
        serializer.instance = services.person_update(
            person=person,
            membership=self.request.membership,
            **{name: form.cleaned_data[name] for name in form.fields},
        )


EngagementFilter = filterset(
    Engagement,
    department=filters.CharFilter(field_name="department__name", lookup_expr="iexact"),
    released=filters.BooleanFilter(field_name="released_at", lookup_expr="isnull", exclude=True),
)


class EngagementRows(ProductionEndpoint):
    read = C.VIEW_CREW
    queryset = Engagement.objects.all()
    serializer_class = s.EngagementSerializer

    def rows(self, production):
        return queries.crew_list(production, self.request.membership)


class Engagements(EngagementRows, generics.ListAPIView):
    """Everyone hired, by department (a department head: their own department)."""

    filterset_class = EngagementFilter


class EngagementDetail(EngagementRows, generics.RetrieveAPIView):
    scope = engagement_scope


class MemoRows(ProductionEndpoint):
    read = C.VIEW_CREW_RATES
    queryset = DealMemo.objects.all()
    serializer_class = s.DealMemoSerializer
    filterset_fields = ["state"]

    def rows(self, production):
        return queries.memos_of(production, self.request.membership).order_by("-created_at", "pk")


class Memos(MemoRows, generics.ListAPIView):
    """Deal memos with their terms (to change one, use its page: a sent memo is signed)."""


class Memo(MemoRows, generics.RetrieveAPIView):
    pass
