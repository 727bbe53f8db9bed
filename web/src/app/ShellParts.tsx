import { GridContainer } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="usa-skipnav" href="#main-content">
      {t("app.skipToContent")}
    </a>
  );
}

export function ShellFooter() {
  const { t } = useTranslation();
  return (
    <footer className="usa-footer usa-footer--slim shell-footer">
      <div className="usa-footer__secondary-section">
        <GridContainer>
          <p className="margin-0">{t("app.footer")}</p>
        </GridContainer>
      </div>
    </footer>
  );
}
