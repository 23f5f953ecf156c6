from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from portal.lib.page_cache import public_page
from portal.news.models import NewsItem

PER_PAGE = 10


@public_page(query=("page",))
def news_list(request):
    page = Paginator(NewsItem.objects.public(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page})


@public_page
def news_detail(request, slug):
    # A draft or a scheduled item is not found, for staff too: they see it in the admin.
    item = get_object_or_404(NewsItem.objects.public(), slug=slug)
    return render(request, "news/detail.html", {"item": item})
