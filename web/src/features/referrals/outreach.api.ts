import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../app/api.ts";
import { referralKeys } from "./referrals.api.ts";

export interface ProviderLink {
  hsdsOrganizationId: string;
  name: string;
  linkedAt: string;
}

const linkKeys = { all: ["referral-provider-links"] as const };

export function useEmailReferral(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { to: string; familyAgreed: boolean; locale?: "en" | "es" }) =>
      api.post<{ emailedTo: string; emailedAt: string }>(
        `/api/referrals/${encodeURIComponent(id)}/email`,
        body,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: referralKeys.detail(id) }),
  });
}

export function useProviderLinks() {
  return useQuery({
    queryKey: linkKeys.all,
    queryFn: () => api.get<{ items: ProviderLink[] }>("/api/referral-provider-links"),
  });
}

export function useLinkProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (hsdsOrganizationId: string) =>
      api.post<ProviderLink>("/api/referral-provider-links", { hsdsOrganizationId }),
    onSuccess: () => client.invalidateQueries({ queryKey: linkKeys.all }),
  });
}

export function useUnlinkProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (hsdsOrganizationId: string) =>
      api.delete(`/api/referral-provider-links/${encodeURIComponent(hsdsOrganizationId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: linkKeys.all }),
  });
}
