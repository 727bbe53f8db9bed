import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../../ui/Page.tsx";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("notFound.title")} intro={t("notFound.body")}>
      <p>
        <Link to="/" className="usa-link">
          {t("notFound.home")}
        </Link>
      </p>
    </Page>
  );
}
