import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../../../lib/errors";
import { translate, type MessageKey, type Vars } from "../../../locales";
import {
  ATTACHMENT_MAX_BYTES,
  formatCount,
  formatDay,
  formatLimit,
  fileProblems,
  hasUnreadFromAgency,
  messageFormData,
  type Message,
  sendErrorText,
  sendRefusal,
  statusFromSlug,
  waitIn,
  waitText,
} from "./messages";
import { unreadText } from "./unread";

const fr = (key: MessageKey, vars?: Vars) => translate("fr", key, vars);
const en = (key: MessageKey, vars?: Vars) => translate("en", key, vars);

function message(side: "person" | "agency", read: boolean): Message {
  return {
    id: 1,
    body: "Bonjour",
    author: { side, name: side === "agency" ? "Marie" : "Camille" },
    created_at: "2026-11-28T09:00:00Z",
    read,
    attachments: [],
  };
}

describe("unread counts in words", () => {
  it("follows French plural rules", () => {
    expect(unreadText(1, "fr", fr)).toBe("1 non lu");
    expect(unreadText(2, "fr", fr)).toBe("2 non lus");
    expect(unreadText(2, "en", en)).toBe("2 unread");
  });

  it("says nothing for none", () => {
    expect(unreadText(0, "fr", fr)).toBe("");
    expect(unreadText(undefined, "fr", fr)).toBe("");
  });
});

describe("marking read", () => {
  it("is needed only for the agency's unread messages", () => {
    expect(
      hasUnreadFromAgency({ messages: [message("person", false), message("agency", false)] }),
    ).toBe(true);
    // The person's own unread messages are the agency's to read.
    expect(
      hasUnreadFromAgency({ messages: [message("person", false), message("agency", true)] }),
    ).toBe(false);
    expect(hasUnreadFromAgency({ messages: [] })).toBe(false);
  });
});

describe("chosen files", () => {
  it("refuses what the server would: too large, empty, not an accepted type", () => {
    expect(
      fileProblems([
        { name: "ordonnance.pdf", size: 1000 },
        { name: "Photo.JPEG", size: 2000 },
        { name: "scan.pdf", size: ATTACHMENT_MAX_BYTES + 1 },
        { name: "vide.png", size: 0 },
        { name: "script.exe", size: 10 },
        { name: "sans-extension", size: 10 },
      ]),
    ).toEqual([
      { name: "scan.pdf", problem: "too_large" },
      { name: "vide.png", problem: "empty" },
      { name: "script.exe", problem: "type" },
      { name: "sans-extension", problem: "type" },
    ]);
  });

  it("accepts a file exactly at the limit", () => {
    expect(fileProblems([{ name: "a.pdf", size: ATTACHMENT_MAX_BYTES }])).toEqual([]);
  });
});

describe("waiting after too many messages", () => {
  it("rounds up to whole minutes, then hours", () => {
    expect(waitIn(1)).toEqual({ unit: "minutes", count: 1 });
    expect(waitIn(90)).toEqual({ unit: "minutes", count: 2 });
    expect(waitIn(3600)).toEqual({ unit: "hours", count: 1 });
    expect(waitIn(3000)).toEqual({ unit: "minutes", count: 50 });
    expect(waitIn(7200)).toEqual({ unit: "hours", count: 2 });
    expect(waitIn(6000)).toEqual({ unit: "hours", count: 2 });
  });

  it("says the wait in natural French", () => {
    expect(waitText(3600, "fr", fr)).toBe("1 heure");
    expect(waitText(120, "fr", fr)).toBe("2 minutes");
    expect(waitText(60, "fr", fr)).toBe("1 minute");
  });
});

describe("refused sends", () => {
  const closed = new ApiError(409, { error: { code: "conversation_closed", message: "fermée" } });
  const throttled = new ApiError(
    429,
    { error: { code: "too_many_requests", message: "beaucoup" } },
    3600,
  );

  it("tells a closed conversation, a throttle and a body too large apart", () => {
    expect(sendRefusal(closed)).toBe("closed");
    expect(sendRefusal(throttled)).toBe("throttled");
    expect(sendRefusal(new ApiError(413, null))).toBe("too_large");
    expect(
      sendRefusal(
        new ApiError(400, { error: { code: "invalid", fields: { body: ["Trop long"] } } }),
      ),
    ).toBe("other");
    expect(sendRefusal(new NetworkError())).toBe("other");
    expect(sendRefusal(new Error("x"))).toBe("other");
  });

  it("gives the wait from Retry-After when the server sent it", () => {
    expect(sendErrorText(throttled, "fr", fr)).toBe(
      "Vous avez envoyé beaucoup de messages en peu de temps. Vous pourrez écrire de nouveau dans 1 heure.",
    );
    const noWait = new ApiError(429, { error: { code: "too_many_requests" } });
    expect(sendErrorText(noWait, "fr", fr)).toBe(
      "Vous avez envoyé beaucoup de messages en peu de temps. Réessayez plus tard.",
    );
  });

  it("leaves other refusals to the generic sentence", () => {
    expect(sendErrorText(closed, "fr", fr)).toContain("fermée");
    expect(sendErrorText(new ApiError(400, { error: { code: "invalid" } }), "fr", fr)).toBeNull();
  });
});

describe("the multipart body", () => {
  it("carries the subject, the text and every file under `attachments`", () => {
    const files = [new Blob(["%PDF-1.4"]), new Blob(["png"])];
    const data = messageFormData({ subject: "  Horaires  ", body: "Bonjour\nMerci" }, files);
    expect(data.get("subject")).toBe("Horaires");
    expect(data.get("body")).toBe("Bonjour\nMerci");
    expect(data.getAll("attachments")).toHaveLength(2);
  });

  it("has no subject for a reply", () => {
    const data = messageFormData({ body: "Merci" });
    expect(data.has("subject")).toBe(false);
    expect(data.getAll("attachments")).toHaveLength(0);
  });
});

describe("dates and numbers", () => {
  it("reads an announcement's last day as a calendar day, in no time zone", () => {
    expect(formatDay("2026-12-25", "fr")).toBe("25 décembre 2026");
    expect(formatDay("2026-01-01", "en")).toBe("1 January 2026");
  });

  it("groups thousands the French way", () => {
    expect(formatCount(5000, "fr").replace(/\s/g, " ")).toBe("5 000");
  });

  it("maps the status filter in the address to the API's", () => {
    expect(statusFromSlug("ouvertes")).toBe("open");
    expect(statusFromSlug("fermees")).toBe("closed");
    expect(statusFromSlug("autre")).toBeUndefined();
    expect(statusFromSlug(null)).toBeUndefined();
  });
});

describe("the upload limit in words", () => {
  it("says the server's binary megabytes as it does", () => {
    expect(formatLimit(20 * 1024 * 1024, "fr").replace(/\s/g, " ")).toBe("20 Mo");
    expect(formatLimit(20 * 1024 * 1024, "en")).toBe("20 MB");
  });
});

describe("the attachment size limit", () => {
  it("is the one the server publishes in config, when given", () => {
    const file = { name: "scan.pdf", size: 2_000_000 };
    expect(fileProblems([file], 1_000_000)).toEqual([{ name: "scan.pdf", problem: "too_large" }]);
    expect(fileProblems([file])).toEqual([]);
  });
});
