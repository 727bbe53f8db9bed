import { GridContainer, Header, Title } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { ShellFooter, SkipLink } from "./ShellParts.tsx";

/** The frame of pages used before signing in: sign in, password reset, invitations. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <SkipLink />
      <Header basic className="shell-header">
        <div className="usa-nav-container shell-public-header">
          <div className="usa-navbar">
            <Title>
              <Link to="/sign-in">{t("app.name")}</Link>
            </Title>
          </div>
          <div className="shell-public-tools">
            <LanguageSwitch />
          </div>
        </div>
      </Header>
      <main id="main-content" tabIndex={-1} className="shell-main">
        <GridContainer className="padding-y-4">
          <div className="grid-row">
            <div className="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">{children ?? <Outlet />}</div>
          </div>
        </GridContainer>
      </main>
      <ShellFooter />
    </div>
  );
}
