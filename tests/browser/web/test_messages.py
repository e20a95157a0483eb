"""Messages in the web portals and the admin (issue 14): a family writes to the
agency, staff answer in the admin's inbox, the family is e-mailed a link (never the
message) and reads the answer there; a care worker reads their conversation and the
home's announcement, and a conversation closed meanwhile refuses their reply in
words; a family switches the e-mails off from the Messages page; staff sort the
inbox, assign, close and reopen, write from a person's record and publish an
announcement the families then read on their home page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import (
    CLIENT,
    DEMO_PASSWORD,
    WORKER,
    assert_no_violations,
    shot,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Rendez-vous chez le cardiologue"
QUESTION = "Bonjour, pouvez-vous décaler la visite de jeudi à 15 h ? Merci."
ANSWER = "Bonjour, c'est entendu : la visite de jeudi passe à 15 h."
# Enough of a PDF for the server's sniffing (it reads the magic number).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def plain_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def staff_signs_in(page, demo) -> None:
    """Marie, the demo agency's staff member, on a desktop, in the admin."""
    page.set_default_timeout(10_000)
    page.goto(f"{demo.url}/admin/login/")
    page.get_by_label("Identifiant").fill("marie")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url(f"{demo.url}/admin/")


def test_a_family_writes_staff_answer_in_the_admin_and_the_family_reads_it(
    demo, phone, page, portal_url, smtp
):
    from messaging.models import Conversation

    sign_in(phone, portal_url("demo-clients", "messages"), CLIENT)
    expect(phone.get_by_role("heading", name="Messages", level=1)).to_be_visible()
    # The demo's conversation, with the agency's answer unread, in the menu too.
    expect(
        phone.get_by_role(
            "link", name=re.compile(r"^Changement d'horaire mardi\s*, 1 non lu$")
        )
    ).to_be_visible()
    phone.get_by_role("button", name="Menu").click()
    expect(
        phone.get_by_role("navigation", name="Menu principal").get_by_role(
            "link", name=re.compile(r"^Messages\s*, 1 non lu$")
        )
    ).to_be_visible()
    phone.get_by_role("button", name="Menu").click()
    expect(phone.get_by_role("status")).to_have_text("1 conversation affichée")
    assert_no_violations(phone)
    shot(phone, "client-messages")

    phone.get_by_role("link", name="Écrire un nouveau message").click()
    expect(phone.get_by_role("heading", name="Nouveau message")).to_be_visible()
    # Nothing typed: said beside each field, nothing sent.
    phone.get_by_role("button", name="Envoyer le message").click()
    expect(phone.get_by_text("Indiquez l’objet de votre message.")).to_be_visible()
    expect(phone.get_by_text("Écrivez votre message.")).to_be_visible()
    expect(phone.get_by_text("5 000 caractères au maximum.")).to_be_visible()
    assert_no_violations(phone)
    phone.get_by_label("Objet").fill(SUBJECT)
    phone.get_by_label("Votre message").fill(QUESTION)
    phone.get_by_label("Pièces jointes (facultatif)").set_input_files(
        {"name": "ordonnance.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    shot(phone, "client-message-new")
    phone.get_by_role("button", name="Envoyer le message").click()

    expect(phone.get_by_role("heading", name=SUBJECT, level=1)).to_be_visible()
    expect(phone.get_by_text("Message envoyé.")).to_be_visible()
    thread = phone.get_by_role("list", name="Messages de la conversation")
    expect(thread).to_contain_text(QUESTION)
    expect(thread).to_contain_text("Vous")
    expect(thread).to_contain_text("Pas encore lu par l’agence")
    expect(thread.get_by_role("link", name="ordonnance.pdf")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-message-sent")
    conversation = Conversation.objects.get(subject=SUBJECT)
    assert phone.url == portal_url("demo-clients", f"messages/{conversation.pk}")

    # Staff, on a desktop, answer from the admin's inbox.
    staff_signs_in(page, demo)
    page.get_by_role("link", name=re.compile(r"^Messages")).first.click()
    expect(page.get_by_role("link", name=re.compile(SUBJECT))).to_be_visible()
    assert_no_violations(page)
    shot(page, "staff-messages-inbox")
    page.get_by_role("link", name=re.compile(SUBJECT)).click()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    page.get_by_label("Votre réponse").fill(ANSWER)
    page.get_by_role("button", name="Répondre").click()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    assert_no_violations(page)
    shot(page, "staff-message-answer")

    # The family's e-mail: the link to the conversation, neither subject nor words.
    (mail,) = [m for m in smtp.inbox.messages if m["To"] == CLIENT]
    text = plain_text(mail)
    link = portal_url("demo-clients", f"messages/{conversation.pk}")
    assert link in text
    for secret in (SUBJECT, QUESTION, ANSWER, "cardiologue", "15 h"):
        assert secret not in text
        assert secret not in mail["Subject"]

    phone.goto(link)
    expect(phone.get_by_role("heading", name=SUBJECT, level=1)).to_be_visible()
    thread = phone.get_by_role("list", name="Messages de la conversation")
    expect(thread).to_contain_text(ANSWER)
    expect(thread).to_contain_text("Agence Démo")
    # « Message envoyé » was said once, on sending.
    expect(phone.get_by_text("Message envoyé.")).to_have_count(0)
    # Staff opened it: the family sees its message read.
    expect(thread).to_contain_text("Lu par l’agence")
    expect(phone.get_by_role("heading", name="Répondre")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-message-answered")
    # Opening it marked the agency's answer read.
    expect(phone.get_by_text("Envoyer la réponse")).to_be_visible()
    answer = conversation.messages.get(from_staff=True)
    for _ in range(50):
        answer.refresh_from_db()
        if answer.read_at:
            break
        phone.wait_for_timeout(100)
    assert answer.read_at is not None


def test_a_care_worker_reads_the_announcement_and_their_conversation(
    demo, phone, portal_url
):
    from messaging.models import Conversation
    from messaging.services import conversation_close

    sign_in(phone, portal_url("demo-intervenants", "connexion"), WORKER)
    expect(
        phone.get_by_role("heading", name="Réunion d'équipe le 5 décembre")
    ).to_be_visible()
    expect(phone.get_by_text("suivie d'un goûter")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "intervenant-home-announcement")

    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name=re.compile(r"^Messages")
    ).click()
    expect(phone.get_by_role("heading", name="Messages", level=1)).to_be_visible()
    phone.get_by_role("link", name=re.compile(r"^Congés de décembre")).click()
    expect(
        phone.get_by_role("heading", name="Congés de décembre", level=1)
    ).to_be_visible()
    thread = phone.get_by_role("list", name="Messages de la conversation")
    expect(thread).to_contain_text("vos congés sont validés")
    assert_no_violations(phone)
    shot(phone, "intervenant-conversation")

    # Files the server would refuse: by name before sending, by content after.
    phone.get_by_label("Votre message").fill("Voici mon arrêt de travail.")
    files = phone.get_by_label("Pièces jointes (facultatif)")
    files.set_input_files(
        {
            "name": "programme.exe",
            "mimeType": "application/x-msdownload",
            "buffer": b"MZ",
        }
    )
    phone.get_by_role("button", name="Envoyer la réponse").click()
    expect(
        phone.get_by_text("« programme.exe » n’est pas d’un type accepté")
    ).to_be_visible()
    files.set_input_files(
        {"name": "arret.pdf", "mimeType": "application/pdf", "buffer": b"pas un PDF"}
    )
    phone.get_by_role("button", name="Envoyer la réponse").click()
    expect(phone.get_by_role("alert")).to_contain_text(
        "Le message n’a pas été envoyé : corrigez les points indiqués"
    )
    expect(phone.get_by_text("Type de fichier non accepté")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "intervenant-attachment-refused")
    files.set_input_files([])

    # The agency closes it while the page is open: the reply is refused in words,
    # and the page then offers a new conversation instead.
    conversation = Conversation.objects.get(subject="Congés de décembre")
    staff = conversation.agency.staff_group.user_set.get(username="marie")
    conversation_close(conversation=conversation, by=staff)
    phone.get_by_label("Votre message").fill("Merci beaucoup !")
    phone.get_by_role("button", name="Envoyer la réponse").click()
    expect(phone.get_by_role("alert")).to_contain_text(
        "Cette conversation vient d’être fermée par votre agence"
    )
    assert_no_violations(phone)
    phone.reload()
    expect(phone.get_by_text("Cette conversation est fermée")).to_be_visible()
    expect(phone.get_by_role("button", name="Envoyer la réponse")).to_have_count(0)
    phone.get_by_role("link", name="Écrire un nouveau message").click()
    expect(phone.get_by_role("heading", name="Nouveau message")).to_be_visible()
    shot(phone, "intervenant-conversation-closed")
    assert conversation.messages.count() == 2


def test_the_family_switches_the_e_mails_off_and_it_stays_off(demo, phone, portal_url):
    from access.models import User
    from messaging.services import person_notifications_enabled

    sign_in(phone, portal_url("demo-clients", "messages"), CLIENT)
    switch = phone.get_by_role(
        "checkbox", name="Me prévenir par e-mail des nouveaux messages"
    )
    expect(switch).to_be_checked()
    expect(phone.get_by_text("il ne contient jamais le message")).to_be_visible()
    assert_no_violations(phone)
    # By keyboard: the box takes the focus and Space switches it.
    switch.focus()
    phone.keyboard.press("Space")
    expect(
        phone.get_by_text(
            "C’est enregistré : vous ne recevrez plus d’e-mail pour les nouveaux "
            "messages."
        )
    ).to_be_visible()
    expect(switch).not_to_be_checked()
    assert_no_violations(phone)
    shot(phone, "client-messages-e-mails-off")
    person = User.objects.get(username=CLIENT).person
    assert not person_notifications_enabled(person)

    phone.reload()
    expect(phone.get_by_role("heading", name="Messages", level=1)).to_be_visible()
    expect(switch).not_to_be_checked()
    expect(phone.get_by_text("C’est enregistré")).to_have_count(0)


def test_too_many_messages_say_how_long_to_wait(demo, phone, portal_url, settings):
    settings.MESSAGING_MESSAGES_PER_HOUR = 0
    sign_in(phone, portal_url("demo-clients", "messages/nouveau"), CLIENT)
    expect(phone.get_by_role("heading", name="Nouveau message")).to_be_visible()
    phone.get_by_label("Objet").fill(SUBJECT)
    phone.get_by_label("Votre message").fill(QUESTION)
    phone.get_by_role("button", name="Envoyer le message").click()
    # The server's Retry-After (an hour) in words; what was typed stays.
    expect(phone.get_by_role("alert")).to_have_text(
        "Vous avez envoyé beaucoup de messages en peu de temps. "
        "Vous pourrez écrire de nouveau dans 1 heure."
    )
    expect(phone.get_by_label("Votre message")).to_have_value(QUESTION)
    assert_no_violations(phone)
    shot(phone, "client-message-throttled")


def test_staff_sort_assign_close_write_from_a_record_and_announce(
    demo, page, phone, portal_url, smtp
):
    from messaging.models import Conversation

    staff_signs_in(page, demo)
    page.goto(f"{demo.url}/admin/messages/")
    inbox = page.get_by_role("table")
    family = page.get_by_role("link", name=re.compile(r"^Changement d'horaire mardi"))
    worker = page.get_by_role("link", name=re.compile(r"^Congés de décembre"))
    expect(family).to_be_visible()
    expect(worker).to_be_visible()
    page.get_by_label("Personne").select_option(label="Intervenants")
    page.get_by_role("button", name="Filtrer").click()
    expect(worker).to_be_visible()
    expect(family).to_have_count(0)
    assert_no_violations(page)
    shot(page, "staff-messages-filtered")

    # Assigned to Marie, by her name, then closed: « assigned to me » and « closed »
    # find it, and its page offers to reopen instead of a reply.
    worker.click()
    page.get_by_label("Suivie par").select_option(label="Marie Lefèvre")
    page.get_by_role("button", name="Attribuer").click()
    expect(
        page.get_by_text("La conversation est suivie par Marie Lefèvre.")
    ).to_be_visible()
    page.get_by_role("button", name="Fermer la conversation").click()
    expect(page.get_by_text("La conversation est fermée.")).to_be_visible()
    expect(page.get_by_text("rouvrez-la pour répondre")).to_be_visible()
    expect(page.get_by_role("button", name="Répondre")).to_have_count(0)
    assert_no_violations(page)
    page.goto(f"{demo.url}/admin/messages/")
    page.get_by_label("État").select_option(label="Fermées")
    page.get_by_label("Qui me sont attribuées").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(inbox.get_by_role("row")).to_have_count(2)  # the header and it
    expect(inbox).to_contain_text("Marie Lefèvre")
    worker.click()
    page.get_by_role("button", name="Rouvrir la conversation").click()
    expect(page.get_by_text("La conversation est rouverte.")).to_be_visible()
    expect(page.get_by_label("Votre réponse")).to_be_visible()
    conversation = Conversation.objects.get(subject="Congés de décembre")
    assert conversation.status == "open"
    assert conversation.assigned_to.username == "marie"

    # From the care worker's record: the Messages tab, and a new message to her.
    page.get_by_role("link", name="Inès Durand").click()
    expect(page.get_by_role("tab", name="Messages")).to_have_attribute(
        "aria-selected", "true"
    )
    page.get_by_role("link", name="Nouveau message").click()
    expect(
        page.get_by_text("Nouveau message : Inès Durand", exact=True)
    ).to_be_visible()
    assert_no_violations(page)
    page.get_by_label("Objet").fill("Remplacement de jeudi")
    page.get_by_label("Message").fill("Pouvez-vous remplacer Hugo chez M. Martin ?")
    page.get_by_role("button", name="Envoyer", exact=True).click()
    expect(page.get_by_text("Votre message à Inès Durand est envoyé.")).to_be_visible()
    expect(page.get_by_text("Pouvez-vous remplacer Hugo")).to_be_visible()
    shot(page, "staff-message-from-record")
    started = Conversation.objects.get(subject="Remplacement de jeudi")
    (mail,) = [m for m in smtp.inbox.messages if m["To"] == WORKER]
    text = plain_text(mail)
    assert portal_url("demo-intervenants", f"messages/{started.pk}") in text
    for secret in ("Remplacement", "Hugo", "Martin"):
        assert secret not in text and secret not in mail["Subject"]

    # An announcement to the families, with its last day: on their home page.
    page.goto(f"{demo.url}/admin/")
    page.get_by_role("link", name="Annonces").first.click()
    page.get_by_role("link", name="Nouvelle annonce").first.click()
    page.get_by_role("textbox", name="Titre").fill("Permanence téléphonique")
    page.get_by_role("textbox", name="Texte").fill(
        "L'agence répond au téléphone le samedi matin."
    )
    page.get_by_role("checkbox", name="Portail clients").check()
    page.get_by_role("checkbox", name="Publiée").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_text("L'annonce « Permanence téléphonique » a été créée.")
    ).to_be_visible()
    assert_no_violations(page)
    shot(page, "staff-announcement-published")

    sign_in(phone, portal_url("demo-clients", "connexion"), CLIENT)
    expect(phone.get_by_role("heading", name="Permanence téléphonique")).to_be_visible()
    expect(phone.get_by_text("le samedi matin")).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-home-announcements")
