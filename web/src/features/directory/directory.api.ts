import { useQuery } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { api, queryString } from "../../app/api.ts";

export interface ServiceLocation {
  serviceAtLocationId: string;
  locationId: string | null;
  name: string | null;
  address: string | null;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
  distanceKm: number | null;
}

export interface ServiceSummary {
  id: string;
  name: string;
  description: string;
  status: string;
  url: string | null;
  email: string | null;
  organization: { id: string; name: string } | null;
  phones: { number: string; extension: string | null }[];
  languages: string[];
  taxonomyTerms: { id: string; name: string }[];
  locations: ServiceLocation[];
  openNow: boolean | null;
  hours: string[];
}

export interface ServicePage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: ServiceSummary[];
}

export interface ServiceSearch {
  q: string;
  taxonomyTermId: string;
  language: string;
  openNow: boolean;
  lat: number | null;
  lng: number | null;
  radiusKm: number | null;
  page: number;
}

/** The fully nested HSDS service (only the fields the detail page reads are typed). */
export interface HsdsService {
  id: string;
  name: string;
  alternate_name?: string;
  description?: string;
  eligibility_description?: string;
  application_process?: string;
  fees_description?: string;
  interpretation_services?: string;
  url?: string;
  email?: string;
  alert?: string;
  required_documents?: { id: string; document?: string }[];
}

export const directoryKeys = {
  search: (s: ServiceSearch) => ["directory", "search", s] as const,
  service: (id: string) => ["directory", "service", id] as const,
  terms: ["directory", "terms"] as const,
};

export function useServiceSearch(search: ServiceSearch) {
  return useQuery({
    queryKey: directoryKeys.search(search),
    queryFn: () =>
      api.get<ServicePage>(
        `/api/directory/services${queryString({
          q: search.q,
          taxonomyTermId: search.taxonomyTermId,
          language: search.language,
          openNow: search.openNow ? "true" : null,
          lat: search.lat,
          lng: search.lng,
          radiusKm: search.lat !== null ? search.radiusKm : null,
          page: search.page > 1 ? search.page : null,
        })}`,
      ),
  });
}

export function useService(id: string) {
  return useQuery({
    queryKey: directoryKeys.service(id),
    queryFn: () =>
      api.get<{ summary: ServiceSummary; hsds: HsdsService }>(
        `/api/directory/services/${encodeURIComponent(id)}`,
      ),
  });
}

export function useTaxonomyTerms() {
  return useQuery({
    queryKey: directoryKeys.terms,
    queryFn: () =>
      api.get<{ items: { id: string; name: string; services: number }[] }>("/api/directory/taxonomy-terms"),
    staleTime: 5 * 60_000,
  });
}

/** The resource list a worker builds for a family, kept on this device until it is printed. */
const STORAGE_KEY = "trellis.directory.resourceList";
const CHANGE_EVENT = "trellis:resource-list";

function readList(): string[] {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

let cached: { raw: string | null; list: string[] } = { raw: null, list: [] };
function snapshot(): string[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    raw = null;
  }
  if (raw !== cached.raw) cached = { raw, list: readList() };
  return cached.list;
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function useResourceList() {
  const ids = useSyncExternalStore(subscribe, snapshot, () => []);
  const write = useCallback((next: string[]) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage may be refused (private browsing): the list then lasts for this page only.
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return {
    ids,
    has: (id: string) => ids.includes(id),
    toggle: (id: string) => write(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]),
    clear: () => write([]),
  };
}
