from django.contrib import admin

from partnerships import cooperation_admin  # noqa: F401  (applications and the cooperation catalogue)
from partnerships.admin_review import ReviewAdmin
from partnerships.models import Company


@admin.register(Company)
class CompanyAdmin(ReviewAdmin):
    list_display = ["name", "nip", "status"]
