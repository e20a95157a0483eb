"""Staff's second factor at sign-in: an authenticator app (TOTP) and recovery codes,
kept by django-otp. Portal accounts (clients, intervenants) never reach the admin and
are not concerned."""
