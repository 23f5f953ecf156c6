from django.contrib import admin

from partnerships.admin_review import ReviewAdmin
from partnerships.models import Company


@admin.register(Company)
class CompanyAdmin(ReviewAdmin):
    list_display = ["name", "nip", "status"]
