import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, setCsrfTokenSource } from "./api.ts";
import type { Me } from "./types.ts";

export const ME_QUERY_KEY = ["me"] as const;

/** A 401 `auth.required` anywhere means the session ended: forget the user so the shell sends them to sign in. */
function forgetUserWhenSessionEnded(client: () => QueryClient, error: unknown): void {
  if (error instanceof ApiError && error.status === 401 && error.code === "auth.required") {
    client().setQueryData<Me | null>(ME_QUERY_KEY, null);
  }
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => forgetUserWhenSessionEnded(() => client, error) }),
    mutationCache: new MutationCache({ onError: (error) => forgetUserWhenSessionEnded(() => client, error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not go away by asking again.
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  setCsrfTokenSource(() => client.getQueryData<Me | null>(ME_QUERY_KEY)?.csrfToken);
  return client;
}
