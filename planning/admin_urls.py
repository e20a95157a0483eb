from django.urls import path

from . import admin_views

app_name = "planning_admin"
urlpatterns = [
    path("resume-quotidien/", admin_views.DigestView.as_view(), name="digest"),
    path(
        "coupons/<int:pk>/",
        admin_views.CouponReviewView.as_view(),
        name="coupon_review",
    ),
    path(
        "coupons/<int:pk>/valider/",
        admin_views.CouponValidateView.as_view(),
        name="coupon_validate",
    ),
    path(
        "coupons/<int:pk>/refuser/",
        admin_views.CouponRejectView.as_view(),
        name="coupon_reject",
    ),
]
