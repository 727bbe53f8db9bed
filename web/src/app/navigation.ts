/** The areas of the signed-in app, in the order the side navigation lists them. */
export const AREAS = [
  { id: "home", path: "/" },
  { id: "plans", path: "/plans" },
  { id: "myActionSteps", path: "/my-action-steps" },
  { id: "sip", path: "/sip" },
  { id: "families", path: "/families" },
  { id: "directory", path: "/directory" },
  { id: "referrals", path: "/referrals" },
  { id: "shared", path: "/shared" },
  { id: "ta", path: "/ta" },
  { id: "admin", path: "/admin", adminOnly: true },
] as const;

export type AreaId = (typeof AREAS)[number]["id"];

export function visibleAreas(isAdmin: boolean) {
  return AREAS.filter((area) => !("adminOnly" in area) || isAdmin);
}
