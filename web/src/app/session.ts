import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { useNavigate } from "react-router";
import { ApiError, api } from "./api.ts";
import { ME_QUERY_KEY } from "./queryClient.ts";
import type { Me, Membership } from "./types.ts";

/** The signed-in user, or null when there is no session (the API answered 401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>("/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** Stores a fresh Me answer (sign-in, switching organization or language all return one). */
export function storeMe(client: QueryClient, me: Me | null): void {
  client.setQueryData<Me | null>(ME_QUERY_KEY, me);
}

export function activeMembership(me: Me): Membership | undefined {
  return me.memberships.find((m) => m.organizationId === me.activeOrganizationId);
}

/**
 * The signed-in shell hands Me down through context, so pages below it never see a missing user: when the
 * session ends the shell itself re-renders first and unmounts them.
 */
export const SignedInMeContext = createContext<Me | null>(null);

export function useSignedInMe(): Me {
  const me = useContext(SignedInMeContext);
  if (!me) throw new Error("useSignedInMe() used outside the signed-in shell");
  return me;
}

export function useIsAdmin(): boolean {
  const me = useSignedInMe();
  return activeMembership(me)?.role === "admin";
}

export function useSwitchOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string) => api.put<Me>("/api/me/active-organization", { organizationId }),
    onSuccess: async (me) => {
      storeMe(client, me);
      // Everything cached belongs to the previous organization.
      await client.invalidateQueries();
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.delete("/api/session"),
    onSettled: (_data, error) => {
      // Even if the server already forgot the session, the browser should look signed out.
      if (error && !(error instanceof ApiError && error.status === 401)) return;
      // Leave the signed-in pages first, then forget everything cached for this user.
      navigate("/sign-in", { replace: true });
      client.removeQueries();
      storeMe(client, null);
    },
  });
}

/** Only same-site paths are allowed as a place to return to after signing in. */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
