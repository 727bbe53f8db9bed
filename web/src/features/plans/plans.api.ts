import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, apiRequest, NETWORK_ERROR, queryString, UNREADABLE_RESPONSE } from "../../app/api.ts";
import { useSignedInMe } from "../../app/session.ts";
import type { ApiErrorDetail, ItemList } from "../../app/types.ts";
import type {
  AssigneeChoices,
  ImportResult,
  ItemChanges,
  ItemResult,
  NewItem,
  OrganizationSummary,
  PlanChange,
  PlanDocument,
  PlanShare,
  PlanSummary,
  ProgressNote,
  ShareRole,
  TemplateDefinition,
  TrackedItem,
} from "./plans.types.ts";

export interface PlanFilters {
  q: string;
  templateKey: string;
}

export type TrackedScope = "me" | "organizations";
export type TrackedState = "open" | "overdue" | "due_soon" | "all";

export const planKeys = {
  templates: ["templates"] as const,
  lists: ["plans", "list"] as const,
  list: (filters: PlanFilters) => ["plans", "list", filters] as const,
  detail: (planId: string) => ["plans", "detail", planId] as const,
  notes: (planId: string, itemId: string) => ["plans", "notes", planId, itemId] as const,
  history: (planId: string) => ["plans", "history", planId] as const,
  shares: (planId: string) => ["plans", "shares", planId] as const,
  assignees: (planId: string) => ["plans", "assignees", planId] as const,
  tracked: ["action-steps"] as const,
  myActionSteps: (scope: TrackedScope, state: TrackedState) =>
    ["action-steps", "mine", scope, state] as const,
  organizationDue: (state: "overdue" | "due_soon") => ["action-steps", "organization", state] as const,
  organizations: ["organizations"] as const,
  calendarFeed: ["calendar-feed"] as const,
};

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;
const itemPath = (planId: string, itemId: string) =>
  `${planPath(planId)}/items/${encodeURIComponent(itemId)}`;

export function useTemplates() {
  return useQuery({
    queryKey: planKeys.templates,
    queryFn: () => api.get<ItemList<TemplateDefinition>>("/api/templates"),
    staleTime: 10 * 60_000,
  });
}

export function usePlans(filters: PlanFilters) {
  return useQuery({
    queryKey: planKeys.list(filters),
    queryFn: () => api.get<ItemList<PlanSummary>>(`/api/plans${queryString({ ...filters })}`),
  });
}

export function usePlan(planId: string) {
  return useQuery({
    queryKey: planKeys.detail(planId),
    queryFn: () => api.get<PlanDocument>(planPath(planId)),
  });
}

export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      templateKey: string;
      title: string;
      periodStart?: string;
      periodEnd?: string;
      header?: Record<string, unknown>;
    }) => api.post<PlanDocument>("/api/plans", body),
    onSuccess: (plan) => {
      client.setQueryData(planKeys.detail(plan.id), plan);
      void client.invalidateQueries({ queryKey: planKeys.lists });
    },
  });
}

/** Stores the plan a write answered with, and marks what depends on it as stale. */
export function storePlan(client: QueryClient, plan: PlanDocument): void {
  client.setQueryData(planKeys.detail(plan.id), plan);
  void client.invalidateQueries({ queryKey: planKeys.history(plan.id) });
  void client.invalidateQueries({ queryKey: planKeys.lists });
  void client.invalidateQueries({ queryKey: planKeys.tracked });
}

export interface PlanChanges {
  title?: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  header?: Record<string, unknown>;
  sections?: Record<string, Record<string, unknown>>;
}

export function useUpdatePlan(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanChanges & { version: number }) =>
      apiRequest<PlanDocument>("PATCH", planPath(planId), body),
    onSuccess: (plan) => storePlan(client, plan),
  });
}

export function useCreateItem(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewItem) => api.post<ItemResult>(`${planPath(planId)}/items`, body),
    onSuccess: (result) => storePlan(client, result.plan),
  });
}

export function useUpdateItem(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: ItemChanges & { itemId: string; version: number }) =>
      apiRequest<ItemResult>("PATCH", itemPath(planId, itemId), body),
    onSuccess: (result, variables) => {
      storePlan(client, result.plan);
      if (variables.note || variables.status)
        void client.invalidateQueries({ queryKey: planKeys.notes(planId, variables.itemId) });
    },
  });
}

export function useMoveItem(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: { itemId: string; version: number; position: number }) =>
      api.post<PlanDocument>(`${itemPath(planId, itemId)}/move`, body),
    onSuccess: (plan) => storePlan(client, plan),
  });
}

export function useDeleteItem(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, version }: { itemId: string; version: number }) =>
      api.delete<PlanDocument>(`${itemPath(planId, itemId)}${queryString({ version })}`),
    onSuccess: (plan) => storePlan(client, plan),
  });
}

export function useNotes(planId: string, itemId: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.notes(planId, itemId),
    queryFn: () => api.get<ItemList<ProgressNote>>(`${itemPath(planId, itemId)}/notes`),
    enabled,
  });
}

export function useHistory(planId: string) {
  return useQuery({
    queryKey: planKeys.history(planId),
    queryFn: () => api.get<ItemList<PlanChange>>(`${planPath(planId)}/history`),
  });
}

export function useUndoChange(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changeId: string) =>
      api.post<PlanDocument>(`${planPath(planId)}/history/${encodeURIComponent(changeId)}/undo`),
    onSuccess: (plan) => storePlan(client, plan),
  });
}

export function useShares(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.shares(planId),
    queryFn: () => api.get<ItemList<PlanShare>>(`${planPath(planId)}/shares`),
    enabled,
  });
}

export function useSetShare(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ organizationId, role }: { organizationId: string; role: ShareRole | null }) => {
      const path = `${planPath(planId)}/shares/${encodeURIComponent(organizationId)}`;
      return role ? api.put<ItemList<PlanShare>>(path, { role }) : api.delete<ItemList<PlanShare>>(path);
    },
    onSuccess: (shares) => {
      client.setQueryData(planKeys.shares(planId), shares);
      void client.invalidateQueries({ queryKey: planKeys.assignees(planId) });
      void client.invalidateQueries({ queryKey: planKeys.lists });
    },
  });
}

export function useOrganizations(enabled = true) {
  return useQuery({
    queryKey: planKeys.organizations,
    queryFn: () => api.get<ItemList<OrganizationSummary>>("/api/organizations"),
    enabled,
  });
}

export function useAssignees(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.assignees(planId),
    queryFn: () => api.get<AssigneeChoices>(`${planPath(planId)}/assignees`),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useMyActionSteps(scope: TrackedScope, state: TrackedState) {
  return useQuery({
    queryKey: planKeys.myActionSteps(scope, state),
    queryFn: () => api.get<ItemList<TrackedItem>>(`/api/my/action-steps${queryString({ scope, state })}`),
  });
}

export function useOrganizationDue(state: "overdue" | "due_soon", enabled: boolean) {
  return useQuery({
    queryKey: planKeys.organizationDue(state),
    queryFn: () => api.get<ItemList<TrackedItem>>(`/api/plans-due${queryString({ state })}`),
    enabled,
  });
}

/** One-click status change from a list of tracked items (home page, my action steps). */
export function useQuickStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ item, status }: { item: TrackedItem; status: "in_progress" | "completed" }) =>
      apiRequest<ItemResult>("PATCH", itemPath(item.planId, item.id), { version: item.version, status }),
    onSuccess: (result) => storePlan(client, result.plan),
    // A stale version means the list is out of date too.
    onError: () => void client.invalidateQueries({ queryKey: planKeys.tracked }),
  });
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: planKeys.calendarFeed,
    queryFn: () => api.get<{ exists: boolean; createdAt: string | null }>("/api/calendar-feed"),
  });
}

export function useCreateCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ url: string }>("/api/calendar-feed"),
    onSuccess: () => void client.invalidateQueries({ queryKey: planKeys.calendarFeed }),
  });
}

export type ExportFormat = "docx" | "pdf" | "xlsx" | "csv";

export function exportHref(planId: string, format: ExportFormat, locale: string): string {
  return `${planPath(planId)}/export${queryString({ format, locale })}`;
}

/** CSV goes up as text/csv, which the JSON client does not send; errors are parsed the same way. */
async function postCsv(path: string, csv: string, csrfToken: string): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "text/csv", "x-csrf-token": csrfToken },
      credentials: "same-origin",
      body: csv,
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : "Network error");
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, UNREADABLE_RESPONSE, `HTTP ${response.status}`);
  }
  if (response.ok) return body as ImportResult;
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === "string") {
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    throw new ApiError(response.status, error.code, String(error.message ?? error.code), details);
  }
  throw new ApiError(response.status, UNREADABLE_RESPONSE, `HTTP ${response.status}`);
}

export function useImportCsv(planId: string) {
  const client = useQueryClient();
  const me = useSignedInMe();
  return useMutation({
    mutationFn: (csv: string) => postCsv(`${planPath(planId)}/import`, csv, me.csrfToken),
    onSuccess: (result) => storePlan(client, result.plan),
  });
}
