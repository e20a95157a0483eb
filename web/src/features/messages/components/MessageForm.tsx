import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../../app/i18n";
import { Field, FieldFrame } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { errorText, fieldErrors } from "../../../lib/errors";
import { useConfig } from "../../portal/api";
import type { Draft } from "../api/messages";
import {
  ACCEPTED_FILES,
  ATTACHMENT_MAX_BYTES,
  BODY_MAX_LENGTH,
  FILE_PROBLEM_KEYS,
  fileProblems,
  formatCount,
  formatLimit,
  sendErrorText,
  sendRefusal,
  SUBJECT_MAX_LENGTH,
} from "../lib/messages";

/** A message to the agency: subject (new conversations only), text with its length
 * limit, attachments; the server's refusals in words. */
export function MessageForm({
  withSubject,
  submit,
  busy,
  error,
  onSend,
}: {
  withSubject: boolean;
  submit: string;
  busy: boolean;
  error: unknown;
  /** Resolves true once sent: the form empties. */
  onSend: (draft: Draft) => Promise<boolean>;
}) {
  const { t, lang } = useI18n();
  const limits = useConfig().data?.limits;
  const maxBytes = limits?.upload_size ?? ATTACHMENT_MAX_BYTES;
  const maxLength = limits?.message_length ?? BODY_MAX_LENGTH;
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState<{ subject?: boolean; body?: boolean }>({});
  // A new input element empties the browser's own list of chosen files.
  const [filesKey, setFilesKey] = useState(0);

  const problems = fileProblems(files, maxBytes);
  const problemTexts = problems.map((item) =>
    t(FILE_PROBLEM_KEYS[item.problem], { name: item.name, max: formatLimit(maxBytes, lang) }),
  );
  const refusal = sendRefusal(error);
  const subjectErrors = [
    ...(missing.subject && !subject.trim() ? [t("messages.subject.required")] : []),
    ...fieldErrors(error, "subject"),
  ];
  const bodyErrors = [
    ...(missing.body && !body.trim() ? [t("messages.body.required")] : []),
    ...fieldErrors(error, "body"),
  ];
  const fileErrors = [...problemTexts, ...fieldErrors(error, "attachments")];
  const serverFields =
    fieldErrors(error, "subject").length +
    fieldErrors(error, "body").length +
    fieldErrors(error, "attachments").length;
  // One sentence at the top for any refusal; the fields' own beside them.
  const summary = !error
    ? null
    : (sendErrorText(error, lang, t) ??
      (serverFields ? t("messages.error.fields") : errorText(error, t)));

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const now = { subject: withSubject && !subject.trim(), body: !body.trim() };
    setMissing(now);
    if (now.subject || now.body) return;
    if (problems.length) return;
    const sent = await onSend({ subject: withSubject ? subject : undefined, body, files });
    if (sent) {
      setSubject("");
      setBody("");
      setFiles([]);
      setFilesKey((key) => key + 1);
      setMissing({});
    }
  };

  return (
    <form className="form message-form" onSubmit={send} noValidate>
      {summary && (
        <div className="notice notice-error" role="alert">
          <p>{summary}</p>
          {refusal === "closed" && (
            <p>
              <Link to="/messages/nouveau">{t("messages.new")}</Link>
            </p>
          )}
        </div>
      )}
      {withSubject && (
        <Field
          label={t("messages.subject")}
          value={subject}
          maxLength={SUBJECT_MAX_LENGTH}
          required
          errors={subjectErrors}
          onChange={(event) => setSubject(event.target.value)}
        />
      )}
      <FieldFrame
        label={t("messages.body")}
        help={t("messages.body.help", { max: formatCount(maxLength, lang) })}
        errors={bodyErrors}
      >
        {(control) => (
          <>
            <textarea
              {...control}
              rows={6}
              value={body}
              maxLength={maxLength}
              required
              onChange={(event) => setBody(event.target.value)}
            />
            <p className="field-help counter" aria-hidden="true">
              {formatCount(body.length, lang)} / {formatCount(maxLength, lang)}
            </p>
          </>
        )}
      </FieldFrame>
      <Field
        key={filesKey}
        label={t("messages.attachments")}
        help={t("messages.attachments.help", { max: formatLimit(maxBytes, lang) })}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
        errors={fileErrors}
      />
      <FormActions submit={busy ? t("messages.sending") : submit} busy={busy} />
    </form>
  );
}
