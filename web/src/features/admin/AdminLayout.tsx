import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { Page } from "../../ui/Page.tsx";

const SECTIONS = [
  { path: "members", label: "admin.members.title" },
  { path: "outbox", label: "admin.outbox.title" },
  { path: "api-tokens", label: "admin.apiTokens.title" },
  { path: "audit", label: "admin.audit.title" },
] as const;

/** The organization's administration; each section is its own page under /admin. */
export function AdminLayout() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const membership = activeMembership(me);

  if (membership?.role !== "admin") {
    return <Page title={t("forbidden.title")} intro={t("forbidden.adminOnly")} />;
  }

  return (
    <Page title={t("admin.title")} intro={t("admin.intro", { organization: membership.organizationName })}>
      <nav aria-label={t("admin.sectionsLabel")} className="margin-bottom-4">
        <ul className="usa-button-group admin-tabs">
          {SECTIONS.map((section) => (
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
