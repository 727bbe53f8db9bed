import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, queryString } from "../../app/api.ts";

/** Shapes of docs/ta.md (src/features/ta/ta-requests.schema.ts): TA requests, engagements, overlaps, dashboard. */
export const SECTORS = [
  "health",
  "mental_health",
  "early_care_education",
  "family_support",
  "child_welfare",
  "parenting_education",
] as const;
export type Sector = (typeof SECTORS)[number];
export const TA_LEVELS = ["awareness", "implementation"] as const;
export type TaLevel = (typeof TA_LEVELS)[number];
export const RECIPIENT_KINDS = ["community", "partnership", "county", "state"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const REQUEST_STATUSES = [
  "open",
  "planned",
  "in_progress",
  "completed",
  "declined",
  "withdrawn",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const ENGAGEMENT_STATUSES = ["planned", "in_progress", "completed", "cancelled"] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export const OVERLAP_STATUSES = ["open", "dismissed", "linked"] as const;
export type OverlapStatus = (typeof OVERLAP_STATUSES)[number];

interface Recipient {
  recipientKind: RecipientKind;
  recipientName: string;
  recipientOrganizationId: string | null;
  recipientOrganizationName: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  county: string | null;
  stateCode: string;
}

export interface PossibleOverlap {
  overlapId: string;
  kind: "request" | "engagement";
  id: string;
  topic: string;
  recipientName: string;
  from: string;
  to: string;
  organizationName: string;
  similarity: number;
  reason: string;
  status: OverlapStatus;
}

export interface TaRequest extends Recipient {
  id: string;
  version: number;
  status: RequestStatus;
  availableMoves: RequestStatus[];
  organizationId: string;
  organizationName: string;
  topic: string;
  description: string | null;
  sectors: Sector[];
  level: TaLevel;
  wantedFrom: string;
  wantedTo: string;
  engagementCount: number;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface TaRequestDetail extends TaRequest {
  possibleOverlaps: PossibleOverlap[];
}

export interface TaEngagement extends Recipient {
  id: string;
  version: number;
  status: EngagementStatus;
  availableMoves: EngagementStatus[];
  providerOrganizationId: string;
  providerOrganizationName: string;
  requestId: string | null;
  requestTopic: string | null;
  topic: string;
  sectors: Sector[];
  level: TaLevel;
  startsOn: string;
  endsOn: string;
  activities: string | null;
  hours: number | null;
  participants: number | null;
  results: string | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface TaEngagementDetail extends TaEngagement {
  possibleOverlaps: PossibleOverlap[];
}

export interface RecipientInput {
  recipientKind: RecipientKind;
  recipientName: string;
  partnershipId?: string | null;
  county?: string | null;
}

export interface RequestInput extends RecipientInput {
  topic: string;
  description?: string | null;
  sectors: Sector[];
  level: TaLevel;
  wantedFrom: string;
  wantedTo: string;
}

export interface EngagementInput extends Partial<RecipientInput> {
  requestId?: string | null;
  topic?: string;
  sectors?: Sector[];
  level?: TaLevel;
  startsOn: string;
  endsOn: string;
  activities?: string | null;
  hours?: number | null;
  participants?: number | null;
  results?: string | null;
}

export interface OverlapSide {
  kind: "request" | "engagement";
  id: string;
  topic: string;
  recipientName: string;
  from: string;
  to: string;
  organizationName: string;
  status: string;
}

export interface TaOverlap {
  id: string;
  status: OverlapStatus;
  similarity: number;
  reason: string;
  stateCode: string;
  a: OverlapSide | null;
  b: OverlapSide | null;
  note: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  detectedAt: string;
}

export interface TaDashboard {
  stateCode: string;
  trainingsHeld: number;
  communitiesReached: number;
  communities: string[];
  engagementsByLevel: Record<TaLevel, number>;
  engagementsByStatus: Record<EngagementStatus, number>;
  engagementHours: number;
  participants: number;
  openRequests: { count: number; oldest: TaRequest[] };
  overlapsOpen: number;
}

export interface ListFilters {
  status?: string;
  level?: string;
  sector?: string;
  q?: string;
  requestId?: string;
}

export const taKeys = {
  all: ["ta"] as const,
  requests: (filters: ListFilters) => ["ta", "requests", filters] as const,
  request: (id: string) => ["ta", "request", id] as const,
  engagements: (filters: ListFilters) => ["ta", "engagements", filters] as const,
  engagement: (id: string) => ["ta", "engagement", id] as const,
  overlaps: (status: OverlapStatus) => ["ta", "overlaps", status] as const,
  dashboard: ["ta", "dashboard"] as const,
};

const path = (id: string) => encodeURIComponent(id);

export function useTaRequests(filters: ListFilters) {
  return useQuery({
    queryKey: taKeys.requests(filters),
    queryFn: () => api.get<{ items: TaRequest[] }>(`/api/ta/requests${queryString({ ...filters })}`),
  });
}

export function useTaRequest(id: string, enabled = true) {
  return useQuery({
    queryKey: taKeys.request(id),
    queryFn: () => api.get<TaRequestDetail>(`/api/ta/requests/${path(id)}`),
    retry: false,
    enabled,
  });
}

export function useTaEngagements(filters: ListFilters, enabled = true) {
  return useQuery({
    queryKey: taKeys.engagements(filters),
    queryFn: () => api.get<{ items: TaEngagement[] }>(`/api/ta/engagements${queryString({ ...filters })}`),
    enabled,
  });
}

export function useTaEngagement(id: string) {
  return useQuery({
    queryKey: taKeys.engagement(id),
    queryFn: () => api.get<TaEngagementDetail>(`/api/ta/engagements/${path(id)}`),
    retry: false,
  });
}

export function useTaOverlaps(status: OverlapStatus, enabled = true) {
  return useQuery({
    queryKey: taKeys.overlaps(status),
    queryFn: () => api.get<{ items: TaOverlap[] }>(`/api/ta/overlaps${queryString({ status })}`),
    enabled,
    retry: false,
  });
}

export function useTaDashboard() {
  return useQuery({
    queryKey: taKeys.dashboard,
    queryFn: () => api.get<TaDashboard>("/api/ta/dashboard"),
    retry: false,
  });
}

export function useCreateTaRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestInput) => api.post<TaRequestDetail>("/api/ta/requests", body),
    onSuccess: (created) => {
      client.setQueryData(taKeys.request(created.id), created);
      void client.invalidateQueries({ queryKey: taKeys.all });
    },
  });
}

export function useUpdateTaRequest(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<RequestInput> & { version: number; status?: RequestStatus }) =>
      apiRequest<TaRequestDetail>("PATCH", `/api/ta/requests/${path(id)}`, body),
    onSuccess: (updated) => {
      client.setQueryData(taKeys.request(id), updated);
      void client.invalidateQueries({ queryKey: taKeys.all });
    },
  });
}

export function useCreateTaEngagement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EngagementInput) => api.post<TaEngagementDetail>("/api/ta/engagements", body),
    onSuccess: (created) => {
      client.setQueryData(taKeys.engagement(created.id), created);
      void client.invalidateQueries({ queryKey: taKeys.all });
    },
  });
}

export function useUpdateTaEngagement(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<EngagementInput> & { version: number; status?: EngagementStatus }) =>
      apiRequest<TaEngagementDetail>("PATCH", `/api/ta/engagements/${path(id)}`, body),
    onSuccess: (updated) => {
      client.setQueryData(taKeys.engagement(id), updated);
      void client.invalidateQueries({ queryKey: taKeys.all });
    },
  });
}

export function useDecideOverlap() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: "dismiss" | "link"; note?: string }) =>
      api.post<TaOverlap>(`/api/ta/overlaps/${path(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: taKeys.all }),
  });
}
