import { en } from "./en";
import { fr, type MessageKey } from "./fr";

export type { MessageKey };
export type Lang = "fr" | "en";
export const LANGS: readonly Lang[] = ["fr", "en"];
export const DEFAULT_LANG: Lang = "fr";

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { fr, en };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The message in this language, `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = CATALOGUES[lang][key] ?? fr[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}
