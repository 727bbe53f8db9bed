import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, queryString } from "../../app/api.ts";
import type { ItemList } from "../../app/types.ts";

export type Intensity = "standard" | "intensive";
export type CaseStep = "intake" | "assessment" | "service_plan" | "monitoring" | "closed";
export interface Text2 {
  en: string;
  es: string;
}
export interface Due {
  dueOn: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface Instrument {
  key: string;
  version: number;
  name: Text2;
  scale: { min: number; max: number; labels: Text2[] };
  domains: { key: string; label: Text2; highRisk?: boolean; anchors: Text2[] }[];
  crisisKinds: { key: string; group: string; label: Text2 }[];
}

export interface FamilySummary {
  id: string;
  displayName: string;
  memberNames: string[];
  phone: string | null;
  preferredLanguage: string;
  status: string;
  step: CaseStep;
  intensity: Intensity | null;
  inCrisis: boolean;
  childrenUnderFive: number;
  caseManagerUserId: string | null;
  caseManagerName: string | null;
  lastContactOn: string | null;
  contactDue: Due | null;
  reassessmentDue: Due | null;
  nextAction: string;
  version: number;
}

export interface Goal {
  goal: string;
  domain?: string;
  steps: { action: string; who: string; when: string }[];
  servicesNeeded: string[];
}
export interface ServicePlan {
  id: string;
  revision: number;
  status: "pending_approval" | "active" | "superseded";
  goals: Goal[];
  disengagement: { when: string; how: string; needs: string };
  changeNote: string | null;
  createdAt: string;
  createdByName: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
}

export interface FamilyDocument {
  id: string;
  organizationId: string;
  organizationName: string;
  displayName: string;
  preferredLanguage: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  referralSource: string | null;
  referralDate: string | null;
  program: string | null;
  enrollmentDate: string | null;
  caseManagerUserId: string | null;
  caseManagerName: string | null;
  status: "open" | "closed";
  step: CaseStep;
  intensity: Intensity | null;
  intensityReason: string | null;
  intensityDecidedAt: string | null;
  suggestedIntensity: { level: Intensity; reasons: string[] } | null;
  contactDue: Due | null;
  reassessmentDue: Due | null;
  requirePlanApproval: boolean;
  members: {
    id: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string | null;
    age: number | null;
    underFive: boolean;
    relationship: string;
    preferredLanguage: string | null;
    phone: string | null;
  }[];
  assessments: {
    id: string;
    assessedOn: string;
    scores: Record<string, number>;
    crisisKinds: string[];
    total: number;
    average: number;
    needs: string[];
    suggestedIntensity: Intensity;
    notes: string | null;
    assessedByName: string | null;
  }[];
  servicePlan: ServicePlan | null;
  planRevisions: ServicePlan[];
  contacts: {
    id: string;
    contactDate: string;
    kind: string;
    durationMinutes: number | null;
    notes: string;
    servicesReview: { service: string; appropriate: boolean; helpful: boolean; note?: string }[];
    createdByName: string | null;
  }[];
  closures: {
    id: string;
    closedOn: string;
    reason: string;
    goalsMet: string;
    maintenancePlan: string;
    anticipatedNeeds: string;
    whereToSeekHelp: string;
    closedByName: string | null;
    reopenedAt: string | null;
    reopenReason: string | null;
  }[];
  version: number;
}

export interface Caseload {
  view: "mine" | "supervisor";
  families: FamilySummary[];
  counts: { open: number; contactsOverdue: number; reassessmentsDue: number; inCrisis: number };
  workers: {
    userId: string | null;
    name: string;
    open: number;
    intensive: number;
    standard: number;
    undecided: number;
    contactsOverdue: number;
    reassessmentsOverdue: number;
    inCrisis: number;
  }[];
}

export interface FamilyFilters {
  q: string;
  dateOfBirth: string;
  phone: string;
  status: string;
}

const familyPath = (id: string) => `/api/families/${encodeURIComponent(id)}`;
export const familyKeys = {
  all: ["families"] as const,
  list: (f: FamilyFilters) => ["families", "list", f] as const,
  detail: (id: string) => ["families", "detail", id] as const,
  caseload: (view: string) => ["families", "caseload", view] as const,
  instruments: ["assessment-instruments"] as const,
  settings: ["families", "settings"] as const,
};

export function useFamilies(filters: FamilyFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: familyKeys.list(filters),
    queryFn: () => api.get<ItemList<FamilySummary>>(`/api/families${queryString({ ...filters })}`),
  });
}

export function useFamily(id: string) {
  return useQuery({
    queryKey: familyKeys.detail(id),
    queryFn: () => api.get<FamilyDocument>(familyPath(id)),
  });
}

export function useCaseload(view: "mine" | "supervisor") {
  return useQuery({
    queryKey: familyKeys.caseload(view),
    queryFn: () => api.get<Caseload>(`/api/caseload${queryString({ view })}`),
  });
}

export function useInstruments() {
  return useQuery({
    queryKey: familyKeys.instruments,
    queryFn: () => api.get<{ items: Instrument[] }>("/api/assessment-instruments"),
    staleTime: 10 * 60_000,
  });
}

export function useFamilySettings() {
  return useQuery({
    queryKey: familyKeys.settings,
    queryFn: () => api.get<{ requirePlanApproval: boolean; canManage: boolean }>("/api/family-settings"),
  });
}

export function useUpdateFamilySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { requirePlanApproval: boolean }) => api.put("/api/family-settings", body),
    onSuccess: () => client.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

export function useCreateFamily() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.post<FamilyDocument>("/api/families", body),
    onSuccess: (family) => {
      client.setQueryData(familyKeys.detail(family.id), family);
      void client.invalidateQueries({ queryKey: ["families", "list"] });
    },
  });
}

type Method = "POST" | "PUT" | "PATCH";

/** Any change to one family: the answer is the whole record, which replaces the cached one. */
export function useFamilyAction(id: string, method: Method, suffix: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      apiRequest<FamilyDocument>(method, `${familyPath(id)}${suffix}`, body ?? {}),
    onSuccess: (family) => {
      client.setQueryData(familyKeys.detail(id), family);
      void client.invalidateQueries({ queryKey: ["families", "list"] });
      void client.invalidateQueries({ queryKey: ["families", "caseload"] });
    },
  });
}

export interface MemberFields {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  relationship: string;
  phone: string | null;
}

/** A change to one household member: add (no memberId), correct, or remove. Carries the family's version. */
export type MemberChange =
  | { kind: "add"; version: number; fields: MemberFields }
  | { kind: "update"; version: number; memberId: string; fields: Partial<MemberFields> }
  | { kind: "remove"; version: number; memberId: string };

export function useMemberChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: MemberChange) => {
      const base = `${familyPath(id)}/members`;
      if (change.kind === "add") {
        return apiRequest<FamilyDocument>("POST", base, { version: change.version, ...change.fields });
      }
      const path = `${base}/${encodeURIComponent(change.memberId)}`;
      if (change.kind === "update") {
        return apiRequest<FamilyDocument>("PATCH", path, { version: change.version, ...change.fields });
      }
      return apiRequest<FamilyDocument>("DELETE", `${path}${queryString({ version: change.version })}`);
    },
    onSuccess: (family) => {
      client.setQueryData(familyKeys.detail(id), family);
      void client.invalidateQueries({ queryKey: ["families", "list"] });
      void client.invalidateQueries({ queryKey: ["families", "caseload"] });
    },
  });
}

export const servicePlanPdfUrl = (id: string, locale: "en" | "es") =>
  `${familyPath(id)}/service-plan.pdf?locale=${locale}`;
