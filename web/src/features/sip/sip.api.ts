import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, NETWORK_ERROR, queryString, UNREADABLE_RESPONSE } from "../../app/api.ts";
import { useSignedInMe } from "../../app/session.ts";
import type { ApiErrorDetail, ItemList } from "../../app/types.ts";
import { planKeys } from "../plans/plans.api.ts";
import type {
  CheckResult,
  ComponentProgressList,
  MeasureList,
  MeasureSeries,
  ModeratedComment,
  PublicPlan,
  PublicPosting,
  ReviewComment,
  SipStatus,
  SubmittedSip,
  TeamCategory,
  TeamMember,
  TransitionField,
  VersionDiff,
  WorkflowState,
} from "./sip.types.ts";

export const sipKeys = {
  all: ["sip"] as const,
  checks: (planId: string) => ["sip", "checks", planId] as const,
  team: (planId: string) => ["sip", "team", planId] as const,
  workflow: (planId: string) => ["sip", "workflow", planId] as const,
  diff: (planId: string, from: number, to: number | "current") => ["sip", "diff", planId, from, to] as const,
  reviewComments: (planId: string) => ["sip", "review-comments", planId] as const,
  publicComments: (planId: string) => ["sip", "public-comments", planId] as const,
  stateReview: ["sip", "state-review"] as const,
  progress: (planId: string) => ["sip", "progress", planId] as const,
  publicPlan: (slug: string) => ["public-plan", slug] as const,
  measures: (county: string | null) => ["measures", "list", county] as const,
  series: (code: string, county: string | null) => ["measures", "series", code, county] as const,
};

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

export function useChecks(planId: string) {
  return useQuery({
    queryKey: sipKeys.checks(planId),
    queryFn: () => api.get<CheckResult>(`${planPath(planId)}/checks`),
  });
}

export function useTeam(planId: string) {
  return useQuery({
    queryKey: sipKeys.team(planId),
    queryFn: () => api.get<ItemList<TeamMember>>(`${planPath(planId)}/team`),
  });
}

export interface NewTeamMember {
  name: string;
  affiliation: string;
  category: TeamCategory;
  representative?: string | null;
  consulted?: string | null;
}

export function useAddTeamMember(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTeamMember) => api.post<TeamMember>(`${planPath(planId)}/team`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: sipKeys.team(planId) });
      void client.invalidateQueries({ queryKey: sipKeys.checks(planId) });
    },
  });
}

export function useRemoveTeamMember(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => api.delete(`${planPath(planId)}/team/${encodeURIComponent(memberId)}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: sipKeys.team(planId) });
      void client.invalidateQueries({ queryKey: sipKeys.checks(planId) });
    },
  });
}

export function useWorkflow(planId: string) {
  return useQuery({
    queryKey: sipKeys.workflow(planId),
    queryFn: () => api.get<WorkflowState>(`${planPath(planId)}/workflow`),
  });
}

export type TransitionInput = { to: SipStatus } & Partial<Record<TransitionField, string>>;

export function useTransition(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionInput) =>
      api.post<{ status: string }>(`${planPath(planId)}/transitions`, body),
    onSuccess: () => {
      // Status, versions, checks and progress all follow a move.
      void client.invalidateQueries({ queryKey: sipKeys.all });
      void client.invalidateQueries({ queryKey: planKeys.detail(planId) });
      void client.invalidateQueries({ queryKey: sipKeys.stateReview });
      void client.invalidateQueries({ queryKey: planKeys.lists });
    },
  });
}

export function useVersionDiff(planId: string, from: number | null, to: number | "current") {
  return useQuery({
    queryKey: sipKeys.diff(planId, from ?? 0, to),
    queryFn: () =>
      api.get<VersionDiff>(`${planPath(planId)}/versions/diff${queryString({ from: from ?? 0, to })}`),
    enabled: from !== null,
  });
}

export function useReviewComments(planId: string) {
  return useQuery({
    queryKey: sipKeys.reviewComments(planId),
    queryFn: () => api.get<ItemList<ReviewComment>>(`${planPath(planId)}/review-comments`),
  });
}

export function useAddReviewComment(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; itemId?: string; parentId?: string }) =>
      api.post<{ id: string }>(`${planPath(planId)}/review-comments`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: sipKeys.reviewComments(planId) }),
  });
}

export function useResolveReviewComment(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, resolved }: { commentId: string; resolved: boolean }) =>
      api.put(`${planPath(planId)}/review-comments/${encodeURIComponent(commentId)}/resolution`, {
        resolved,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: sipKeys.reviewComments(planId) }),
  });
}

export function useSubmittedSips() {
  return useQuery({
    queryKey: sipKeys.stateReview,
    queryFn: () => api.get<ItemList<SubmittedSip>>("/api/state-review/sips"),
  });
}

export function usePostPublicly(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { commentsOpenFrom: string; commentsOpenUntil: string }) =>
      api.put<PublicPosting>(`${planPath(planId)}/public-posting`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: sipKeys.workflow(planId) }),
  });
}

export function usePublicComments(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: sipKeys.publicComments(planId),
    queryFn: () => api.get<ItemList<ModeratedComment>>(`${planPath(planId)}/public-comments`),
    enabled,
  });
}

export function useModerateComment(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      commentId,
      ...body
    }: {
      commentId: string;
      status: "published" | "rejected";
      response?: string;
    }) => api.put(`${planPath(planId)}/public-comments/${encodeURIComponent(commentId)}`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: sipKeys.publicComments(planId) }),
  });
}

export function usePublicPlan(slug: string) {
  return useQuery({
    queryKey: sipKeys.publicPlan(slug),
    queryFn: () => api.get<PublicPlan>(`/api/public/plans/${encodeURIComponent(slug)}`),
    retry: false,
  });
}

export function useCreatePublicComment(slug: string) {
  return useMutation({
    mutationFn: (body: { name?: string; body: string }) =>
      api.post<{ id: string; status: string }>(
        `/api/public/plans/${encodeURIComponent(slug)}/comments`,
        body,
      ),
  });
}

export function useMeasures(county: string | null) {
  return useQuery({
    queryKey: sipKeys.measures(county),
    queryFn: () => api.get<MeasureList>(`/api/measures${queryString({ county })}`),
  });
}

export function useMeasureSeries(code: string, county: string | null) {
  return useQuery({
    queryKey: sipKeys.series(code, county),
    queryFn: () =>
      api.get<MeasureSeries>(`/api/measures/${encodeURIComponent(code)}/series${queryString({ county })}`),
  });
}

export function useSetNeedsImprovement(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { needsImprovement: boolean; reason: string }) =>
      api.put<MeasureSeries>(`/api/measures/${encodeURIComponent(code)}/needs-improvement`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["measures"] }),
  });
}

/** Files go up as their own media type (CSV or XLSX), which the JSON client does not send. */
async function postFile(path: string, file: File, csrfToken: string) {
  const type = /\.xlsx$/i.test(file.name)
    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    : "text/csv";
  let response: Response;
  try {
    response = await fetch(`${path}${queryString({ fileName: file.name.slice(0, 200) })}`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": type, "x-csrf-token": csrfToken },
      credentials: "same-origin",
      body: await file.arrayBuffer(),
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
  if (response.ok) return body as { importId: string; rows: number };
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === "string") {
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    throw new ApiError(response.status, error.code, String(error.message ?? error.code), details);
  }
  throw new ApiError(response.status, UNREADABLE_RESPONSE, `HTTP ${response.status}`);
}

export function useImportPerformance() {
  const client = useQueryClient();
  const me = useSignedInMe();
  return useMutation({
    mutationFn: (file: File) => postFile("/api/measures/performance/import", file, me.csrfToken),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["measures"] });
      void client.invalidateQueries({ queryKey: sipKeys.all });
    },
  });
}

export function useComponentProgress(planId: string) {
  return useQuery({
    queryKey: sipKeys.progress(planId),
    queryFn: () => api.get<ComponentProgressList>(`${planPath(planId)}/components/progress`),
  });
}
