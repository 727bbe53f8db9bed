import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../app/api.ts";
import type { ItemList, Locale } from "../../app/types.ts";

/** The vocabulary of docs/consent.md, in the order the server lists it (src/db/schema/consent.ts). */
export const DATA_CATEGORIES = [
  "identity_contact",
  "assessment",
  "service_plan",
  "contact_notes",
  "referral_details",
  "welfare_to_work_eligibility",
  "child_welfare_history",
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CONSENT_PURPOSES = ["service_coordination", "referral", "joint_case_planning"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ["signed_form", "typed_signature", "verbal"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const PROGRAM_RECORD_KINDS = ["welfare_to_work_eligibility", "child_welfare_history"] as const;
export type ProgramRecordKind = (typeof PROGRAM_RECORD_KINDS)[number];

export type ConsentState = "valid" | "not_yet_effective" | "expired" | "revoked";
export type WithheldReason =
  | "no_consent"
  | "purpose_not_covered"
  | "not_yet_effective"
  | "expired"
  | "revoked";

export interface NamedOrganization {
  id: string;
  name: string;
}

export interface Consent {
  id: string;
  version: number;
  familyId: string;
  organization: NamedOrganization;
  memberId: string | null;
  givenByName: string;
  receivingOrganizations: NamedOrganization[];
  categories: DataCategory[];
  purposes: ConsentPurpose[];
  effectiveOn: string;
  expiresOn: string | null;
  method: ConsentMethod;
  typedSignature: string | null;
  signedOn: string | null;
  witnessName: string | null;
  notes: string | null;
  signedForm: { fileName: string; contentType: string; sizeBytes: number; uploadedAt: string } | null;
  recordedByName: string | null;
  recordedAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revocationReason: string | null;
  state: ConsentState;
}

export const SIGNED_FORM_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type SignedFormType = (typeof SIGNED_FORM_TYPES)[number];
export const SIGNED_FORM_MAX_BYTES = 3 * 1024 * 1024;

export interface NewConsent {
  memberId: string | null;
  givenByName: string;
  receivingOrganizationIds: string[];
  categories: DataCategory[];
  purposes: ConsentPurpose[];
  effectiveOn: string;
  expiresOn: string | null;
  method: ConsentMethod;
  typedSignature?: string | null;
  signedOn?: string | null;
  witnessName?: string | null;
  signedForm?: { fileName: string; contentType: SignedFormType; dataBase64: string };
  notes?: string | null;
}

export interface ProgramRecord {
  id: string;
  kind: ProgramRecordKind;
  recordedOn: string;
  summary: string;
  recordedByName: string | null;
  createdAt: string;
}

export interface Withheld {
  category: DataCategory;
  reason: WithheldReason;
  /** The day the consent that covered it ended (expired or revoked), when there was one. */
  since: string | null;
}

export interface SharedFamilySummary {
  familyId: string;
  ownerOrganization: NamedOrganization;
  displayName: string | null;
  grants: { category: DataCategory; purpose: ConsentPurpose }[];
  expiresOn: string | null;
}

interface SharedRecord {
  recordedOn: string;
  summary: string;
}

export interface SharedFamily {
  familyId: string;
  ownerOrganization: NamedOrganization;
  purpose: ConsentPurpose;
  basis: "consent" | "break_glass";
  breakGlass: { id: string; expiresAt: string; reason: string } | null;
  consentIds: string[];
  sections: {
    identity_contact?: {
      displayName: string;
      preferredLanguage: string;
      phone: string | null;
      email: string | null;
      address: string | null;
      members: {
        firstName: string;
        lastName: string;
        dateOfBirth: string | null;
        relationship: string;
        preferredLanguage: string | null;
      }[];
    };
    assessment?: {
      intensity: string | null;
      assessments: {
        assessedOn: string;
        instrumentKey: string;
        scores: Record<string, number>;
        total: number;
        crisisKinds: string[];
        suggestedIntensity: string;
      }[];
    };
    service_plan?: {
      revision: number | null;
      goals: {
        goal: string;
        domain: string | null;
        steps: { action: string; who: string; when: string }[];
        servicesNeeded: string[];
      }[];
    };
    contact_notes?: { contacts: { contactDate: string; kind: string; notes: string }[] };
    referral_details?: {
      referrals: {
        serviceName: string;
        providerName: string | null;
        status: string;
        reason: string;
        sentAt: string;
      }[];
    };
    welfare_to_work_eligibility?: { records: SharedRecord[] };
    child_welfare_history?: { records: SharedRecord[] };
  };
  withheld: Withheld[];
}

export interface Organization {
  id: string;
  name: string;
  type: string;
  isMember: boolean;
}

const familyPath = (id: string) => `/api/families/${encodeURIComponent(id)}`;
const consentPath = (id: string) => `/api/consents/${encodeURIComponent(id)}`;

export const consentKeys = {
  consents: (familyId: string) => ["consents", "family", familyId] as const,
  programRecords: (familyId: string) => ["program-records", familyId] as const,
  organizations: ["organizations"] as const,
  shared: ["shared-families"] as const,
  sharedFamily: (id: string, purpose: ConsentPurpose) => ["shared-families", id, purpose] as const,
};

export function useConsents(familyId: string) {
  return useQuery({
    queryKey: consentKeys.consents(familyId),
    queryFn: () => api.get<ItemList<Consent>>(`${familyPath(familyId)}/consents`),
  });
}

export function useCreateConsent(familyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConsent) => api.post<Consent>(`${familyPath(familyId)}/consents`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: consentKeys.consents(familyId) }),
  });
}

export function useRevokeConsent(familyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; reason: string; version: number }) =>
      api.post<Consent>(`${consentPath(id)}/revocation`, body),
    // A 409 means someone else changed the consent: reload the list either way.
    onSettled: () => client.invalidateQueries({ queryKey: consentKeys.consents(familyId) }),
  });
}

export const consentSignedFormUrl = (id: string) => `${consentPath(id)}/signed-form`;
export const consentPdfUrl = (id: string, locale: Locale) => `${consentPath(id)}/pdf?locale=${locale}`;
export const blankConsentFormUrl = (receivingOrganizationId: string, locale: Locale) =>
  `/api/consent-form${queryString({ receivingOrganizationId, locale })}`;

export function useOrganizations() {
  return useQuery({
    queryKey: consentKeys.organizations,
    queryFn: () => api.get<ItemList<Organization>>("/api/organizations"),
    staleTime: 5 * 60_000,
  });
}

export function useProgramRecords(familyId: string) {
  return useQuery({
    queryKey: consentKeys.programRecords(familyId),
    queryFn: () => api.get<ItemList<ProgramRecord>>(`${familyPath(familyId)}/program-records`),
  });
}

export function useCreateProgramRecord(familyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: ProgramRecordKind; recordedOn: string; summary: string }) =>
      api.post<ProgramRecord>(`${familyPath(familyId)}/program-records`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: consentKeys.programRecords(familyId) }),
  });
}

export function useSharedFamilies() {
  return useQuery({
    queryKey: consentKeys.shared,
    queryFn: () => api.get<ItemList<SharedFamilySummary>>("/api/shared/families"),
  });
}

export function useSharedFamily(id: string, purpose: ConsentPurpose) {
  return useQuery({
    queryKey: consentKeys.sharedFamily(id, purpose),
    queryFn: () =>
      api.get<SharedFamily>(`/api/shared/families/${encodeURIComponent(id)}${queryString({ purpose })}`),
    // Consent is decided on every read: a denial is an answer, not a glitch to retry.
    retry: false,
  });
}

export function useBreakGlass(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; purpose: ConsentPurpose }) =>
      api.post<{ id: string; familyId: string; expiresAt: string }>(
        `/api/shared/families/${encodeURIComponent(id)}/break-glass`,
        body,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: consentKeys.shared }),
  });
}

export function isConsentPurpose(value: string | null): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value ?? "");
}
