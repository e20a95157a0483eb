import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n";
import type { LoadedPdf } from "../lib/pdf";

interface PdfViewProps {
  /** The PDF, on this origin. */
  url: string;
  /** What the PDF is (the download link and the reading box say it). */
  label: string;
  /** Tells when the end of the box was reached. */
  onReadToEnd?: () => void;
}

type Status = "loading" | "ready" | "error";

/** A PDF shown in the page, page after page, the width of the column, in a box that
 * scrolls (the steps below it stay in reach); its text is there for screen readers,
 * and a download link for anyone who prefers the file. */
export function PdfView({ url, label, onReadToEnd }: PdfViewProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<LoadedPdf | null>(null);
  const [status, setStatus] = useState<Status>("loading");
  const [drawn, setDrawn] = useState(0);
  const readToEnd = useRef(onReadToEnd);
  readToEnd.current = onReadToEnd;

  useEffect(() => {
    let live = true;
    let current: LoadedPdf | null = null;
    setStatus("loading");
    setDrawn(0);
    import("../lib/pdf")
      .then(({ loadPdf }) => loadPdf(url))
      .then((result) => {
        current = result;
        if (live) setLoaded(result);
        else void result.destroy();
      })
      .catch(() => live && setStatus("error"));
    return () => {
      live = false;
      setLoaded(null);
      if (current) void current.destroy();
    };
  }, [url]);

  const pages = loaded?.pdf.numPages ?? 0;
  const complete = pages > 0 && drawn === pages;

  useEffect(() => {
    if (complete) setStatus("ready");
  }, [complete]);

  // Read to the end: the box's last line came into view once every page was drawn.
  useEffect(() => {
    if (!complete || !box.current || !end.current) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          readToEnd.current?.();
        }
      },
      { root: box.current },
    );
    observer.observe(end.current);
    return () => observer.disconnect();
  }, [complete]);

  return (
    <div className="pdf">
      {status === "loading" && (
        <p className="loading" role="status">
          {t("signature.pdf.loading")}
        </p>
      )}
      {status === "error" && (
        <div className="notice notice-error" role="alert">
          <p>{t("signature.pdf.error")}</p>
        </div>
      )}
      <div
        ref={box}
        className="pdf-pages"
        // A box that scrolls must be reachable and scrollable from the keyboard.
        tabIndex={0}
        role="region"
        aria-label={label}
        hidden={status === "error"}
      >
        {loaded &&
          Array.from({ length: pages }, (_, index) => (
            <PdfPage
              key={index}
              loaded={loaded}
              number={index + 1}
              pages={pages}
              onDrawn={() => setDrawn((count) => count + 1)}
              onError={() => setStatus("error")}
            />
          ))}
        <div ref={end} className="pdf-end" />
      </div>
      <p>
        <a className="button-secondary button-link" href={url} download>
          {t("signature.pdf.download")}
          <span className="visually-hidden"> : {label}</span>
        </a>
      </p>
    </div>
  );
}

function PdfPage({
  loaded,
  number,
  pages,
  onDrawn,
  onError,
}: {
  loaded: LoadedPdf;
  number: number;
  pages: number;
  onDrawn: () => void;
  onError: () => void;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [text, setText] = useState("");

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    const stop = new AbortController();
    const width = target.parentElement?.clientWidth || 600;
    import("../lib/pdf")
      .then(({ renderPage }) => renderPage(loaded.pdf, number, target, width, stop.signal))
      .then((pageText) => {
        if (stop.signal.aborted) return;
        setText(pageText);
        onDrawn();
      })
      .catch(() => {
        if (!stop.signal.aborted) onError();
      });
    return () => stop.abort();
    // Drawn once per document and page; the callbacks only count (inline arrows: a
    // new one each render, which must not draw the page again).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, number]);

  return (
    <div className="pdf-page">
      <canvas ref={canvas} aria-hidden="true" />
      <div className="visually-hidden">
        <p>{t("signature.pdf.page", { page: number, pages })}</p>
        <p>{text}</p>
      </div>
    </div>
  );
}
