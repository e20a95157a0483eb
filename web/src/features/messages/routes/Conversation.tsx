import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Loading, LoadError, Success } from "../../../components/Feedback";
import { DeadEnd, Page } from "../../../components/Page";
import { sameOriginPath } from "../../../lib/api";
import { useConfig } from "../../portal/api";
import { useConversation, useMarkRead, useReply } from "../api/messages";
import { MessageForm } from "../components/MessageForm";
import {
  type Conversation as ConversationData,
  hasUnreadFromAgency,
  type Message,
} from "../lib/messages";
import "../messages.css";

/** One conversation: its messages oldest first, who wrote each and whether the
 * agency read the person's; a reply while it is open. Opening it marks the agency's
 * messages read. */
export default function Conversation() {
  const { t } = useI18n();
  const { id: raw } = useParams();
  const id = /^\d+$/.test(raw ?? "") ? Number(raw) : 0;
  const conversation = useConversation(id);

  if (!id || conversation.isError) {
    return (
      <DeadEnd title={t("messages.title")} back={t("messages.back")} backTo="/messages">
        {id ? (
          <LoadError error={conversation.error} retry={conversation.refetch} />
        ) : (
          <p>{t("messages.unknown")}</p>
        )}
      </DeadEnd>
    );
  }
  if (conversation.isPending) return <Loading />;
  return <Thread conversation={conversation.data} />;
}

function Thread({ conversation }: { conversation: ConversationData }) {
  const { t } = useI18n();
  const location = useLocation();
  const markRead = useMarkRead(conversation.id);
  const reply = useReply(conversation.id);
  const [replied, setReplied] = useState(false);
  const closed = conversation.status === "closed";
  const navigate = useNavigate();
  // Sent from « Nouveau message »: said once, here; the history entry forgets it so
  // that coming back (or the e-mailed link) does not say it again.
  const [justStarted] = useState(
    () => (location.state as { sent?: boolean } | null)?.sent === true,
  );
  useEffect(() => {
    if (justStarted) navigate(location.pathname, { replace: true, state: null });
  }, [justStarted, navigate, location.pathname]);

  const unread = hasUnreadFromAgency(conversation);
  const { mutate: mark, isIdle } = markRead;
  useEffect(() => {
    if (unread && isIdle) mark();
  }, [unread, isIdle, mark]);

  return (
    <Page title={conversation.subject}>
      <p className="document-meta">
        <span className={closed ? "state state-closed" : "state state-todo"}>
          {t(closed ? "messages.status.closed" : "messages.status.open")}
        </span>
      </p>
      {justStarted && !replied && <Success>{t("messages.sent")}</Success>}
      <ol className="thread" aria-label={t("messages.thread")}>
        {conversation.messages.map((message) => (
          <MessageItem key={message.id} message={message} />
        ))}
      </ol>
      {closed ? (
        <div className="notice notice-info">
          <p>{t("messages.closed")}</p>
          <p>
            <Link className="button-primary button-link" to="/messages/nouveau">
              {t("messages.new")}
            </Link>
          </p>
        </div>
      ) : (
        <section aria-labelledby="reply-title" className="reply">
          <h2 id="reply-title">{t("messages.reply")}</h2>
          {replied && !reply.error && <Success>{t("messages.sent")}</Success>}
          <MessageForm
            withSubject={false}
            submit={t("messages.reply.send")}
            busy={reply.isPending}
            error={reply.error}
            onSend={async (draft) => {
              setReplied(false);
              try {
                await reply.mutateAsync(draft);
                setReplied(true);
                return true;
              } catch {
                return false;
              }
            }}
          />
        </section>
      )}
      <p>
        <Link to="/messages">{t("messages.back")}</Link>
      </p>
    </Page>
  );
}

function MessageItem({ message }: { message: Message }) {
  const { t } = useI18n();
  const format = useFormat();
  const config = useConfig();
  const mine = message.author.side === "person";
  const agency = config.data?.agency.name ?? t("messages.agency");
  return (
    <li className={mine ? "message message-mine" : "message message-agency"}>
      <p className="message-meta">
        <strong>{mine ? t("messages.you") : agency}</strong>
        {!mine && message.author.name && <span> ({message.author.name})</span>}
        <span>
          {", "}
          <time dateTime={message.created_at}>{format.dateTime(message.created_at)}</time>
        </span>
      </p>
      <div className="message-body">{message.body}</div>
      {message.attachments.length > 0 && (
        <ul className="attachments" aria-label={t("messages.attachments.of")}>
          {message.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={sameOriginPath(attachment.download_url)} download>
                {attachment.name}
              </a>{" "}
              <span className="muted">({format.size(attachment.size)})</span>
            </li>
          ))}
        </ul>
      )}
      {mine && (
        <p className="message-read muted">
          {t(message.read ? "messages.readByAgency" : "messages.notReadByAgency")}
        </p>
      )}
    </li>
  );
}
