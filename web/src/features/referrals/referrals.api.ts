import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../app/api.ts";
import type { Withheld } from "../consent/consent.api.ts";

export type ReferralStatus = "sent" | "accepted" | "declined" | "completed" | "not_completed" | "cancelled";
export type Side = "sender" | "receiver";

export interface Referral {
  id: string;
  version: number;
  status: ReferralStatus;
  side: Side;
  availableMoves: ReferralStatus[];
  offTrellis: boolean;
  senderOrganizationName: string;
  sentByName: string | null;
  receivingOrganizationName: string | null;
  service: { id: string; name: string; providerName: string | null; serviceAtLocationId: string | null };
  /** On the receiver's side a part is null when the family's consent does not cover it; `withheld` says why. */
  shared: {
    contactName: string | null;
    preferredLanguage: string | null;
    phone: string | null;
    reason: string | null;
  };
  withheld?: Withheld[];
  /** For the sender: what the receiving organization cannot see for want of consent. */
  withheldFromReceiver?: Withheld[];
  family: { id: string; displayName: string } | null;
  goal: { planRevision: number; goalIndex: number; text: string | null } | null;
  sentAt: string;
  emailedTo: string | null;
  emailedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  history: {
    fromStatus: ReferralStatus | null;
    toStatus: ReferralStatus;
    note: string | null;
    side: Side;
    actorName: string | null;
    occurredAt: string;
  }[];
}

export interface ProviderFigures {
  providerKey: string;
  providerName: string;
  sent: number;
  medianHoursToAccept: number | null;
  acceptanceRate: number | null;
  completionRate: number | null;
}

export interface NewReferral {
  familyId: string;
  goal?: { planRevision: number; goalIndex: number };
  serviceId: string;
  shared: { contactName: string; preferredLanguage: string; phone: string | null; reason: string };
}

/** The moves that need a note, and which: a reason or an outcome. */
export const NOTE_REQUIRED: Partial<Record<ReferralStatus, "reason" | "outcome">> = {
  declined: "reason",
  not_completed: "reason",
  completed: "outcome",
};

export const referralKeys = {
  all: ["referrals"] as const,
  family: (familyId: string) => ["referrals", "family", familyId] as const,
  sent: ["referrals", "sent"] as const,
  inbound: (status: "open" | "all") => ["referrals", "inbound", status] as const,
  detail: (id: string) => ["referrals", "detail", id] as const,
  figures: ["referrals", "figures"] as const,
};

export function useFamilyReferrals(familyId: string) {
  return useQuery({
    queryKey: referralKeys.family(familyId),
    queryFn: () => api.get<{ items: Referral[] }>(`/api/referrals${queryString({ familyId })}`),
  });
}

export function useSentReferrals() {
  return useQuery({
    queryKey: referralKeys.sent,
    queryFn: () => api.get<{ items: Referral[] }>("/api/referrals"),
  });
}

export function useInboundReferrals(status: "open" | "all") {
  return useQuery({
    queryKey: referralKeys.inbound(status),
    queryFn: () => api.get<{ items: Referral[] }>(`/api/referrals/inbound${queryString({ status })}`),
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.detail(id),
    queryFn: () => api.get<Referral>(`/api/referrals/${encodeURIComponent(id)}`),
  });
}

export function useReferralFigures() {
  return useQuery({
    queryKey: referralKeys.figures,
    queryFn: () =>
      api.get<{ providers: ProviderFigures[]; asReceiver: ProviderFigures | null }>("/api/referral-figures"),
  });
}

export function useCreateReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReferral) => api.post<Referral>("/api/referrals", body),
    onSuccess: () => client.invalidateQueries({ queryKey: referralKeys.all }),
  });
}

export function useUpdateReferralStatus(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; status: ReferralStatus; note?: string }) =>
      api.put<Referral>(`/api/referrals/${encodeURIComponent(id)}/status`, body),
    onSuccess: (referral) => {
      client.setQueryData(referralKeys.detail(id), referral);
      void client.invalidateQueries({ queryKey: referralKeys.all });
    },
  });
}
