import { Link, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Page } from "../../../components/Page";
import { PagedList } from "../../../components/PagedList";
import { pluralForm } from "../../../lib/format";
import { useMenu } from "../../portal/api";
import { useConversations } from "../api/messages";
import { EmailNotifications } from "../components/EmailNotifications";
import { type ConversationSummary, STATUS_SLUGS, statusFromSlug } from "../lib/messages";
import { unreadText } from "../lib/unread";
import "../messages.css";

const FILTERS = [
  { slug: "", key: "messages.filter.all" },
  { slug: "ouvertes", key: "messages.filter.open" },
  { slug: "fermees", key: "messages.filter.closed" },
] as const;

/** « Messages »: the person's conversations with the agency, newest activity first,
 * open or closed (in the address, so that Back keeps it), writing a new one, and
 * whether e-mails announce new messages. */
export default function Messages() {
  const { t, lang } = useI18n();
  const menu = useMenu();
  const [params] = useSearchParams();
  const slug = params.get("etat") ?? "";
  const status = statusFromSlug(slug);
  const conversations = useConversations(status);
  const title =
    menu.data?.sections.find((section) => section.key === "messages")?.label ?? t("messages.title");

  return (
    <Page title={title}>
      <p>
        <Link className="button-primary button-link" to="/messages/nouveau">
          {t("messages.new")}
        </Link>
      </p>
      <nav className="subnav" aria-label={t("messages.filter")}>
        <ul>
          {FILTERS.map((filter) => (
            <li key={filter.slug}>
              {/* Not NavLink: it compares paths only, the filter in use is the query's. */}
              <Link
                to={filter.slug ? `/messages?etat=${filter.slug}` : "/messages"}
                aria-current={(STATUS_SLUGS[slug] ? slug : "") === filter.slug ? "page" : undefined}
              >
                {t(filter.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <PagedList
        query={conversations}
        empty={t(status ? "messages.emptyFiltered" : "messages.empty")}
        count={(count) => t(`messages.count.${pluralForm(lang, count)}`, { count })}
        className="conversations"
        more={t("messages.more")}
        item={(conversation) => <ConversationItem conversation={conversation} />}
      />
      <EmailNotifications />
    </Page>
  );
}

function ConversationItem({ conversation }: { conversation: ConversationSummary }) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const unread = unreadText(conversation.unread, lang, t);
  const closed = conversation.status === "closed";
  return (
    <li className={unread ? "conversation unread" : "conversation"}>
      <h2 className="conversation-subject">
        <Link to={`/messages/${conversation.id}`}>
          {conversation.subject}
          {unread && <span className="visually-hidden">, {unread}</span>}
        </Link>
        {unread && (
          <span className="unread-badge" aria-hidden="true">
            {conversation.unread}
          </span>
        )}
      </h2>
      <p className="document-meta">
        <span className={closed ? "state state-closed" : "state state-todo"}>
          {t(closed ? "messages.status.closed" : "messages.status.open")}
        </span>
        <span>
          {t("messages.lastActivity", { date: format.dateTime(conversation.last_activity_at) })}
        </span>
      </p>
    </li>
  );
}
