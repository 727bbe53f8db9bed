import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { Page } from "../../ui/Page.tsx";

// Privacy officers (a capability, docs/consent.md) see the privacy sections; admins see everything.
const SECTIONS = [
  { path: "members", label: "admin.members.title", privacy: false },
  { path: "outbox", label: "admin.outbox.title", privacy: false },
  { path: "api-tokens", label: "admin.apiTokens.title", privacy: false },
  { path: "audit", label: "admin.audit.title", privacy: true },
  { path: "break-glass", label: "privacy.breakGlass.title", privacy: true },
  { path: "retention", label: "privacy.retention.title", privacy: true },
] as const;

/** The organization's administration; each section is its own page under /admin. */
export function AdminLayout() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const membership = activeMembership(me);
  const { pathname } = useLocation();
  const isAdmin = membership?.role === "admin";
  const isPrivacyOfficer = membership?.capabilities.includes("privacy_officer") ?? false;
  const sections = SECTIONS.filter((section) => isAdmin || (isPrivacyOfficer && section.privacy));
  const current = SECTIONS.find((section) => pathname.split("/").includes(section.path));

  if (!membership || sections.length === 0) {
    return <Page title={t("forbidden.title")} intro={t("forbidden.adminOnly")} />;
  }
  if (!isAdmin && !current?.privacy) return <Navigate to="/admin/audit" replace />;

  return (
    <Page title={t("admin.title")} intro={t("admin.intro", { organization: membership.organizationName })}>
      <nav aria-label={t("admin.sectionsLabel")} className="margin-bottom-4">
        <ul className="usa-button-group admin-tabs">
          {sections.map((section) => (
            <li key={section.path} className="usa-button-group__item">
              <NavLink
                to={section.path}
                className={({ isActive }) => (isActive ? "usa-button" : "usa-button usa-button--outline")}
              >
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={membership.organizationId} />
    </Page>
  );
}
