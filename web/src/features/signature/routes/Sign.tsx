import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { ErrorMessage, Loading, LoadError, Success } from "../../../components/Feedback";
import { Field } from "../../../components/Field";
import { Page } from "../../../components/Page";
import { sameOriginPath } from "../../../lib/api";
import { isApiError } from "../../../lib/errors";
import {
  billingKey,
  type ContractDetail,
  documentDownloadPath,
  type QuoteDetail,
  useSignable,
} from "../../billing/api/billing";
import { StateText, useSection } from "../../billing/components/parts";
import { recordState } from "../../billing/lib/words";
import {
  acceptTerms,
  type CodeSent,
  confirmCode,
  openSignature,
  sendCode,
  type SignatureState,
  signatureKey,
  useSignature,
} from "../api/signatures";
import { PdfView } from "../components/PdfView";
import {
  ACTIVE,
  CODE_LENGTH,
  endsRequest,
  kindOfSlug,
  normalizeCode,
  SEAL_POLL_MS,
  sealState,
  signatureError,
  type Step,
  stepOf,
} from "../lib/flow";

type Kind = "quotes" | "contracts";
type Signable = QuoteDetail | ContractDetail;

/** « signature/:kind/:id »: sign a quote (`devis`) or contract (`contrat`) end to
 * end, as API.md's Signature describes it. */
export default function Sign() {
  const { t } = useI18n();
  const params = useParams();
  const kind = kindOfSlug(params.kind);
  const id = Number(params.id);
  if (!kind || !Number.isInteger(id) || id <= 0) {
    return (
      <Page title={t("app.notFound.title")}>
        <p>{t("app.notFound.text")}</p>
      </Page>
    );
  }
  return <SignRecord key={`${kind}-${id}`} kind={kind} id={id} />;
}

function SignRecord({ kind, id }: { kind: Kind; id: number }) {
  const { t } = useI18n();
  const record = useSignable(kind, id);
  const signing = useSection("signature");
  const [justSigned, setJustSigned] = useState(false);
  const title = record.data
    ? t(`signature.title.${kind}`, { number: record.data.number })
    : t("signature.titleShort");

  let body;
  if (record.isPending) body = <Loading />;
  else if (record.isError) body = <LoadError error={record.error} retry={record.refetch} />;
  else if (record.data.status === "signed")
    body = <Signed kind={kind} record={record.data} justSigned={justSigned} />;
  else if (record.data.status !== "pending")
    body = (
      <p>{t("signature.notSignable", { state: t(recordState(kind, record.data.status).key) })}</p>
    );
  else
    body = (
      <>
        <DocumentPart kind={kind} record={record.data} />
        {record.data.document == null ? (
          <p>{t("signature.noDocument")}</p>
        ) : signing === undefined ? (
          <Loading />
        ) : signing ? (
          <Flow kind={kind} record={record.data} onSigned={() => setJustSigned(true)} />
        ) : (
          <p className="notice notice-info">{t("signature.unavailable")}</p>
        )}
      </>
    );

  return (
    <Page title={title}>
      {body}
      <p>
        <Link to={kind === "quotes" ? "/devis" : "/contrats"}>{t(`signature.back.${kind}`)}</Link>
      </p>
    </Page>
  );
}

function DocumentPart({ kind, record }: { kind: Kind; record: Signable }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <section aria-labelledby={`document-${record.id}`}>
      <h2 id={`document-${record.id}`}>{t(`signature.document.${kind}`)}</h2>
      <ul className="facts">
        <li>
          <strong>{record.title}</strong>
        </li>
        <li>
          <StateText kind={kind} status={record.status} />
        </li>
        <li>{t("billing.number", { number: record.number })}</li>
        <li>{t("billing.issuedOn", { date: format.date(record.issued_on) })}</li>
        <li>
          {t("billing.amount", { amount: format.amount(record.amount_cents, record.currency) })}
        </li>
      </ul>
      {record.document != null && (
        <PdfView url={documentDownloadPath(record.document)} label={record.title} />
      )}
    </section>
  );
}

/** The steps: start, terms, code; the server's state of the request says which. */
function Flow({ kind, record, onSigned }: { kind: Kind; record: Signable; onSigned: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // The request in progress: the record's latest, unless one was opened here.
  const latest = record.signature;
  const resumable = latest && (ACTIVE.has(latest.status) || latest.status === "locked");
  const [openedId, setOpenedId] = useState<number | null>(null);
  const signatureId = openedId ?? (resumable ? latest.id : null);
  const signature = useSignature(signatureId);
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [error, setError] = useState<unknown>(null);

  const step: Step = signatureId == null ? "start" : stepOf(signature.data?.status);

  const settle = (state: SignatureState) => queryClient.setQueryData(signatureKey(state.id), state);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: billingKey(kind) });
    if (signatureId != null)
      void queryClient.invalidateQueries({ queryKey: signatureKey(signatureId) });
  };
  const failed = (reason: unknown) => {
    setError(reason);
    if (endsRequest(reason)) refresh();
  };

  const open = useMutation({
    mutationFn: () => openSignature(kind, record.id),
    onMutate: () => setError(null),
    onSuccess: (state) => {
      settle(state);
      setSent(null);
      setOpenedId(state.id);
    },
    onError: failed,
  });

  const code = useMutation({
    mutationFn: (id: number) => sendCode(id),
    onMutate: () => setError(null),
    onSuccess: (answer, id) => {
      setSent(answer);
      void queryClient.invalidateQueries({ queryKey: signatureKey(id) });
    },
    onError: failed,
  });

  const accept = useMutation({
    mutationFn: ({ state, read }: { state: SignatureState; read: boolean }) =>
      acceptTerms(state.id, state.terms.version, read),
    onMutate: () => setError(null),
    onSuccess: (state) => {
      settle(state);
      // Accepted: the code follows at once, one step fewer for the family.
      code.mutate(state.id);
    },
    onError: failed,
  });

  const confirm = useMutation({
    mutationFn: ({ id, value }: { id: number; value: string }) => confirmCode(id, value),
    onMutate: () => setError(null),
    onSuccess: (state) => {
      settle(state);
      onSigned();
      refresh();
    },
    onError: (reason) => {
      failed(reason);
      // A wrong code is counted: the state (locked after too many) is the server's.
      if (signatureId != null)
        void queryClient.invalidateQueries({ queryKey: signatureKey(signatureId) });
    },
  });

  // The new step's heading takes the focus, so that screen readers say where the
  // family is; not on arrival, where the page's title has it.
  const arrival = useRef<Step | null>(null);
  const ready = signatureId == null || signature.isSuccess;
  if (ready && arrival.current === null) arrival.current = step;
  const focus = ready && arrival.current !== step;

  if (signatureId != null && signature.isPending) return <Loading />;
  if (signature.isError && signatureId != null) {
    return <LoadError error={signature.error} retry={signature.refetch} />;
  }
  const state = signature.data;
  const busy = open.isPending || accept.isPending || code.isPending || confirm.isPending;

  return (
    <section className="signing">
      <FlowError error={error} onRestart={() => open.mutate()} busy={busy} />
      {step === "start" && (
        <>
          <p>{t("signature.start.intro")}</p>
          <button
            type="button"
            className="button-primary"
            onClick={() => open.mutate()}
            disabled={busy}
          >
            {t("signature.start")}
          </button>
        </>
      )}
      {step === "terms" && state && (
        <TermsStep
          state={state}
          focus={focus}
          busy={busy}
          onAccept={(read) => accept.mutate({ state, read })}
        />
      )}
      {step === "code" && state && (
        <CodeStep
          state={state}
          sent={sent}
          focus={focus}
          busy={busy}
          sending={code.isPending}
          signing={confirm.isPending}
          onSend={() => code.mutate(state.id)}
          onConfirm={(value) => confirm.mutate({ id: state.id, value })}
        />
      )}
      {step === "locked" && (
        <Ended
          focus={focus}
          text={t("signature.error.locked")}
          busy={busy}
          onRestart={() => open.mutate()}
        />
      )}
      {step === "ended" && state && (
        <Ended
          focus={focus}
          text={t(
            state.status === "expired" ? "signature.ended.expired" : "signature.ended.cancelled",
          )}
          busy={busy}
          onRestart={() => open.mutate()}
        />
      )}
    </section>
  );
}

function FlowError({
  error,
  onRestart,
  busy,
}: {
  error: unknown;
  onRestart: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  if (!error) return null;
  const own = signatureError(error);
  if (!own) return <ErrorMessage error={error} />;
  return (
    <div className="notice notice-error" role="alert">
      <p>{"key" in own ? t(own.key) : own.text}</p>
      {isApiError(error) && error.code === "terms_outdated" && (
        <button type="button" className="button-secondary" onClick={onRestart} disabled={busy}>
          {t("signature.restart")}
        </button>
      )}
    </div>
  );
}

function StepHeading({ focus, children }: { focus: boolean; children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <h2 ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}

function TermsStep({
  state,
  focus,
  busy,
  onAccept,
}: {
  state: SignatureState;
  focus: boolean;
  busy: boolean;
  onAccept: (read: boolean) => void;
}) {
  const { t } = useI18n();
  const consentId = useId();
  const [read, setRead] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!agreed) {
      setMissing(true);
      return;
    }
    // Sent as it is: the API records whether the terms were read to the end, and
    // refuses them otherwise (terms_not_read).
    onAccept(read);
  };

  return (
    <>
      <StepHeading focus={focus}>{t("signature.step.terms")}</StepHeading>
      <p role="status">{read ? t("signature.terms.read") : t("signature.terms.intro")}</p>
      <PdfView
        url={sameOriginPath(state.terms.url)}
        label={t("signature.pdf.terms", { version: state.terms.version })}
        onReadToEnd={() => setRead(true)}
      />
      <form className="form" onSubmit={submit} noValidate>
        <div className="checkbox consent">
          <input
            id={consentId}
            type="checkbox"
            checked={agreed}
            aria-invalid={missing && !agreed ? true : undefined}
            aria-describedby={missing && !agreed ? `${consentId}-error` : undefined}
            onChange={(event) => {
              setAgreed(event.target.checked);
              setMissing(false);
            }}
          />
          <label htmlFor={consentId}>{state.consent}</label>
        </div>
        {missing && !agreed && (
          <p className="field-errors" id={`${consentId}-error`}>
            {t("signature.terms.consentRequired")}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {t("signature.terms.accept")}
        </button>
      </form>
    </>
  );
}

function CodeStep({
  state,
  sent,
  focus,
  busy,
  sending,
  signing,
  onSend,
  onConfirm,
}: {
  state: SignatureState;
  sent: CodeSent | null;
  focus: boolean;
  busy: boolean;
  sending: boolean;
  signing: boolean;
  onSend: () => void;
  onConfirm: (code: string) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [value, setValue] = useState("");
  const [short, setShort] = useState(false);
  const codeSent = state.status === "code_sent";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.length !== CODE_LENGTH) {
      setShort(true);
      return;
    }
    onConfirm(value);
  };

  let where: string;
  if (sent) {
    where = t(sent.channel === "sms" ? "signature.code.sentSms" : "signature.code.sentEmail", {
      destination: sent.destination,
      time: format.time(sent.expires_at),
    });
  } else if (codeSent) {
    where = t("signature.code.sentEarlier");
  } else {
    where = t(sending ? "app.loading" : "signature.code.notSent");
  }

  return (
    <>
      <StepHeading focus={focus}>{t("signature.step.code")}</StepHeading>
      <p role="status">{where}</p>
      {codeSent && (
        <form className="form" onSubmit={submit} noValidate>
          <Field
            label={t("signature.code.label")}
            help={t("signature.code.help")}
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={value}
            onChange={(event) => {
              setValue(normalizeCode(event.target.value));
              setShort(false);
            }}
            errors={short ? [t("signature.code.format")] : []}
          />
          <button type="submit" className="button-primary" disabled={busy}>
            {signing ? t("signature.code.signing") : t("signature.code.submit")}
          </button>
        </form>
      )}
      <p>
        <button
          type="button"
          className={codeSent ? "button-secondary" : "button-primary"}
          onClick={onSend}
          disabled={busy}
        >
          {codeSent ? t("signature.code.resend") : t("signature.code.send")}
        </button>
      </p>
    </>
  );
}

function Ended({
  focus,
  text,
  busy,
  onRestart,
}: {
  focus: boolean;
  text: string;
  busy: boolean;
  onRestart: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <StepHeading focus={focus}>{t("signature.titleShort")}</StepHeading>
      <p>{text}</p>
      <button type="button" className="button-secondary" onClick={onRestart} disabled={busy}>
        {t("signature.restart")}
      </button>
    </>
  );
}

/** A signed record: the sealed PDF once the worker has made it (asked again until
 * then, for a while). */
function Signed({
  kind,
  record,
  justSigned,
}: {
  kind: Kind;
  record: Signable;
  justSigned: boolean;
}) {
  const { t } = useI18n();
  const signing = useSection("signature");
  const latest = record.signature;
  const [since] = useState(() => Date.now());
  const followed = latest && latest.status === "signed" && signing ? latest.id : null;
  const [waiting, setWaiting] = useState(true);
  const signature = useSignature(followed, waiting ? SEAL_POLL_MS : false);
  const sealed = signature.data?.signed_document ?? latest?.signed_document ?? null;
  const seal = sealState(sealed, Math.max(signature.dataUpdatedAt, since) - since);
  if (waiting && seal !== "sealing") setWaiting(false);

  return (
    <>
      <Success>
        {t(justSigned ? `signature.signed.${kind}` : `signature.alreadySigned.${kind}`)}
      </Success>
      {seal === "sealed" && sealed != null ? (
        <p>
          <a className="button-primary button-link" href={documentDownloadPath(sealed)} download>
            {t("signature.sealed")}
          </a>
        </p>
      ) : followed != null ? (
        <p role="status">{t(seal === "late" ? "signature.sealLate" : "signature.sealing")}</p>
      ) : null}
      {record.document != null && (
        <p>
          <a
            className="button-secondary button-link"
            href={documentDownloadPath(record.document)}
            download
          >
            {t("billing.pdf")}
            <span className="visually-hidden"> ({record.title})</span>
          </a>
        </p>
      )}
    </>
  );
}
