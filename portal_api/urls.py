from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import (
    auth,
    billing,
    calendar_feed,
    content,
    coupons,
    documents,
    messages,
    password_reset,
    payments,
    planning,
    signatures,
)
from .exception_handlers import api_not_found

portal_patterns = [
    path("auth/login", auth.LoginApi.as_view(), name="auth-login"),
    path("auth/logout", auth.LogoutApi.as_view(), name="auth-logout"),
    path("auth/password", auth.PasswordApi.as_view(), name="auth-password"),
    path("auth/invitation", auth.InvitationApi.as_view(), name="auth-invitation"),
    path(
        "auth/password-reset",
        password_reset.PasswordResetApi.as_view(),
        name="auth-password-reset",
    ),
    path(
        "auth/password-reset/confirm",
        password_reset.PasswordResetConfirmApi.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("config", content.ConfigApi.as_view(), name="config"),
    path("home", content.HomeApi.as_view(), name="home"),
    path("me", content.MeApi.as_view(), name="me"),
    path("menu", content.MenuApi.as_view(), name="menu"),
    path("documents", documents.DocumentListApi.as_view(), name="document-list"),
    path("coupons", coupons.CouponListApi.as_view(), name="coupons"),
    path("coupons/<int:pk>", coupons.CouponApi.as_view(), name="coupon"),
    path(
        "coupons/<int:pk>/cancel",
        coupons.CouponCancelApi.as_view(),
        name="coupon-cancel",
    ),
    path("planning", planning.PlanningApi.as_view(), name="planning"),
    path("planning.ics", calendar_feed.CalendarFeedApi.as_view(), name="planning-ics"),
    path(
        "planning/feed",
        calendar_feed.CalendarFeedRenewApi.as_view(),
        name="planning-feed",
    ),
    path(
        "planning/<str:kind>",
        planning.PlanningCreateApi.as_view(),
        name="planning-create",
    ),
    path(
        "planning/<str:kind>/<int:pk>",
        planning.PlanningItemApi.as_view(),
        name="planning-item",
    ),
    path("documents/<int:pk>", documents.DocumentDetailApi.as_view(), name="document"),
    path(
        "invoices/<int:pk>/payments",
        payments.InvoicePaymentsApi.as_view(),
        name="invoice-payments",
    ),
    path("signatures", signatures.SignatureListApi.as_view(), name="signatures"),
    path("signatures/<int:pk>", signatures.SignatureApi.as_view(), name="signature"),
    path(
        "signatures/<int:pk>/terms",
        signatures.SignatureTermsApi.as_view(),
        name="signature-terms",
    ),
    path(
        "signatures/<int:pk>/code",
        signatures.SignatureCodeApi.as_view(),
        name="signature-code",
    ),
    path(
        "signatures/<int:pk>/confirm",
        signatures.SignatureConfirmApi.as_view(),
        name="signature-confirm",
    ),
    path("quotes", billing.QuoteListApi.as_view(), name="quotes"),
    path("quotes/<int:pk>", billing.QuoteDetailApi.as_view(), name="quotes-detail"),
    path("contracts", billing.ContractListApi.as_view(), name="contracts"),
    path(
        "contracts/<int:pk>",
        billing.ContractDetailApi.as_view(),
        name="contracts-detail",
    ),
    path("invoices", billing.InvoiceListApi.as_view(), name="invoices"),
    path(
        "invoices/<int:pk>", billing.InvoiceDetailApi.as_view(), name="invoices-detail"
    ),
    path("messages", messages.ConversationListApi.as_view(), name="messages"),
    path(
        "messages/settings",
        messages.MessagingSettingsApi.as_view(),
        name="messages-settings",
    ),
    path("messages/<int:pk>", messages.ConversationApi.as_view(), name="message"),
    path(
        "messages/<int:pk>/replies",
        messages.ConversationReplyApi.as_view(),
        name="message-replies",
    ),
    path(
        "messages/<int:pk>/read",
        messages.ConversationReadApi.as_view(),
        name="message-read",
    ),
    path(
        "messages/<int:pk>/attachments/<int:attachment>",
        messages.AttachmentDownloadApi.as_view(),
        name="message-attachment",
    ),
    path(
        "announcements",
        messages.AnnouncementListApi.as_view(),
        name="announcements",
    ),
    path(
        "documents/<int:pk>/download",
        documents.DocumentDownloadApi.as_view(),
        name="document-download",
    ),
]

app_name = "portal_api"
urlpatterns = [
    # Open on purpose, and deaf to credentials: generated API clients send their
    # Authorization header everywhere, and a stale or another portal's token must
    # not turn the public schema into a 401 (issue 11, item 15). The webhook and
    # sandbox views below are plain Django views, which read no token either.
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[]),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(
            url_name="portal_api:schema", authentication_classes=[]
        ),
        name="docs",
    ),
    path(
        "payments/webhooks/<slug:provider>",
        payments.payment_webhook,
        name="payment-webhook",
    ),
    path(
        "payments/sandbox/<str:reference>",
        payments.sandbox_checkout,
        name="payment-sandbox",
    ),
    *[
        path(f"portals/<slug:portal>/{p.pattern}", p.callback, name=p.name)
        for p in portal_patterns
    ],
    re_path(r"^.*$", api_not_found),
]
