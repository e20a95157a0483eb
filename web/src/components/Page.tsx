import { type ReactNode, useEffect, useRef } from "react";
import { Link } from "react-router";
import { useConfig } from "../features/portal/api";

// The first page of a visit keeps the browser's own focus; later ones move it to
// their title so that screen readers announce the new page.
let firstPage = true;

/** A page: its one h1 and the document title. */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const config = useConfig();
  const portalName = config.data?.name;

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
    } else {
      heading.current?.focus();
    }
  }, []);

  useEffect(() => {
    document.title = portalName ? `${title} – ${portalName}` : title;
  }, [title, portalName]);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

/** A page that goes no further (unknown address, failed read): what happened, then
 * the link back. */
export function DeadEnd({
  title,
  back,
  backTo,
  children,
}: {
  title: string;
  back: string;
  backTo: string;
  children: ReactNode;
}) {
  return (
    <Page title={title}>
      {children}
      <p>
        <Link to={backTo}>{back}</Link>
      </p>
    </Page>
  );
}
