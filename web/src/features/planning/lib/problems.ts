/** A refused planning write, in words: what happened, then what the server said
 * or what to do. */
import { errorText, isApiError } from "../../../lib/errors";
import type { Translate } from "../../../locales";

export interface Problem {
  title: string;
  detail?: string;
}

export function planningProblem(error: unknown, t: Translate): Problem {
  if (!isApiError(error) || error.status === 0) return { title: errorText(error, t) };
  switch (error.status) {
    case 409:
      // The server names the item in the way (« Chevauchement avec l'intervention
      // du 18/11/2026 de 08:00 à 10:00. »).
      return error.code === "overlap"
        ? { title: t("planning.error.overlap"), detail: error.serverMessage || undefined }
        : { title: errorText(error, t) };
    case 412:
      return { title: t("planning.error.stale") };
    case 403:
      return {
        title: error.serverMessage || t("error.action_not_allowed"),
        detail: t("planning.error.forbiddenHelp"),
      };
    case 428:
      return { title: t("planning.error.precondition") };
    default:
      return { title: errorText(error, t) };
  }
}
