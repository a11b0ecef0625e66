"""mypy plugin: django-stubs' plugin, plus the fields and managers django-modeltranslation adds.

modeltranslation adds a column per language (``name_ky``, ``name_ru``) to every field listed
in an app's ``translation.py`` and swaps the models' managers for ``MultilingualManager``, both
at run time, so mypy sees neither: the translated fields were unknown attributes, and
django-stubs could not resolve the (swapped) managers, nor the reverse managers that point at
those models.

django-stubs' plugin already loads Django (with ``portal.settings.test``) to read the models;
modeltranslation registers its fields when the apps are ready, so the translation fields are
there in ``Model._meta`` by the time mypy analyses the models. This plugin extends django-stubs'
model hook: after django-stubs has added what it derives from ``_meta`` (primary keys,
``<fk>_id``, managers, reverse relations), every translation field of the model becomes an
attribute typed like the field it translates (``name_ky`` of a ``CharField`` reads as
``str | None``: modeltranslation makes every translation column nullable). The registrations
stay in one place, ``translation.py``; nothing is repeated on the models.

It also makes ``modeltranslation.manager`` (which ships type information) part of the
analysis wherever models are, so django-stubs resolves ``MultilingualManager``.

Registered in ``pyproject.toml`` (``[tool.mypy] plugins``) instead of
``mypy_django_plugin.main``, whose plugin this one is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from typing import Any

from mypy.nodes import MypyFile
from mypy.plugin import ClassDefContext
from mypy.plugin import ReportConfigContext
from mypy.types import Instance
from mypy.types import get_proper_type
from mypy_django_plugin.lib import helpers
from mypy_django_plugin.main import NewSemanalDjangoPlugin
from mypy_django_plugin.transformers.fields import get_field_descriptor_types
from mypy_django_plugin.transformers.models import ModelClassInitializer

if TYPE_CHECKING:
    from django.db.models import Model

MANAGER_MODULE = "modeltranslation.manager"


class AddTranslationFields(ModelClassInitializer):
    """Declare ``<field>_<lang>`` for each translation field modeltranslation added."""

    def run_with_model_cls(self, model_cls: type[Model]) -> None:
        from modeltranslation.fields import TranslationField

        info = self.model_classdef.info
        for field in model_cls._meta.local_fields:
            if not isinstance(field, TranslationField) or field.attname in info.names:
                continue
            translated = field.translated_field
            field_info = self.lookup_class_typeinfo_or_incomplete_defn_error(type(translated))
            nullable = self.django_context.get_field_nullability(field, None)
            types = get_field_descriptor_types(
                field_info, is_set_nullable=nullable, is_get_nullable=field.null
            )
            self.add_new_node_to_model_class(field.attname, Instance(field_info, list(types)))


class AddSwappedManagers(ModelClassInitializer):
    """Type the managers modeltranslation merged into classes of its own.

    A custom manager (``objects = EditorialQuerySet.as_manager()`` on an abstract base)
    becomes an instance of a class modeltranslation creates inside a function, which mypy
    cannot look up. django-stubs then neither binds the inherited manager to this model
    (``Practice.objects.get()`` read as the abstract ``Editorial``) nor adds
    ``_default_manager``, so every reverse relation to the model failed (``Couldn't resolve
    related manager``). Each such manager keeps the class django-stubs knows (the custom
    manager), bound to this model.
    """

    def run_with_model_cls(self, model_cls: type[Model]) -> None:
        from modeltranslation.manager import MultilingualManager

        info = self.model_classdef.info
        model_type = Instance(info, [])
        for name, manager in model_cls._meta.managers_map.items():
            if not isinstance(manager, MultilingualManager) or name in info.names:
                continue
            sym = info.get(name)
            manager_type = get_proper_type(sym.type) if sym is not None else None
            if not isinstance(manager_type, Instance):
                raise helpers.IncompleteDefnException()
            filled = helpers.fill_manager(manager_type.type, model_type)
            self.add_new_node_to_model_class(name, filled, is_classvar=True)

        default = model_cls._meta.default_manager
        if "_default_manager" in info.names or not isinstance(default, MultilingualManager):
            return
        sym = info.names.get(default.name)
        if sym is None or sym.type is None:
            raise helpers.IncompleteDefnException()
        self.add_new_node_to_model_class("_default_manager", sym.type, is_classvar=True)


def process_translated_model(
    ctx: ClassDefContext,
    django_hook: Callable[[ClassDefContext], None],
    plugin: NewSemanalDjangoPlugin,
) -> None:
    django_hook(ctx)
    for initializer_cls in (AddTranslationFields, AddSwappedManagers):
        try:
            initializer_cls(ctx, plugin.django_context).run()
        except helpers.IncompleteDefnException:
            if not ctx.api.final_iteration:
                ctx.api.defer()


class ModeltranslationDjangoPlugin(NewSemanalDjangoPlugin):
    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        hook = super().get_base_class_hook(fullname)
        info = self._get_typeinfo_or_none(fullname)
        if hook is not None and info is not None and helpers.is_model_type(info):
            return partial(process_translated_model, django_hook=hook, plugin=self)
        return hook

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        deps = super().get_additional_deps(file)
        if file.fullname in self.django_context.model_modules:
            deps.append(self._new_dependency(MANAGER_MODULE))
        return deps

    def report_config_data(self, ctx: ReportConfigContext) -> dict[str, Any]:
        """A models module's cache is stale once its app's translation.py changes."""
        from modeltranslation.fields import TranslationField

        data = super().report_config_data(ctx)
        models = self.django_context.model_modules.get(ctx.id, {})
        translated = sorted(
            f"{name}.{field.attname}"
            for name, model in models.items()
            for field in model._meta.local_fields
            if isinstance(field, TranslationField)
        )
        return {**data, "translated_fields": translated} if translated else data


def plugin(version: str) -> type[ModeltranslationDjangoPlugin]:
    return ModeltranslationDjangoPlugin
