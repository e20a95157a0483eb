/**
 * pdf.js, loaded only by the pages that show a PDF (its own lazy chunk, far above
 * the first-load budget). Its worker is a file of this build, served from 'self'
 * like every script (CSP `worker-src 'self' blob:`).
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

export interface LoadedPdf {
  pdf: PDFDocumentProxy;
  destroy: () => Promise<void>;
}

/** The PDF at `url` (same origin: the session cookie goes with it). */
export async function loadPdf(url: string): Promise<LoadedPdf> {
  const task = getDocument({
    url: new URL(url, window.location.href).href,
    // The page's CSP has no 'unsafe-eval' nor 'wasm-unsafe-eval': pdf.js then uses
    // its plain JavaScript paths instead of trying and being refused.
    isEvalSupported: false,
    useWasm: false,
  });
  const pdf = await task.promise;
  return { pdf, destroy: () => task.destroy() };
}

/** Draws one page at `cssWidth` pixels wide (sharp on dense screens) and gives its
 * text, which screen readers read instead of the picture. An aborted drawing stops
 * (a canvas takes one drawing at a time). */
export async function renderPage(
  pdf: PDFDocumentProxy,
  number: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
  signal: AbortSignal,
): Promise<string> {
  const page = await pdf.getPage(number);
  signal.throwIfAborted();
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const natural = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: (cssWidth / natural.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  const drawing = page.render({ canvas, viewport });
  const cancel = () => drawing.cancel();
  signal.addEventListener("abort", cancel);
  try {
    await drawing.promise;
  } finally {
    signal.removeEventListener("abort", cancel);
  }
  const content = await page.getTextContent();
  return content.items
    .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : ""))
    .join("")
    .trim();
}
