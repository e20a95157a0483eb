import { useQuery } from "@tanstack/react-query";
import type { components } from "../../../api/schema";
import { api, call, portal } from "../../../lib/api";

export type SignatureState = components["schemas"]["SignatureState"];
export type CodeSent = components["schemas"]["SignatureCodeSent"];

export const signatureKey = (id: number) => ["signature", id] as const;

/** A signature request as it stands; `pollMs` while the sealed PDF is awaited. */
export function useSignature(id: number | null, pollMs: number | false = false) {
  return useQuery({
    queryKey: signatureKey(id ?? 0),
    queryFn: () =>
      call(
        api.GET("/api/v1/portals/{portal}/signatures/{id}", {
          params: { path: { ...portal(), id: id ?? 0 } },
        }),
      ),
    enabled: id != null,
    refetchInterval: pollMs,
  });
}

/** A new request for the quote or contract (any other one in progress is cancelled). */
export function openSignature(kind: "quotes" | "contracts", id: number): Promise<SignatureState> {
  return call(
    api.POST("/api/v1/portals/{portal}/signatures", {
      params: { path: portal() },
      body: kind === "quotes" ? { quote: id } : { contract: id },
    }),
  );
}

/** Accepts the terms; the API records whether they were read to the end. */
export function acceptTerms(
  id: number,
  version: string,
  readToEnd: boolean,
): Promise<SignatureState> {
  return call(
    api.POST("/api/v1/portals/{portal}/signatures/{id}/terms", {
      params: { path: { ...portal(), id } },
      body: { version, read_to_end: readToEnd },
    }),
  );
}

export function sendCode(id: number): Promise<CodeSent> {
  return call(
    api.POST("/api/v1/portals/{portal}/signatures/{id}/code", {
      params: { path: { ...portal(), id } },
    }),
  );
}

export function confirmCode(id: number, code: string): Promise<SignatureState> {
  return call(
    api.POST("/api/v1/portals/{portal}/signatures/{id}/confirm", {
      params: { path: { ...portal(), id } },
      body: { code },
    }),
  );
}
