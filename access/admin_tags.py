"""Tag suggestions (/admin/tag-autocomplete/) for staff: only the tags used on rows
of their own agencies (issue 11, item 14).

Staff tag their agency's images and documents (the tags field of Wagtail's image
and document forms, the "add tags" bulk action), so suggestions stay useful; but
Wagtail's view suggests every tag of the installation, and a tag can carry a name
("licenciement-dupont"). Superusers keep Wagtail's view. cms/urls.py serves this
one at Wagtail's addresses, before the admin's own patterns."""

from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem
from wagtail.admin.views import tags
from wagtail.images.views import images
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView
from wagtail.images.views.chooser import viewset as image_chooser_viewset

from .staff_scope import staff_rows


def tagged_models() -> list:
    """Models tagged through taggit's shared table (Wagtail's images, documents)."""
    return [
        model
        for model in apps.get_models()
        if any(
            isinstance(field, TaggableManager) and field.through is TaggedItem
            for field in model._meta.get_fields()
        )
    ]


def tags_for_staff(user):
    """Tags used on at least one row the user may know of."""
    uses = [
        Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(
                model
            ),
            taggit_taggeditem_items__object_id__in=staff_rows(model, user).values("pk"),
        )
        for model in tagged_models()
    ]
    if not uses:
        return Tag.objects.none()
    return Tag.objects.filter(reduce(or_, uses)).distinct()


def tag_autocomplete(request, app_name=None, model_name=None):
    if request.user.is_superuser:
        return tags.autocomplete(request, app_name, model_name)
    if app_name and (app_name, model_name) != ("taggit", "tag"):
        raise Http404  # no other tag model here
    term = request.GET.get("term", "")
    found = []
    if term:
        found = list(
            tags_for_staff(request.user)
            .filter(name__istartswith=term)
            .order_by("name")
            .values_list("name", flat=True)[: tags.TAGS_AUTOCOMPLETE_LIMIT]
        )
    return JsonResponse(found, safe=False)


def popular_tags_for_staff(model, user, count=10):
    """The tags most used on the user's rows of `model`, as Wagtail's
    popular_tags_for_model counts them over every row."""
    rows = staff_rows(model, user).values("pk")
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(
                model
            ),
            taggit_taggeditem_items__object_id__in=rows,
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


class StaffPopularTagsMixin:
    """For a Wagtail media filter set (images, documents): its "Tag" filter offers
    the most used tags of the staff member's agencies, where Wagtail's offers those
    of the whole installation."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        tag = self.filters.get("tag")
        if tag is None or request is None or request.user.is_superuser:
            return
        popular = popular_tags_for_staff(self._meta.model, request.user)
        names = [each.name for each in popular]
        if names:
            tag.extra["choices"] = [(name, name) for name in names]
        else:
            del self.filters["tag"]


class StaffImagesFilterSet(StaffPopularTagsMixin, images.ImagesFilterSet):
    class Meta(images.ImagesFilterSet.Meta):
        pass


class ImageIndexView(images.IndexView):
    """Wagtail's images listing, with the tag filter above (served at Wagtail's
    address by access.wagtail_hooks)."""

    filterset_class = StaffImagesFilterSet


class StaffImageChooseView(ImageChooseView):
    """The image chooser's popular tags, among the staff member's agencies' only."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.user.is_superuser:
            context["popular_tags"] = popular_tags_for_staff(
                self.model, self.request.user
            )
        return context


class StaffImageChooserViewSet(ImageChooserViewSet):
    choose_view_class = StaffImageChooseView


# Only its choose view is served (access.wagtail_hooks, at Wagtail's address);
# built like Wagtail's own so that the view has the same URL names.
image_chooser = StaffImageChooserViewSet(
    image_chooser_viewset.name,
    model=image_chooser_viewset.model,
    url_prefix=image_chooser_viewset.url_prefix,
)
