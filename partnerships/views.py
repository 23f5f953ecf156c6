from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from partnerships.models import Company


def _membership_for(request):
    """The signed-in user's membership, or None."""
    return getattr(request.user, "membership", None)


@login_required
def dashboard(request):
    membership = _membership_for(request)
    if membership is None:
        return redirect("partnerships:register")
    from partnerships.dashboard import panels

    context = {
        "membership": membership,
        "company": membership.company,
        "is_owner": membership.is_owner,
        "panels": panels(),
    }
    return render(request, "partnerships/dashboard.html", context)


@login_required
def register(request):
    return render(request, "partnerships/register.html")


def partner_list(request):
    companies = Company.objects.verified()
    return render(request, "partnerships/partner_list.html", {"companies": companies})


def partner_detail(request, slug):
    company = get_object_or_404(Company.objects.verified(), slug=slug)
    return render(request, "partnerships/partner_detail.html", {"company": company})
