import { pluralForm } from "../../../lib/format";
import type { Lang, Translate } from "../../../locales";

/** « 2 non lus » after « Messages » in the menu and after a conversation's subject,
 * for screen readers (the badge shows the number only); "" for none. Apart from the
 * messages pages' logic: the menu, in the first load, needs only this. */
export function unreadText(count: number | undefined, lang: Lang, t: Translate): string {
  if (!count || count < 1) return "";
  return t(`messages.unread.${pluralForm(lang, count)}`, { count });
}
