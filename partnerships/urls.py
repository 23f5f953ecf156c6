from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("company/", views.dashboard, name="dashboard"),
    path("company/register/", views.register, name="register"),
    path("company/join/", views.join, name="join"),
    path("company/edit/", views.edit, name="edit"),
    path("company/edit/withdraw/", views.withdraw_changes, name="withdraw_changes"),
    path("company/resubmit/", views.resubmit, name="resubmit"),
    path("company/members/", views.members, name="members"),
    path("company/members/invite/", views.invite, name="invite"),
    path("company/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path("company/members/<int:pk>/make-owner/", views.make_owner, name="make_owner"),
    path("company/members/leave/", views.leave, name="leave"),
    path("company/join-requests/<int:pk>/<str:decision>/", views.decide_join_request, name="decide_join_request"),
    path("company/invitations/<int:pk>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("company/invitations/<str:token>/", views.invitation, name="invitation"),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
]
