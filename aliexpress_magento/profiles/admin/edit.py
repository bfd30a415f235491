"""Add New Profile / Edit Profile: the Profile Info and Aliexpress Category Mapping tabs (manual §4.1-4.2),
with the buttons Back, Reset, Save and Save and Continue Edit (which comes back to the tab you were on).

Profile Info also holds the auto-assignment rules (beyond the manual). The category tab browses the
account's AliExpress tree level by level, searches its cached names and asks AliExpress for suggestions
(JSON endpoints below); picking a leaf saves the page, which stores the category and fetches its schema.
The attribute mapping table is posted with the page. A staff user with the view permission only sees
everything read-only, and the endpoints that change anything answer 403."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import ForeignKey
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from aliexpress_magento.accounts import selectors as account_selectors
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.profiles.admin import mapping_table
from aliexpress_magento.profiles.admin.products import ProfileProductsMixin
from aliexpress_magento.profiles.models import TITLE_TEMPLATE_HELP, AliExpressCategory, Profile
from aliexpress_magento.profiles.services import (
    categories,
    choices,
    completeness,
    editing,
    mappings,
    suggestions,
    titles,
)
from aliexpress_magento.profiles.services.remote import FetchError

INFO_FIELDS = ("account", "code", "name", "status")
RULE_FIELDS = ("rule_category_ids", "rule_attribute_set_ids")
LISTING_FIELDS = ("title_template", "auto_upload_new_products", "auto_upload_new_children")
LISTING_HELP = (
    "Beyond the manual: the title sent to AliExpress, and what the Product Cron (Configuration → Cron "
    "Settings) sends without a mass action."
)
RULES_HELP = (
    "Beyond the manual: products mirrored from Magento after these rules are saved that are in one of "
    "these Magento categories or attribute sets join this profile on the next catalog refresh."
)
LISTING_FIELDSET = ("Title and automatic upload", {"fields": LISTING_FIELDS, "description": LISTING_HELP})
FIELDSETS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("Profile Information", {"fields": INFO_FIELDS}),
    ("Auto-assignment", {"fields": RULE_FIELDS, "description": RULES_HELP}),
    LISTING_FIELDSET,
)
READ_ONLY_FIELDSETS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("Profile Information", {"fields": INFO_FIELDS}),
    ("Auto-assignment", {"fields": ("auto_categories", "auto_attribute_sets"), "description": RULES_HELP}),
    LISTING_FIELDSET,
)
CATEGORY_TAB = "category"


class ProfileForm(forms.ModelForm):
    """Profile Info plus the picked category (hidden inputs the tree fills) and the mapping table (read
    from the posted data; the mapping service checks it)."""

    aliexpress_category = forms.IntegerField(required=False, widget=forms.HiddenInput)
    aliexpress_category_path = forms.CharField(required=False, widget=forms.HiddenInput)
    rule_category_ids = forms.TypedMultipleChoiceField(
        label="Auto-add products of these Magento categories",
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    rule_attribute_set_ids = forms.TypedMultipleChoiceField(
        label="Auto-add products of these attribute sets",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = (*INFO_FIELDS, *RULE_FIELDS, *LISTING_FIELDS)

    # Set by ProfileEditMixin.get_form: the account of a new profile when the user sees only one.
    sole_account: Account | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category_path: list[str] | None = None  # set when a new category was picked
        self.mapping_inputs: list[mappings.MappingInput] | None = None
        if self.instance.pk and self.instance.category_id:
            self.fields["aliexpress_category"].initial = self.instance.category_id
        account = self._account()
        self._offer_rules(account.pk if account else None)
        self._show_preview()

    def _account(self) -> Account | None:
        if self.instance.pk:
            return self.instance.account
        return self.sole_account

    def _offer_rules(self, account_id: int | None) -> None:
        cats = self.fields["rule_category_ids"]
        sets = self.fields["rule_attribute_set_ids"]
        if account_id is None:
            cats.help_text = sets.help_text = "Offered once the profile is saved under its account."
            return
        known = choices.magento_categories(account_id)
        stored = set(self.instance.rule_category_ids or ()) - {i for i, _ in known}
        cats.choices = [*known, *((i, f"Category {i} (no longer in Magento)") for i in sorted(stored))]  # type: ignore[attr-defined]
        counts = choices.attribute_sets(account_id)
        sets.choices = [(i, f"Attribute set {i} ({n} products)") for i, n in counts]  # type: ignore[attr-defined]
        if not known:
            cats.help_text = "No Magento categories mirrored yet: refresh the catalog."
        if not counts:
            sets.help_text = "No Magento products mirrored yet: refresh the catalog."

    def _show_preview(self) -> None:
        """The saved template on one of the profile's products, under the field (escaped: the admin
        shows help texts as HTML, and a product name is the merchant's text)."""
        shown = titles.preview(self.instance) if self.instance.pk else None
        field = self.fields.get("title_template")
        if shown is not None and field is not None:
            field.help_text = format_html(
                "{}<br>Preview on {}: “{}” ({} characters).",
                TITLE_TEMPLATE_HELP,
                shown.sku,
                shown.title,
                len(shown.title),
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        account = self.instance.account if self.instance.pk else cleaned.get("account")
        if account is None:
            return cleaned
        code, name = cleaned.get("code") or "", cleaned.get("name") or ""
        for field, message in editing.clashes(account.pk, code, name, self.instance.pk).items():
            self.add_error(field, message)
        self._clean_category(account, cleaned)
        for problem in titles.problems(account.pk, cleaned.get("title_template") or ""):
            self.add_error("title_template", problem)
        if self.instance.pk and self.category_path is None:
            self._clean_mappings()
        return cleaned

    def _clean_category(self, account: Account, cleaned: dict[str, Any]) -> None:
        picked = cleaned.get("aliexpress_category")
        if picked is None or picked == self.instance.category_id:
            return
        hint = [int(p) for p in str(cleaned.get("aliexpress_category_path") or "").split(",") if p.isdigit()]
        try:
            self.category_path = editing.category_path(account, picked, hint)
        except (editing.CategoryError, FetchError) as exc:
            self.add_error("aliexpress_category", str(exc))

    def _clean_mappings(self) -> None:
        inputs = mapping_table.posted(self.data)  # type: ignore[arg-type]
        if not inputs:
            return
        self.mapping_inputs = inputs
        for problem in mappings.validate(self.instance, inputs):
            self.add_error(None, f"Attribute mapping — {problem}")


class ProfileEditMixin(admin.ModelAdmin):
    form = ProfileForm
    change_form_template = "admin/profiles/profile/change_form.html"
    save_on_top = True  # the manual's buttons sit above the form

    # --- the form ------------------------------------------------------------------------------

    def get_fieldsets(self, request: HttpRequest, obj: Profile | None = None) -> Any:
        if obj is not None and not self.has_change_permission(request, obj):
            return READ_ONLY_FIELDSETS
        return FIELDSETS

    def get_readonly_fields(self, request: HttpRequest, obj: Profile | None = None) -> Any:
        return ("account",) if obj is not None else ()  # an account's profile stays under it

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = cast(type[ProfileForm], super().get_form(request, obj, change, **kwargs))
        visible = list(account_selectors.visible_accounts(request.user)[:2])
        form.sole_account = visible[0] if len(visible) == 1 else None
        return form

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "account":
            kwargs["queryset"] = account_selectors.visible_accounts(request.user)
            visible = list(kwargs["queryset"][:2])
            if len(visible) == 1:
                kwargs["initial"] = visible[0].pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Profile, form: Any, change: bool) -> None:
        before = Profile.objects.get(pk=obj.pk) if change else None
        if form.category_path is not None:  # a new category, checked by the form
            obj.category_id = form.cleaned_data["aliexpress_category"]
            obj.category_path = form.category_path
        saved = editing.save_profile(
            obj, created=not change, changed=form.changed_data, before=before, user=request.user
        )
        if saved.category_changed and obj.category_id is not None:
            problem = editing.load_schema(obj)
            if problem:
                self.message_user(request, problem, messages.ERROR)
            else:
                self.message_user(
                    request, f"AliExpress category set to {' > '.join(obj.category_path)}.", messages.SUCCESS
                )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if form.mapping_inputs is None:
            return
        try:
            changed = mappings.save(form.instance, form.mapping_inputs, user=request.user)
        except mappings.MappingError as exc:  # the form checked the same; the schema changed meanwhile
            self.message_user(request, f"Attribute mapping not saved: {exc}", messages.ERROR)
            return
        if changed:
            self.message_user(
                request, f"Attribute mapping saved ({changed} attributes changed).", messages.SUCCESS
            )

    def response_add(
        self, request: HttpRequest, obj: Profile, post_url_continue: str | None = None
    ) -> HttpResponse:
        return _to_tab(request, super().response_add(request, obj, post_url_continue))

    def response_change(self, request: HttpRequest, obj: Profile) -> HttpResponse:
        return _to_tab(request, super().response_change(request, obj))

    @admin.display(description="Auto-add products of these Magento categories")
    def auto_categories(self, obj: Profile) -> str:
        names = dict(choices.magento_categories(obj.account_id))
        return ", ".join(names.get(i, f"Category {i}") for i in obj.rule_category_ids) or "—"

    @admin.display(description="Auto-add products of these attribute sets")
    def auto_attribute_sets(self, obj: Profile) -> str:
        return ", ".join(f"Attribute set {i}" for i in obj.rule_attribute_set_ids) or "—"

    # --- the page ------------------------------------------------------------------------------

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Profile | None = None,
    ) -> Any:
        can_edit = self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        context.update(
            title="Add Aliexpress Profile" if add else f"Edit Profile “{obj}”",
            can_edit=can_edit,
            active_tab=request.POST.get("_tab") or "info",
            profile_info_url=request.path,
            profile_products_url=ProfileProductsMixin.products_url(obj),
            changelist_url=reverse("admin:profiles_profile_changelist"),
        )
        if obj is not None and obj.pk:
            context.update(self._category_context(request, obj, context["adminform"].form))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _category_context(self, request: HttpRequest, obj: Profile, form: ProfileForm) -> dict[str, Any]:
        parsed = editing.cached_schema(obj)
        stored = mappings.current(obj)
        if form.is_bound and form.mapping_inputs is not None:
            stored = {**stored, **mapping_table.as_dict(form.mapping_inputs)}  # as posted, refused
        magento = choices.magento_attributes(obj.account_id)
        return {
            "profile": obj,
            "category_label": " > ".join(obj.category_path) if obj.category_id else "",
            "schema": parsed,
            "mapping_rows": mapping_table.rows(parsed, stored, magento) if parsed else [],
            "missing": completeness.missing_mappings(obj),
            "magento_options": {a.code: [{"id": o.id, "label": o.label} for o in a.options] for a in magento},
            "has_magento_attributes": bool(magento),
            "urls": {
                name: reverse(f"admin:profiles_profile_{name}", args=[obj.pk])
                for name in (
                    "category_children",
                    "category_search",
                    "category_suggest",
                    "refresh_schema",
                    "refresh_tree",
                )
            },
        }

    # --- endpoints -----------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        views = (
            ("categories/children/", self.children_view, "category_children"),
            ("categories/search/", self.search_view, "category_search"),
            ("categories/suggest/", self.suggest_view, "category_suggest"),
            ("refresh-schema/", self.refresh_schema_view, "refresh_schema"),
            ("categories/refresh/", self.refresh_tree_view, "refresh_tree"),
        )
        own = [
            path(f"<int:pk>/{route}", self.admin_site.admin_view(view), name=f"profiles_profile_{name}")
            for route, view, name in views
        ]
        return [*own, *super().get_urls()]

    def _profile(self, request: HttpRequest, pk: int, *, change: bool) -> Profile:
        """The profile, for a user who may see it (another account's is "not found"); an endpoint that
        changes something must be POSTed by a user who may change it."""
        profile = cast(Profile, self.get_object(request, str(pk)))  # AccountScopedAdmin: never None
        if change and (request.method != "POST" or not self.has_change_permission(request, profile)):
            raise PermissionDenied
        if not self.has_view_or_change_permission(request, profile):
            raise PermissionDenied
        return profile

    def children_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = self._profile(request, pk, change=False)
        parent = _int(request.GET.get("parent"))
        try:
            found = categories.children(profile.account, parent)
        except FetchError as exc:
            return JsonResponse({"error": str(exc)}, status=502)
        return JsonResponse({"categories": [_node(c) for c in found]})

    def search_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = self._profile(request, pk, change=False)
        text = request.GET.get("q", "")
        found = categories.search(profile.account, text)
        rows = [{**_node(c), "path": " > ".join(editing.names_path(profile.account, c))} for c in found]
        message = (
            ""
            if rows
            else f"No cached category is named like “{text.strip()}”: "
            "open the tree's levels first, or try Suggest."
        )
        return JsonResponse({"categories": rows, "message": message})

    def suggest_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = self._profile(request, pk, change=True)
        title = request.POST.get("title", "")
        try:
            found = suggestions.suggest(profile.account, title)
        except FetchError as exc:
            return JsonResponse({"error": str(exc)}, status=502)
        rows = [
            {
                "id": s.category_id,
                "name": s.name,
                "leaf": True,
                "path": " > ".join(s.name_path),
                "id_path": list(s.id_path),
            }
            for s in found
        ]
        message = "" if rows else "AliExpress suggests no category for this title."
        return JsonResponse({"categories": rows, "message": message})

    def refresh_schema_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = self._profile(request, pk, change=True)
        problem = editing.load_schema(profile, refresh=True)
        if problem:
            self.message_user(request, problem, messages.ERROR)
        else:
            self.message_user(
                request,
                "The category's attribute schema was fetched again from AliExpress.",
                messages.SUCCESS,
            )
        url = reverse("admin:profiles_profile_change", args=[profile.pk])
        return HttpResponseRedirect(f"{url}#category-mapping")

    def refresh_tree_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Forget the account's cached AliExpress tree (AliExpress advises a rebuild every 1-3 months):
        its levels are fetched again as they are opened. Profiles keep their picked categories."""
        profile = self._profile(request, pk, change=True)
        dropped = categories.refresh_tree(profile.account)
        self.message_user(
            request,
            f"The AliExpress category tree will be fetched again as you open it ({dropped} cached "
            "categories cleared).",
            messages.SUCCESS,
        )
        url = reverse("admin:profiles_profile_change", args=[profile.pk])
        return HttpResponseRedirect(f"{url}#category-mapping")


def _node(category: AliExpressCategory) -> dict[str, Any]:
    return {
        "id": category.category_id,
        "name": category.name,
        "leaf": category.is_leaf,
        "level": category.level,
    }


def _int(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0


def _to_tab(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Save and Continue Edit comes back to the tab the user was on."""
    if (
        "_continue" in request.POST
        and request.POST.get("_tab") == CATEGORY_TAB
        and isinstance(response, HttpResponseRedirect)
    ):
        return HttpResponseRedirect(f"{response.url}#category-mapping")
    return response
