import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, cursorOf, portal } from "../../../lib/api";
import { type Conversation, messageFormData, type StatusFilter } from "../lib/messages";

export const MESSAGES_KEY = ["messages"] as const;
const conversationKey = (id: number) => [...MESSAGES_KEY, "conversation", id] as const;

/** `GET messages`, newest activity first, a cursor page at a time (« Voir plus »). */
export function useConversations(status: StatusFilter) {
  return useInfiniteQuery({
    queryKey: [...MESSAGES_KEY, "list", status ?? "all"],
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/portals/{portal}/messages", {
          params: { path: portal(), query: { status, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => cursorOf(page.next),
  });
}

/** `GET messages/{id}`: the conversation, its messages oldest first. */
export function useConversation(id: number) {
  return useQuery({
    queryKey: conversationKey(id),
    queryFn: () =>
      call(
        api.GET("/api/v1/portals/{portal}/messages/{id}", {
          params: { path: { ...portal(), id } },
        }),
      ),
    // `messages/abc` is no conversation: no request for it.
    enabled: id > 0,
  });
}

/** After a write or a read: the lists' order and unread counts, and the menu's. */
function useRefreshAfter() {
  const queryClient = useQueryClient();
  return (conversation?: Conversation) => {
    if (conversation) queryClient.setQueryData(conversationKey(conversation.id), conversation);
    void queryClient.invalidateQueries({ queryKey: [...MESSAGES_KEY, "list"] });
    void queryClient.invalidateQueries({ queryKey: ["menu"] });
  };
}

export interface Draft {
  subject?: string;
  body: string;
  files: File[];
}

/** `POST messages`: a new conversation with its first message. */
export function useStartConversation() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (draft: Draft) =>
      call(
        api.POST("/api/v1/portals/{portal}/messages", {
          params: { path: portal() },
          body: { subject: draft.subject ?? "", body: draft.body },
          bodySerializer: () => messageFormData(draft, draft.files),
        }),
      ),
    onSuccess: (conversation) => refresh(conversation),
  });
}

/** `POST messages/{id}/replies`. */
export function useReply(id: number) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (draft: Draft) =>
      call(
        api.POST("/api/v1/portals/{portal}/messages/{id}/replies", {
          params: { path: { ...portal(), id } },
          body: { body: draft.body },
          bodySerializer: () => messageFormData({ body: draft.body }, draft.files),
        }),
      ),
    onSuccess: (conversation) => refresh(conversation),
  });
}

/** `POST messages/{id}/read`: the agency's messages in it are read. */
export function useMarkRead(id: number) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/portals/{portal}/messages/{id}/read", {
          params: { path: { ...portal(), id } },
        }),
      ),
    onSuccess: () => refresh(),
  });
}

const SETTINGS_KEY = [...MESSAGES_KEY, "settings"] as const;

/** `GET messages/settings`: whether e-mails tell the person of new messages. */
export function useMessagingSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () =>
      call(api.GET("/api/v1/portals/{portal}/messages/settings", { params: { path: portal() } })),
  });
}

/** `PUT messages/settings`: the person's choice, for all their accounts. One save at
 * a time, in the order ticked, so that the last click is the one kept. */
export function useSaveMessagingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: "messages-settings" },
    mutationFn: (emailNotifications: boolean) =>
      call(
        api.PUT("/api/v1/portals/{portal}/messages/settings", {
          params: { path: portal() },
          body: { email_notifications: emailNotifications },
        }),
      ),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}

/** `GET announcements`: the agency's current announcements for this portal. */
export function useAnnouncements() {
  return useQuery({
    queryKey: ["announcements"],
    queryFn: () =>
      call(api.GET("/api/v1/portals/{portal}/announcements", { params: { path: portal() } })),
  });
}
