import { Link } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Page } from "../../../components/Page";
import { PagedList } from "../../../components/PagedList";
import { SectionNav } from "../../../components/SectionNav";
import { useMenu } from "../../portal/api";
import { signaturePath } from "../../signature/lib/flow";
import { type BillingItem, documentDownloadPath, useRecords } from "../api/billing";
import { PayButton, StateText, useSection } from "../components/parts";
import { type BillingKind, countKey, payableOffline } from "../lib/words";

const CHILD: Record<BillingKind, string> = {
  quotes: "quotes",
  contracts: "contracts",
  invoices: "invoices",
};

/** « Mes devis », « Mes contrats », « Mes factures »: newest first, each with its
 * state and what can be done with it here (sign, pay). */
export default function BillingList({ kind }: { kind: BillingKind }) {
  const { t, lang } = useI18n();
  const menu = useMenu();
  const documents = menu.data?.sections.find((section) => section.key === "documents");
  const title =
    documents?.children.find((child) => child.key === CHILD[kind])?.label ??
    t(`billing.${kind}.title`);
  const records = useRecords(kind);

  return (
    <Page title={title}>
      {documents && documents.children.length > 1 && (
        <SectionNav section="documents" label={documents.label} items={documents.children} />
      )}
      <PagedList
        query={records}
        empty={t(`billing.${kind}.empty`)}
        count={(count) => t(countKey(kind, count, lang), { count })}
        className="documents billing"
        more={t("billing.more")}
        item={(record) => <RecordItem kind={kind} record={record} />}
      />
    </Page>
  );
}

function RecordItem({ kind, record }: { kind: BillingKind; record: BillingItem }) {
  const { t } = useI18n();
  const format = useFormat();
  const signing = useSection("signature");
  const paying = useSection("payment");
  const invoice = kind === "invoices";
  const dueLeft =
    invoice && record.amount_due_cents != null && record.amount_due_cents !== record.amount_cents;
  // A quote or contract to sign (once its PDF exists), or signed and shown again.
  const signed = record.status === "signed";
  const signable =
    !invoice && signing && (signed || (record.status === "pending" && record.document != null));
  // Screen readers list the buttons out of their item: each says which record it is for.
  const which = (
    <span className="visually-hidden"> ({t("billing.number", { number: record.number })})</span>
  );
  return (
    <li className="document record">
      <h2 className="document-title">{record.title}</h2>
      <p className="document-meta">
        <StateText kind={kind} status={record.status} />
        <span>{t("billing.number", { number: record.number })}</span>
        <span>{t("billing.issuedOn", { date: format.date(record.issued_on) })}</span>
        {invoice && record.due_on && (
          <span>{t("billing.dueOn", { date: format.date(record.due_on) })}</span>
        )}
      </p>
      <p className="amounts">
        <span>
          {t("billing.amount", { amount: format.amount(record.amount_cents, record.currency) })}
        </span>
        {dueLeft && record.status === "pending" && (
          <span>
            {t("billing.amountDue", {
              amount: format.amount(record.amount_due_cents ?? 0, record.currency),
            })}
          </span>
        )}
      </p>
      {invoice &&
        record.payable_online !== undefined &&
        payableOffline({
          status: record.status,
          payable_online: record.payable_online,
          amount_due_cents: record.amount_due_cents ?? 0,
        }) && <p className="muted">{t("billing.notOnline")}</p>}
      <div className="actions">
        {signable && (
          <Link
            className={signed ? "button-secondary button-link" : "button-primary button-link"}
            to={signaturePath(kind as "quotes" | "contracts", record.id)}
          >
            {t(`billing.${signed ? "signed" : "sign"}.${kind as "quotes" | "contracts"}`)}
            {which}
          </Link>
        )}
        {invoice && record.payable_online && paying && <PayButton invoice={record} />}
        {invoice && (
          <Link className="button-secondary button-link" to={`/factures/${record.id}`}>
            {t("billing.invoice.open")}
            {which}
          </Link>
        )}
        {record.document != null && (
          <a
            className="button-secondary button-link"
            href={documentDownloadPath(record.document)}
            download
          >
            {t("billing.pdf")}
            {which}
          </a>
        )}
      </div>
    </li>
  );
}
