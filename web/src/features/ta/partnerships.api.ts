import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, queryString } from "../../app/api.ts";
import type { Sector } from "./ta.api.ts";

/** Shapes of the partnership registry (src/features/ta/partnerships.schema.ts). */
export const COLLABORATION_LEVELS = ["networking", "coordination", "cooperation", "collaboration"] as const;
export type CollaborationLevel = (typeof COLLABORATION_LEVELS)[number];
export const GEOGRAPHY_KINDS = ["community", "county", "region", "state"] as const;
export type GeographyKind = (typeof GEOGRAPHY_KINDS)[number];
export const DOCUMENT_KINDS = ["charter", "bylaws", "minutes", "agreement", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface PartnershipSummary {
  id: string;
  version: number;
  name: string;
  geographyKind: string;
  geographyName: string;
  county: string | null;
  stateCode: string | null;
  stewardOrganizationId: string;
  stewardOrganizationName: string;
  sectors: Sector[];
  memberCount: number;
  currentLevel: CollaborationLevel | null;
  canManage: boolean;
  updatedAt: string;
}

export interface PartnershipMember {
  id: string;
  name: string;
  sector: Sector;
  organizationId: string | null;
  organizationName: string | null;
  role: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface PartnershipDocumentEntry {
  id: string;
  title: string;
  kind: string;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  addedByName: string | null;
  addedAt: string;
}

export interface LevelAssessment {
  id: string;
  assessedOn: string;
  level: CollaborationLevel;
  note: string | null;
  recordedByName: string | null;
  recordedAt: string;
}

export interface Partnership extends PartnershipSummary {
  meetingSchedule: string | null;
  description: string | null;
  members: PartnershipMember[];
  documents: PartnershipDocumentEntry[];
  /** Newest first. */
  levels: LevelAssessment[];
  createdAt: string;
}

export interface PartnershipInput {
  name: string;
  geographyKind: GeographyKind;
  geographyName: string;
  county?: string | null;
  meetingSchedule?: string | null;
  description?: string | null;
}

export interface MemberInput {
  name: string;
  sector: Sector;
  role?: string | null;
  joinedOn?: string | null;
}

export type DocumentInput =
  | { title: string; kind: DocumentKind; url: string }
  | { title: string; kind: DocumentKind; fileName: string; contentType: string; contentBase64: string };

export const partnershipKeys = {
  all: ["partnerships"] as const,
  list: (filters: { q?: string; sector?: string }) => ["partnerships", "list", filters] as const,
  detail: (id: string) => ["partnerships", "detail", id] as const,
};

const base = (id: string) => `/api/partnerships/${encodeURIComponent(id)}`;

export function usePartnerships(filters: { q?: string; sector?: string }) {
  return useQuery({
    queryKey: partnershipKeys.list(filters),
    queryFn: () => api.get<{ items: PartnershipSummary[] }>(`/api/partnerships${queryString(filters)}`),
  });
}

export function usePartnership(id: string) {
  return useQuery({
    queryKey: partnershipKeys.detail(id),
    queryFn: () => api.get<Partnership>(base(id)),
    retry: false,
  });
}

export function partnershipDocumentUrl(partnershipId: string, docId: string): string {
  return `${base(partnershipId)}/documents/${encodeURIComponent(docId)}`;
}

/** Every write answers the whole partnership: the cache takes it as is. */
function usePartnershipWrite<T>(id: string, send: (body: T) => Promise<Partnership>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (partnership) => {
      client.setQueryData(partnershipKeys.detail(id), partnership);
      void client.invalidateQueries({ queryKey: ["partnerships", "list"] });
    },
  });
}

export function useCreatePartnership() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnershipInput) => api.post<Partnership>("/api/partnerships", body),
    onSuccess: (created) => {
      client.setQueryData(partnershipKeys.detail(created.id), created);
      void client.invalidateQueries({ queryKey: ["partnerships", "list"] });
    },
  });
}

export function useUpdatePartnership(id: string) {
  return usePartnershipWrite(id, (body: Partial<PartnershipInput> & { version: number }) =>
    apiRequest<Partnership>("PATCH", base(id), body),
  );
}

export function useAddMember(id: string) {
  return usePartnershipWrite(id, (body: MemberInput) => api.post<Partnership>(`${base(id)}/members`, body));
}

export function useRemoveMember(id: string) {
  return usePartnershipWrite(id, (memberId: string) =>
    api.delete<Partnership>(`${base(id)}/members/${encodeURIComponent(memberId)}`),
  );
}

export function useAddDocument(id: string) {
  return usePartnershipWrite(id, (body: DocumentInput) =>
    api.post<Partnership>(`${base(id)}/documents`, body),
  );
}

export function useRecordLevel(id: string) {
  return usePartnershipWrite(id, (body: { assessedOn: string; level: CollaborationLevel; note?: string }) =>
    api.post<Partnership>(`${base(id)}/levels`, body),
  );
}
