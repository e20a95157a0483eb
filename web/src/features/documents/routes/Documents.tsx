import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Field, SelectField } from "../../../components/Field";
import { FilterForm } from "../../../components/FilterForm";
import { Page } from "../../../components/Page";
import { PagedList } from "../../../components/PagedList";
import { SectionNav } from "../../../components/SectionNav";
import { sameOriginPath } from "../../../lib/api";
import { dayInZone, pluralForm } from "../../../lib/format";
import { documentSlug } from "../../../lib/menu";
import { useMenu } from "../../portal/api";
import { type DocumentFilters, type PortalDocument, useDocuments } from "../api/documents";

type Section = "documents" | "administrative";

const YEARS_OFFERED = 10;

/** « Mes documents » (clients) and « Mon administratif » (care workers): all the
 * section's documents, or one category of it; year and title filters live in the
 * address so that Back and a shared link keep them. */
export default function Documents({ section }: { section: Section }) {
  const { t } = useI18n();
  const { category: slug } = useParams();
  const entry = documentSlug(section, slug);
  const menu = useMenu();
  const menuSection = menu.data?.sections.find((item) => item.key === section);
  const sectionLabel =
    menuSection?.label ?? t(section === "documents" ? "documents.title" : "documents.admin.title");
  const childLabel = entry
    ? menuSection?.children.find((child) => child.key === entry.child)?.label
    : undefined;

  if (slug && !entry) {
    return (
      <Page title={sectionLabel}>
        <p>{t("documents.unknownCategory")}</p>
      </Page>
    );
  }

  return (
    <Page title={childLabel ?? (entry ? t(`category.${entry.category}`) : sectionLabel)}>
      {menuSection && menuSection.children.length > 1 && (
        <SectionNav section={section} label={sectionLabel} items={menuSection.children} />
      )}
      <DocumentList key={slug ?? ""} category={entry?.category} showCategory={!entry} />
    </Page>
  );
}

function DocumentList({
  category,
  showCategory,
}: {
  category: DocumentFilters["category"];
  showCategory: boolean;
}) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("annee")) || undefined;
  const search = params.get("recherche")?.trim() || undefined;
  const documents = useDocuments({ category, year, search });
  const filtered = year !== undefined || search !== undefined;

  return (
    <>
      <Filters
        year={year}
        search={search ?? ""}
        thisYear={Number(dayInZone(new Date(), format.timeZone).slice(0, 4))}
        onApply={(next) => {
          const query = new URLSearchParams();
          if (next.year) query.set("annee", String(next.year));
          if (next.search.trim()) query.set("recherche", next.search.trim());
          setParams(query);
        }}
        onReset={filtered ? () => setParams(new URLSearchParams()) : undefined}
      />
      <PagedList
        query={documents}
        empty={t(filtered ? "documents.emptyFiltered" : "documents.empty")}
        count={(count) => t(`documents.count.${pluralForm(lang, count)}`, { count })}
        className="documents"
        more={t("documents.more")}
        item={(document) => <DocumentItem document={document} showCategory={showCategory} />}
      />
    </>
  );
}

function Filters({
  year,
  search,
  thisYear,
  onApply,
  onReset,
}: {
  year: number | undefined;
  search: string;
  thisYear: number;
  onApply: (filters: { year: number | undefined; search: string }) => void;
  onReset?: () => void;
}) {
  const { t } = useI18n();
  const [draftYear, setDraftYear] = useState(year ? String(year) : "");
  const [draftSearch, setDraftSearch] = useState(search);
  const years = Array.from({ length: YEARS_OFFERED }, (_, index) => thisYear - index);
  if (year && !years.includes(year)) years.push(year);

  return (
    <FilterForm
      label={t("documents.filters")}
      apply={t("documents.apply")}
      reset={t("documents.reset")}
      onApply={() => onApply({ year: Number(draftYear) || undefined, search: draftSearch })}
      clear={() => {
        setDraftYear("");
        setDraftSearch("");
      }}
      onReset={onReset}
    >
      <SelectField
        label={t("documents.year")}
        value={draftYear}
        onChange={(event) => setDraftYear(event.target.value)}
        none={t("documents.allYears")}
        options={years.map((value) => ({ value, label: String(value) }))}
      />
      <Field
        label={t("documents.search")}
        type="search"
        value={draftSearch}
        maxLength={100}
        onChange={(event) => setDraftSearch(event.target.value)}
      />
    </FilterForm>
  );
}

function DocumentItem({
  document,
  showCategory,
}: {
  document: PortalDocument;
  showCategory: boolean;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const period = format.period(document.period, document.year);
  const size = format.size(document.size);
  return (
    <li className="document">
      <h2 className="document-title">{document.title}</h2>
      <p className="document-meta">
        {showCategory && <span>{t(`category.${document.category}`)}</span>}
        {period && <span>{period}</span>}
        <span>{t("documents.publishedOn", { date: format.date(document.published_at) })}</span>
        {size && <span>{size}</span>}
      </p>
      <a
        className="button-secondary button-link"
        href={sameOriginPath(document.download_url)}
        download
      >
        {t("documents.download")}
        <span className="visually-hidden"> {document.title}</span>
      </a>
    </li>
  );
}
