import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, queryString } from "../../app/api.ts";
import type { Locale } from "../../app/types.ts";
import type { Sector, TaLevel } from "./ta.api.ts";

/** Shapes of the peer learning library, trainings and the public survey (library.schema.ts, trainings.schema.ts). */
export const RESOURCE_KINDS = ["toolkit", "template", "guide", "report", "other"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const MAX_RESOURCE_BYTES = 5 * 1024 * 1024;

export interface ResourceSummary {
  id: string;
  version: number;
  title: string;
  description: string;
  kind: ResourceKind;
  url: string | null;
  file: { fileName: string; contentType: string; sizeBytes: number } | null;
  tags: string[];
  sectors: Sector[];
  audiences: string[];
  organizationId: string;
  organizationName: string;
  sharedByName: string | null;
  sharedAt: string;
  commentCount: number;
  canManage: boolean;
}
export interface ResourceComment {
  id: string;
  body: string;
  authorName: string | null;
  organizationName: string | null;
  createdAt: string;
}
export interface Resource extends ResourceSummary {
  comments: ResourceComment[];
}
export interface ResourceInput {
  title: string;
  description?: string;
  kind: ResourceKind;
  url?: string;
  file?: { fileName: string; contentBase64: string };
  tags?: string[];
  sectors?: Sector[];
  audiences?: string[];
}
export interface ResourceFilters {
  q?: string;
  tag?: string;
  sector?: string;
  audience?: string;
  kind?: string;
}

type I18nText = { en: string; es: string };

export interface TrainingSummary {
  id: string;
  version: number;
  title: string;
  level: TaLevel;
  sectors: Sector[];
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  communities: string[];
  capacity: number | null;
  organizationId: string;
  organizationName: string;
  registered: number;
  attended: number;
  responses: number;
  surveyOpen: boolean;
  canManage: boolean;
}
export interface Registration {
  id: string;
  name: string;
  email: string | null;
  organizationName: string | null;
  community: string | null;
  attended: boolean;
  registeredAt: string;
}
export interface Training extends TrainingSummary {
  description: string | null;
  survey: { key: string; version: number; title: I18nText };
  surveyUrl: string | null;
  registrations: Registration[];
}
export interface TrainingInput {
  title: string;
  description?: string | null;
  level: TaLevel;
  sectors: Sector[];
  startsAt: string;
  endsAt?: string | null;
  location?: string | null;
  communities: string[];
  capacity?: number | null;
}
export interface LikertResult {
  key: string;
  text: I18nText;
  n: number;
  mean: number | null;
  distribution: number[];
  percentAgree: number | null;
}
export interface TrainingResults {
  training: TrainingSummary;
  scale: number;
  anchors: { low: I18nText; high: I18nText };
  responses: number;
  responseRatePercent: number | null;
  meanOfItemMeans: number | null;
  likert: LikertResult[];
  open: { key: string; text: I18nText; answers: string[] }[];
}
export interface TrainingResultsSummary {
  events: {
    trainingId: string;
    title: string;
    level: TaLevel;
    startsAt: string;
    organizationName?: string;
    responses: number;
    attended: number;
    responseRatePercent: number | null;
    meanOfItemMeans: number | null;
  }[];
  items: {
    key: string;
    text: I18nText;
    events: number;
    n: number;
    mean: number | null;
    percentAgree: number | null;
  }[];
}
export interface PublicSurvey {
  locale: Locale;
  title: string;
  training: { title: string; startsAt: string; location: string | null };
  scale: number;
  anchors: { low: string; high: string };
  items: { key: string; kind: "likert" | "open"; text: string }[];
}

export const learningKeys = {
  resources: (filters: ResourceFilters) => ["library", "list", filters] as const,
  resource: (id: string) => ["library", "detail", id] as const,
  trainings: ["trainings", "list"] as const,
  training: (id: string) => ["trainings", "detail", id] as const,
  results: (id: string) => ["trainings", "results", id] as const,
  summary: ["trainings", "summary"] as const,
  survey: (token: string, locale: Locale) => ["public-survey", token, locale] as const,
};

const enc = encodeURIComponent;

export function useResources(filters: ResourceFilters) {
  return useQuery({
    queryKey: learningKeys.resources(filters),
    queryFn: () =>
      api.get<{ items: ResourceSummary[] }>(`/api/library/resources${queryString({ ...filters })}`),
  });
}

export function useResource(id: string) {
  return useQuery({
    queryKey: learningKeys.resource(id),
    queryFn: () => api.get<Resource>(`/api/library/resources/${enc(id)}`),
    retry: false,
  });
}

export function resourceFileUrl(id: string): string {
  return `/api/library/resources/${enc(id)}/file`;
}

export function useCreateResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResourceInput) => api.post<Resource>("/api/library/resources", body),
    onSuccess: (created) => {
      client.setQueryData(learningKeys.resource(created.id), created);
      void client.invalidateQueries({ queryKey: ["library", "list"] });
    },
  });
}

export function useAddComment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api.post<ResourceComment>(`/api/library/resources/${enc(id)}/comments`, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["library"] }),
  });
}

export function useTrainings() {
  return useQuery({
    queryKey: learningKeys.trainings,
    queryFn: () => api.get<{ items: TrainingSummary[] }>("/api/trainings"),
    retry: false,
  });
}

export function useTraining(id: string) {
  return useQuery({
    queryKey: learningKeys.training(id),
    queryFn: () => api.get<Training>(`/api/trainings/${enc(id)}`),
    retry: false,
  });
}

export function useTrainingResults(id: string) {
  return useQuery({
    queryKey: learningKeys.results(id),
    queryFn: () => api.get<TrainingResults>(`/api/trainings/${enc(id)}/results`),
    retry: false,
  });
}

export function useTrainingResultsSummary() {
  return useQuery({
    queryKey: learningKeys.summary,
    queryFn: () => api.get<TrainingResultsSummary>("/api/trainings/results"),
    retry: false,
  });
}

export function useCreateTraining() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TrainingInput) => api.post<Training>("/api/trainings", body),
    onSuccess: (created) => {
      client.setQueryData(learningKeys.training(created.id), created);
      void client.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
}

function useTrainingWrite<T>(id: string, send: (body: T) => Promise<Training>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (training) => {
      client.setQueryData(learningKeys.training(id), training);
      void client.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
}

export function useUpdateTraining(id: string) {
  return useTrainingWrite(id, (body: { version: number; surveyOpen?: boolean }) =>
    apiRequest<Training>("PATCH", `/api/trainings/${enc(id)}`, body),
  );
}

export function useRegister(id: string) {
  return useTrainingWrite(
    id,
    (body: {
      name: string;
      email?: string | null;
      organizationName?: string | null;
      community?: string | null;
    }) => api.post<Training>(`/api/trainings/${enc(id)}/registrations`, body),
  );
}

export function useRecordAttendance(id: string) {
  return useTrainingWrite(id, (attended: string[]) =>
    api.put<Training>(`/api/trainings/${enc(id)}/attendance`, { attended }),
  );
}

export function usePublicSurvey(token: string, locale: Locale) {
  return useQuery({
    queryKey: learningKeys.survey(token, locale),
    queryFn: () => api.get<PublicSurvey>(`/api/public/surveys/${enc(token)}${queryString({ locale })}`),
    retry: false,
  });
}

export function useSubmitSurvey(token: string) {
  return useMutation({
    mutationFn: (body: { answers: Record<string, number | string>; locale: Locale }) =>
      api.post<{ received: true }>(`/api/public/surveys/${enc(token)}/responses`, body),
  });
}
