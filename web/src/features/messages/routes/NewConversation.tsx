import { Link, useNavigate } from "react-router";
import { useI18n } from "../../../app/i18n";
import { Page } from "../../../components/Page";
import { MessageForm } from "../components/MessageForm";
import { useStartConversation } from "../api/messages";
import "../messages.css";

/** « Nouveau message »: a new conversation with the agency; once sent, its page. */
export default function NewConversation() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const start = useStartConversation();
  return (
    <Page title={t("messages.new.title")}>
      <p>{t("messages.new.intro")}</p>
      <MessageForm
        withSubject
        submit={t("messages.send")}
        busy={start.isPending}
        error={start.error}
        onSend={async (draft) => {
          try {
            const conversation = await start.mutateAsync(draft);
            navigate(`/messages/${conversation.id}`, { state: { sent: true } });
            return true;
          } catch {
            return false;
          }
        }}
      />
      <p>
        <Link to="/messages">{t("messages.back")}</Link>
      </p>
    </Page>
  );
}
