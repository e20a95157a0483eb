import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { setApiLanguage } from "../lib/api";
import { DEFAULT_LANG, isLang, type Lang, type Translate, translate } from "../locales";

// The reader's choice of language, not a credential: kept on the device.
const STORAGE_KEY = "portail.lang";

function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

function apply(lang: Lang): void {
  setApiLanguage(lang);
  document.documentElement.lang = lang;
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = storedLang();
    apply(initial);
    return initial;
  });

  const setLang = useCallback(
    (next: Lang) => {
      apply(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private browsing may refuse storage: the choice then lasts for this page.
      }
      setLangState(next);
      // Menu labels, home and error messages come from the server in its language.
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
