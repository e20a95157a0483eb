import { useI18n } from "../../../app/i18n";
import { Loading, LoadError } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { safeExternalUrl } from "../../../lib/menu";
import { useMe } from "../../auth/api/me";
import { Announcements } from "../../messages/components/Announcements";
import { useConfig, useHome } from "../../portal/api";

/** The portal's home: the agency's site, its HTML page or its welcome message. */
export default function Home() {
  const { t } = useI18n();
  const home = useHome();
  const config = useConfig();
  const me = useMe();
  const title = home.data?.title || config.data?.name || t("home.title");
  const firstName = me.data?.person.first_name;

  return (
    <Page title={title}>
      {firstName && <p className="hello">{t("home.hello", { name: firstName })}</p>}
      {home.isPending ? (
        <Loading />
      ) : home.isError ? (
        <LoadError error={home.error} retry={home.refetch} />
      ) : (
        <HomeContent home={home.data} />
      )}
      {/* Announcements (issue 14) */}
      <Announcements />
    </Page>
  );
}

function HomeContent({ home }: { home: NonNullable<ReturnType<typeof useHome>["data"]> }) {
  const { t } = useI18n();
  if (home.mode === "url" && home.url) {
    const url = safeExternalUrl(home.url);
    if (!url) return null;
    return (
      <p>
        <a className="button-primary button-link" href={url} target="_blank" rel="noopener">
          {t("home.open", { title: home.title })}
          <span className="visually-hidden"> {t("app.newWindow")}</span>
        </a>
      </p>
    );
  }
  if (home.mode === "html" && home.html) {
    // Sanitised by the server (home_pages.rendering): the agency's page as written
    // in the Wagtail editor.
    return <div className="home-html" dangerouslySetInnerHTML={{ __html: home.html }} />;
  }
  if (home.message) return <p className="home-message">{home.message}</p>;
  return null;
}
