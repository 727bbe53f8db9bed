import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../app/api.ts";
import type {
  ApiToken,
  AuditPage,
  CreatedApiToken,
  CreatedInvitation,
  ItemList,
  Member,
  OutboxMessage,
  Role,
} from "../../app/types.ts";

const organizationPath = (organizationId: string) =>
  `/api/organizations/${encodeURIComponent(organizationId)}`;

export const adminKeys = {
  members: (organizationId: string) => ["organizations", organizationId, "members"] as const,
  outbox: (organizationId: string) => ["organizations", organizationId, "outbox"] as const,
  apiTokens: (organizationId: string) => ["organizations", organizationId, "api-tokens"] as const,
  audit: (organizationId: string, filters: AuditFilters, cursor: string | null) =>
    ["organizations", organizationId, "audit-events", filters, cursor] as const,
};

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: adminKeys.members(organizationId),
    queryFn: () => api.get<ItemList<Member>>(`${organizationPath(organizationId)}/members`),
  });
}

export function useInvite(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      api.post<CreatedInvitation>(`${organizationPath(organizationId)}/invitations`, body),
    // The invitation e-mail lands in the outbox.
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.outbox(organizationId) }),
  });
}

export function useOutbox(organizationId: string) {
  return useQuery({
    queryKey: adminKeys.outbox(organizationId),
    queryFn: () => api.get<ItemList<OutboxMessage>>(`${organizationPath(organizationId)}/outbox`),
  });
}

export function useApiTokens(organizationId: string) {
  return useQuery({
    queryKey: adminKeys.apiTokens(organizationId),
    queryFn: () => api.get<ItemList<ApiToken>>(`${organizationPath(organizationId)}/api-tokens`),
  });
}

export function useCreateApiToken(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api.post<CreatedApiToken>(`${organizationPath(organizationId)}/api-tokens`, { name }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.apiTokens(organizationId) }),
  });
}

export function useRevokeApiToken(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      api.delete(`${organizationPath(organizationId)}/api-tokens/${encodeURIComponent(tokenId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.apiTokens(organizationId) }),
  });
}

export interface AuditFilters {
  action: string;
  /** yyyy-mm-dd, as date inputs give them and the API takes them (whole UTC days); empty for no bound. */
  from: string;
  to: string;
}

export const AUDIT_PAGE_SIZE = 25;

/** The audit log of the active organization (the server scopes it to the session's organization). */
export function useAuditEvents(organizationId: string, filters: AuditFilters, cursor: string | null) {
  return useQuery({
    queryKey: adminKeys.audit(organizationId, filters, cursor),
    queryFn: () =>
      api.get<AuditPage>(
        `/api/audit-events${queryString({
          action: filters.action.trim(),
          from: filters.from,
          to: filters.to,
          cursor,
          limit: AUDIT_PAGE_SIZE,
        })}`,
      ),
  });
}
