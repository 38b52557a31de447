"""Productions: the caller's list, and one production with their role in it. A PATCH changes the
production's settings from the `version` it was read at, as the settings page does (409 when
someone saved them since)."""

from __future__ import annotations

from django.forms.models import model_to_dict
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.api.access import ProductionEndpoint
from apps.api.errors import form_refusal
from apps.api.serializers.productions import (
    PRODUCTION_FIELDS,
    MembershipSerializer,
    ProductionSerializer,
)
from apps.productions import services
from apps.productions.capabilities import Capability as C
from apps.productions.forms import ProductionSettingsForm
from apps.productions.models import Membership


class MyProductions(generics.ListAPIView):
    """The productions the caller is a member of, with their role in each."""

    permission_classes = [IsAuthenticated]
    serializer_class = MembershipSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return (
            Membership.objects.filter(user=self.request.user)
            .select_related("production", "department")
            .order_by("production__title", "pk")
        )


@extend_schema(tags=["productions"])
class ProductionDetail(ProductionEndpoint, generics.GenericAPIView):
    """The production and the caller's role in it."""

    read, write = C.VIEW_PRODUCTION, C.EDIT_PRODUCTION
    serializer_class = MembershipSerializer

    def get(self, request, *args, **kwargs) -> Response:
        return Response(MembershipSerializer(request.membership).data)

    @extend_schema(request=ProductionSerializer, responses=MembershipSerializer)
    def patch(self, request, *args, **kwargs) -> Response:
        """Change the settings given; `version` is the production's as read."""
        production = request.production
        if "version" not in request.data:
            raise exceptions.ValidationError({"version": ["This field is required."]})
        # The settings page's own form checks the values (dates in order, a known currency).
        form_fields = ProductionSettingsForm.base_fields
        data = {k: v for k, v in model_to_dict(production).items() if k in form_fields}
        data.pop("logo", None)
        data.update(
            {k: v for k, v in request.data.items() if k in PRODUCTION_FIELDS and k != "slug"}
        )
        form = ProductionSettingsForm(data, instance=production)
        if not form.is_valid():
            raise form_refusal(form)
        services.production_settings_save(
            production=form.instance, expected_version=form.cleaned_data["version"]
        )
        request.membership.production = form.instance
        return Response(MembershipSerializer(request.membership).data)
