from django.urls import path, re_path

from api_base.exception_handlers import api_not_found
from api_base.urls import schema_routes

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


def api(route, view, name):
    """A portal API route: the view class served, named for reverse()."""
    return path(route, view.as_view(), name=name)


portal_patterns = [
    api("auth/login", auth.LoginApi, "auth-login"),
    api("auth/logout", auth.LogoutApi, "auth-logout"),
    api("auth/password", auth.PasswordApi, "auth-password"),
    api("auth/invitation", auth.InvitationApi, "auth-invitation"),
    api("auth/password-reset", password_reset.PasswordResetApi, "auth-password-reset"),
    api(
        "auth/password-reset/confirm",
        password_reset.PasswordResetConfirmApi,
        "auth-password-reset-confirm",
    ),
    api("config", content.ConfigApi, "config"),
    api("home", content.HomeApi, "home"),
    api("me", content.MeApi, "me"),
    api("menu", content.MenuApi, "menu"),
    api("documents", documents.DocumentListApi, "document-list"),
    api("coupons", coupons.CouponListApi, "coupons"),
    api("coupons/<int:pk>", coupons.CouponApi, "coupon"),
    api("coupons/<int:pk>/cancel", coupons.CouponCancelApi, "coupon-cancel"),
    api("planning", planning.PlanningApi, "planning"),
    api("planning.ics", calendar_feed.CalendarFeedApi, "planning-ics"),
    api("planning/feed", calendar_feed.CalendarFeedRenewApi, "planning-feed"),
    api("planning/<str:kind>", planning.PlanningCreateApi, "planning-create"),
    api("planning/<str:kind>/<int:pk>", planning.PlanningItemApi, "planning-item"),
    api("documents/<int:pk>", documents.DocumentDetailApi, "document"),
    api("invoices/<int:pk>/payments", payments.InvoicePaymentsApi, "invoice-payments"),
    api("signatures", signatures.SignatureListApi, "signatures"),
    api("signatures/<int:pk>", signatures.SignatureApi, "signature"),
    api("signatures/<int:pk>/terms", signatures.SignatureTermsApi, "signature-terms"),
    api("signatures/<int:pk>/code", signatures.SignatureCodeApi, "signature-code"),
    api(
        "signatures/<int:pk>/confirm",
        signatures.SignatureConfirmApi,
        "signature-confirm",
    ),
    api("quotes", billing.QuoteListApi, "quotes"),
    api("quotes/<int:pk>", billing.QuoteDetailApi, "quotes-detail"),
    api("contracts", billing.ContractListApi, "contracts"),
    api("contracts/<int:pk>", billing.ContractDetailApi, "contracts-detail"),
    api("invoices", billing.InvoiceListApi, "invoices"),
    api("invoices/<int:pk>", billing.InvoiceDetailApi, "invoices-detail"),
    api("messages", messages.ConversationListApi, "messages"),
    api("messages/settings", messages.MessagingSettingsApi, "messages-settings"),
    api("messages/<int:pk>", messages.ConversationApi, "message"),
    api("messages/<int:pk>/replies", messages.ConversationReplyApi, "message-replies"),
    api("messages/<int:pk>/read", messages.ConversationReadApi, "message-read"),
    api(
        "messages/<int:pk>/attachments/<int:attachment>",
        messages.AttachmentDownloadApi,
        "message-attachment",
    ),
    api("announcements", messages.AnnouncementListApi, "announcements"),
    api(
        "documents/<int:pk>/download",
        documents.DocumentDownloadApi,
        "document-download",
    ),
]

app_name = "portal_api"
urlpatterns = [
    *schema_routes("portal_api"),
    # Plain Django views, which read no token.
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
