import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../app/api.ts";
import type { AuditPage, ItemList, Locale } from "../../app/types.ts";

const familyPath = (id: string) => `/api/families/${encodeURIComponent(id)}`;

/** One access to a family's record, as the "who saw this record" report lists it (newest first). */
export interface AccessReportEntry {
  id: string;
  occurredAt: string;
  action: string;
  /** What happened, in the report's language. */
  what: string;
  kind: "read" | "export" | "shared_read" | "break_glass" | "change" | "other";
  who: string | null;
  organizationName: string | null;
  basis: "own_organization" | "consent" | "break_glass" | null;
  outcome: "success" | "denied" | "failure";
}

export interface AccessReport {
  familyId: string;
  familyName: string;
  organizationName: string;
  locale: Locale;
  generatedAt: string;
  entries: AccessReportEntry[];
}

export const accessReportPdfUrl = (familyId: string, locale: Locale) =>
  `${familyPath(familyId)}/access-report${queryString({ format: "pdf", locale })}`;
export const familyRecordUrl = (familyId: string, format: "json" | "pdf", locale: Locale) =>
  `${familyPath(familyId)}/record${queryString({ format, locale })}`;

export const privacyKeys = {
  accessReport: (familyId: string, locale: Locale) => ["privacy", "access-report", familyId, locale] as const,
  audit: (organizationId: string, filters: AuditSearch, cursor: string | null) =>
    ["organizations", organizationId, "audit-events", filters, cursor] as const,
  breakGlass: (status: BreakGlassStatus) => ["privacy", "break-glass", status] as const,
  retentionRules: ["privacy", "retention-rules"] as const,
};

/** The report in the page's language (the server writes "what happened" in it). */
export function useAccessReport(familyId: string, locale: Locale) {
  return useQuery({
    queryKey: privacyKeys.accessReport(familyId, locale),
    queryFn: () =>
      api.get<AccessReport>(
        `${familyPath(familyId)}/access-report${queryString({ format: "json", locale })}`,
      ),
  });
}

/** The audit log filters of docs/consent.md; empty strings are left out of the query. */
export interface AuditSearch {
  familyId: string;
  actorUserId: string;
  actorOrganizationId: string;
  action: string;
  outcome: string;
  /** yyyy-mm-dd (whole UTC days). */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditSearch = {
  familyId: "",
  actorUserId: "",
  actorOrganizationId: "",
  action: "",
  outcome: "",
  from: "",
  to: "",
};

export const AUDIT_PAGE_SIZE = 25;

function auditQuery(filters: AuditSearch): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, value.trim()]));
}

export const auditCsvUrl = (filters: AuditSearch) =>
  `/api/audit-events.csv${queryString(auditQuery(filters))}`;

/** The audit log of the active organization (the server scopes it to the session's organization). */
export function useFilteredAuditEvents(organizationId: string, filters: AuditSearch, cursor: string | null) {
  return useQuery({
    queryKey: privacyKeys.audit(organizationId, filters, cursor),
    queryFn: () =>
      api.get<AuditPage>(
        `/api/audit-events${queryString({ ...auditQuery(filters), cursor, limit: AUDIT_PAGE_SIZE })}`,
      ),
  });
}

export type BreakGlassStatus = "pending" | "reviewed" | "all";
export type BreakGlassOutcome = "justified" | "not_justified";

export interface BreakGlassAccessItem {
  id: string;
  familyId: string;
  familyName: string;
  user: { id: string; name: string; email: string };
  accessingOrganization: { id: string; name: string };
  reason: string;
  openedAt: string;
  expiresAt: string;
  /** The access has not expired yet. */
  open: boolean;
  review: {
    outcome: BreakGlassOutcome;
    note: string;
    reviewedBy: { id: string; name: string } | null;
    reviewedAt: string;
  } | null;
}

export function useBreakGlassAccesses(status: BreakGlassStatus) {
  return useQuery({
    queryKey: privacyKeys.breakGlass(status),
    queryFn: () =>
      api.get<ItemList<BreakGlassAccessItem>>(`/api/privacy/break-glass${queryString({ status })}`),
  });
}

export function useReviewBreakGlass() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; outcome: BreakGlassOutcome; note: string }) =>
      api.post<BreakGlassAccessItem>(`/api/privacy/break-glass/${encodeURIComponent(id)}/review`, body),
    onSettled: () => client.invalidateQueries({ queryKey: ["privacy", "break-glass"] }),
  });
}

export type RetentionRecordType = "closed_family" | "finished_referral" | "ended_consent_form";

export interface RetentionRule {
  recordType: RetentionRecordType;
  afterMonths: number;
  enabled: boolean;
  /** 0 until the organization first sets the rule. */
  version: number;
}

export const RETENTION_MAX_MONTHS = 600;

export type RetentionCounts = Record<RetentionRecordType, number>;

export interface RetentionPreview {
  asOf: string;
  /** Passed to apply, which refuses if what the preview lists has changed since. */
  previewId: string;
  rules: RetentionRule[];
  counts: RetentionCounts;
  items: {
    recordType: RetentionRecordType;
    recordId: string;
    familyId: string;
    label: string;
    endedOn: string;
    eligibleSince: string;
    /** Its rule is enabled: applying changes it. */
    enabled: boolean;
  }[];
}

export interface RetentionApplied {
  asOf: string;
  previewId: string;
  counts: RetentionCounts;
}

export function useRetentionRules() {
  return useQuery({
    queryKey: privacyKeys.retentionRules,
    queryFn: () => api.get<ItemList<RetentionRule>>("/api/privacy/retention-rules"),
  });
}

export function useUpdateRetentionRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      recordType,
      ...body
    }: {
      recordType: RetentionRecordType;
      afterMonths: number;
      enabled: boolean;
      /** The version the form loaded (0: the defaults); a stale one gets a conflict message. */
      version: number;
    }) => api.put<RetentionRule>(`/api/privacy/retention-rules/${encodeURIComponent(recordType)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.retentionRules }),
  });
}

export function usePreviewRetention() {
  return useMutation({
    mutationFn: () => api.get<RetentionPreview>("/api/privacy/retention/preview"),
  });
}

export function useApplyRetention() {
  return useMutation({
    mutationFn: (previewId: string) =>
      api.post<RetentionApplied>("/api/privacy/retention/apply", { previewId }),
  });
}
