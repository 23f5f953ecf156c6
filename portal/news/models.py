"""News of the partnership: staff write them in the admin, in Polish and optionally in English, and the public reads
them on /news/, on the home page and in the Atom feed.

An item is shown when it is published and its publication time has come: one published with a time in the future is
scheduled and stays hidden until then. Saving, publishing and unpublishing an item is an ordinary `save()`, so
Django's post_save/post_delete signals tell whoever keeps copies of the public pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.lib.text import in_visitors_language, unique_slug
from practices.text import render_markdown

# The Markdown of a body is rendered when the item is saved; its length is limited as the practices' is, because the
# parser's worst case grows with the square of the length (bench/markdown_worst_case.py).
BODY_MAX_LENGTH = 3000
MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists with -, links as [text](https://…).")


class NewsItemQuerySet(models.QuerySet):
    def public(self, now=None):
        """What visitors see: published, with a publication time that has come; newest first."""
        return self.filter(is_published=True, publish_at__lte=now or timezone.now()).order_by("-publish_at", "-pk")


def _photo_path(instance, filename):
    return f"news/{filename}"


class NewsItem(models.Model):
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("address in the portal"), max_length=220, unique=True, editable=False)
    lead_pl = models.TextField(
        _("lead (Polish)"), max_length=500, help_text=_("One or two sentences shown in the list and when shared.")
    )
    lead_en = models.TextField(_("lead (English)"), max_length=500, blank=True)
    body_pl = models.TextField(_("text (Polish)"), max_length=BODY_MAX_LENGTH, help_text=MARKDOWN_HELP)
    body_en = models.TextField(_("text (English)"), max_length=BODY_MAX_LENGTH, blank=True, help_text=MARKDOWN_HELP)
    # Rendered and sanitised when saved; safe to show as they are.
    body_pl_html = models.TextField(editable=False, blank=True)
    body_en_html = models.TextField(editable=False, blank=True)
    photo = models.ImageField(_("photo"), upload_to=_photo_path, blank=True)
    photo_thumbnail = models.ImageField(_("photo thumbnail"), upload_to="news/thumbs/", blank=True, editable=False)
    photo_alt_pl = models.CharField(
        _("photo description (Polish)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Required with a photo."),
    )
    photo_alt_en = models.CharField(_("photo description (English)"), max_length=250, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown to visitors from the publication time on.")
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        help_text=_("A time in the future schedules the item: it appears then."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "-publish_at"], name="news_public")]

    def __str__(self):
        return self.title_pl

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title_pl, "news", max_length=200)
        self.body_pl_html = render_markdown(self.body_pl)
        self.body_en_html = render_markdown(self.body_en)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_pl_html", "body_en_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.photo and not self.photo_alt_pl.strip():
            errors["photo_alt_pl"] = _("Describe the photo for people who cannot see it.")
        if self.photo_alt_en and not self.photo:
            errors["photo_alt_en"] = _("There is no photo to describe.")
        if self.title_en and not (self.lead_en and self.body_en):
            errors["title_en"] = _("Give the English lead and text too, or leave the English fields empty.")
        if errors:
            raise ValidationError(errors)

    def is_public(self, now=None):
        return self.is_published and self.publish_at <= (now or timezone.now())

    @property
    def title(self):
        return in_visitors_language(self, "title")

    @property
    def lead(self):
        return in_visitors_language(self, "lead")

    @property
    def body_html(self):
        return in_visitors_language(self, "body", polish="body_pl_html", english="body_en_html")

    @property
    def photo_alt(self):
        return in_visitors_language(self, "photo_alt")

    @property
    def in_english(self):
        """Whether the English page shows English text (otherwise it shows the Polish, marked lang="pl")."""
        return bool(self.title_en)


def personal_data(user):
    """The news items the person wrote (staff), for the data download."""
    return [
        {"title": item.title_pl, "created": item.created_at.isoformat()}
        for item in NewsItem.objects.filter(created_by=user).order_by("pk")
    ]
