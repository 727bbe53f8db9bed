import { GridContainer, Header, Icon, NavMenuButton, SideNav, Title } from "@trussworks/react-uswds";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, NavLink, Outlet, useLocation } from "react-router";
import { changeLocale, currentLocale, storedLocale } from "../i18n/index.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/StatusMessages.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { visibleAreas } from "./navigation.ts";
import { OrganizationSwitcher } from "./OrganizationSwitcher.tsx";
import { PublicLayout } from "./PublicLayout.tsx";
import { ShellFooter, SkipLink } from "./ShellParts.tsx";
import { activeMembership, SignedInMeContext, useMe } from "./session.ts";
import type { Me } from "./types.ts";
import { UserMenu } from "./UserMenu.tsx";

/** The signed-in frame. Without a session it sends the visitor to sign in, remembering where they were going. */
export function AppShell({ children }: { children?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (me.isError) {
    return (
      <PublicLayout>
        <ErrorAlert error={me.error} />
      </PublicLayout>
    );
  }
  if (!me.data) {
    const wanted = `${location.pathname}${location.search}`;
    const next = wanted === "/" ? "" : `?next=${encodeURIComponent(wanted)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  return (
    <SignedInMeContext value={me.data}>
      <SignedInShell me={me.data}>{children ?? <Outlet />}</SignedInShell>
    </SignedInMeContext>
  );
}

function useLocaleFromProfile(me: Me) {
  useEffect(() => {
    // A choice made on this device wins; otherwise follow the language saved in the user's profile.
    if (!storedLocale() && me.user.locale !== currentLocale()) void changeLocale(me.user.locale, false);
  }, [me.user.locale]);
}

function SignedInShell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const menuButton = useRef<HTMLDivElement>(null);
  const membership = activeMembership(me);
  // Privacy officers reach the admin area's privacy sections (audit, break-glass review, retention).
  const areas = visibleAreas(
    membership?.role === "admin" || (membership?.capabilities.includes("privacy_officer") ?? false),
  );
  useLocaleFromProfile(me);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile menu whenever the page changes.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.querySelector<HTMLButtonElement>(".usa-menu-btn")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  const areaLink = (area: (typeof areas)[number], className?: string) => (
    <NavLink
      to={area.path}
      end={area.path === "/"}
      className={({ isActive }) => (isActive ? `usa-current ${className ?? ""}` : className)}
    >
      <span>{t(`nav.${area.id}`)}</span>
    </NavLink>
  );

  return (
    <div className="shell">
      <SkipLink />
      <Header basic showMobileOverlay={menuOpen} className="shell-header">
        <div className="usa-nav-container">
          <div className="usa-navbar" ref={menuButton}>
            <Title>
              <Link to="/">{t("app.name")}</Link>
            </Title>
            <NavMenuButton
              label={t("shell.menu")}
              onClick={() => setMenuOpen(true)}
              aria-controls="shell-menu"
              aria-expanded={menuOpen}
            />
          </div>
          <nav
            id="shell-menu"
            className={`usa-nav${menuOpen ? " is-visible" : ""}`}
            aria-label={t("shell.menuLabel")}
          >
            <button
              ref={closeButton}
              type="button"
              className="usa-nav__close"
              onClick={() => setMenuOpen(false)}
            >
              <Icon.Close size={3} aria-label={t("shell.closeMenu")} />
            </button>
            <ul className="usa-nav__primary usa-accordion shell-tools">
              {areas.map((area) => (
                <li key={area.id} className="usa-nav__primary-item desktop:display-none">
                  {areaLink(area, "usa-nav__link")}
                </li>
              ))}
              <li className="usa-nav__primary-item">
                <OrganizationSwitcher />
              </li>
              <li className="usa-nav__primary-item">
                <LanguageSwitch className="usa-nav__link shell-language" />
              </li>
              <li className="usa-nav__primary-item">
                <UserMenu />
              </li>
            </ul>
          </nav>
        </div>
      </Header>
      <GridContainer className="shell-body">
        <div className="grid-row grid-gap-lg">
          <nav
            className="display-none desktop:display-block desktop:grid-col-3 padding-y-4"
            aria-label={t("shell.sectionsLabel")}
          >
            <SideNav items={areas.map((area) => areaLink(area))} />
          </nav>
          <main
            id="main-content"
            tabIndex={-1}
            className="grid-col-12 desktop:grid-col-9 padding-y-4 shell-main"
          >
            {children}
          </main>
        </div>
      </GridContainer>
      <ShellFooter />
    </div>
  );
}
