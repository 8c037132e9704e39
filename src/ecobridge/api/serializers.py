from __future__ import annotations

from rest_framework import serializers

from ecobridge.core.i18n import clean_i18n
from ecobridge.core.models import AuditEntry, Job
from ecobridge.core.permissions import can_see_contact
from ecobridge.directory.models import (
    LANGUAGE_CHOICES,
    Country,
    Need,
    Organisation,
    Person,
    Sector,
    Technology,
)


class I18nJSONField(serializers.JSONField):
    """A multilingual text: an object of language code → text, e.g. {"en": "…", "ko": "…"}."""

    def to_internal_value(self, data):
        try:
            return clean_i18n(super().to_internal_value(data))
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "alpha3", "numeric", "region", "names"]


class SectorSerializer(serializers.ModelSerializer):
    name = I18nJSONField()

    class Meta:
        model = Sector
        fields = ["code", "category", "name", "group"]


class DirectorySerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), required=False
    )
    sectors = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), many=True, required=False
    )
    is_sample = serializers.BooleanField(read_only=True)

    def validate(self, attrs):
        for name, field in self.fields.items():
            if (
                isinstance(field, I18nJSONField)
                and field.required
                and name in attrs
                and not attrs[name]
            ):
                raise serializers.ValidationError({name: "give the text in at least one language"})
        return attrs


class OrganisationSerializer(DirectorySerializer):
    name = I18nJSONField()
    description = I18nJSONField(required=False)
    country = serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.all())

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "country",
            "parent",
            "sectors",
            "website",
            "email",
            "description",
            "is_sample",
            "created_at",
            "updated_at",
        ]


class PersonSerializer(DirectorySerializer):
    position = I18nJSONField(required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), required=False
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            "name_native",
            "name_latin",
            "position",
            "languages",
            "email",
            "phone",
            "consent_to_contact",
            "is_sample",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_see_contact(request.user, instance):
            data["email"] = data["phone"] = None
        return data


class TechnologySerializer(DirectorySerializer):
    title = I18nJSONField()
    description = I18nJSONField(required=False)
    performance_claims = I18nJSONField(required=False)
    reference_installations = I18nJSONField(required=False)

    class Meta:
        model = Technology
        fields = [
            "id",
            "external_id",
            "owner",
            "title",
            "description",
            "original_language",
            "sectors",
            "trl",
            "performance_claims",
            "reference_installations",
            "certifications",
            "is_published",
            "is_sample",
            "created_at",
            "updated_at",
        ]


class NeedSerializer(DirectorySerializer):
    title = I18nJSONField()
    description = I18nJSONField(required=False)
    country = serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.all())

    class Meta:
        model = Need
        fields = [
            "id",
            "external_id",
            "organisation",
            "country",
            "title",
            "description",
            "original_language",
            "sectors",
            "deadline",
            "status",
            "is_sample",
            "created_at",
            "updated_at",
        ]


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "status",
            "progress",
            "message",
            "error",
            "result",
            "created_at",
            "started_at",
            "finished_at",
        ]


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
        ]
