import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { useDateFormat } from "../families/FamilyBits.tsx";
import { Chips, categoryLabel, purposeLabel } from "./ConsentBits.tsx";
import { DATA_CATEGORIES, type SharedFamilySummary, useSharedFamilies } from "./consent.api.ts";

/** Families other organizations share with the active one, by the family's consent. */
export function SharedFamiliesPage() {
  const { t } = useTranslation();
  const shared = useSharedFamilies();
  return (
    <Page title={t("consent.shared.title")} intro={t("consent.shared.intro")}>
      {shared.isPending ? <Loading /> : null}
      {shared.isError ? <ErrorAlert error={shared.error} /> : null}
      {shared.data && shared.data.items.length === 0 ? (
        <EmptyState title={t("consent.shared.emptyTitle")}>{t("consent.shared.empty")}</EmptyState>
      ) : null}
      {shared.data && shared.data.items.length > 0 ? <SharedTable items={shared.data.items} /> : null}
    </Page>
  );
}

function SharedTable({ items }: { items: SharedFamilySummary[] }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <table className="usa-table usa-table--stacked-header width-full">
      <caption>{t("consent.shared.caption", { count: items.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("consent.shared.family")}</th>
          <th scope="col">{t("consent.shared.owner")}</th>
          <th scope="col">{t("consent.shared.grants")}</th>
          <th scope="col">{t("consent.shared.until")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => {
          const name =
            f.displayName ?? t("consent.shared.servedBy", { organization: f.ownerOrganization.name });
          const firstPurpose = f.grants[0]?.purpose;
          const to = `/shared/families/${encodeURIComponent(f.familyId)}${firstPurpose ? `?purpose=${firstPurpose}` : ""}`;
          return (
            <tr key={f.familyId}>
              <th scope="row" data-label={t("consent.shared.family")}>
                <Link to={to} className="usa-link">
                  {name}
                </Link>
              </th>
              <td data-label={t("consent.shared.owner")}>{f.ownerOrganization.name}</td>
              <td data-label={t("consent.shared.grants")}>
                <Chips
                  label={t("consent.shared.grantsOf", { family: name })}
                  items={DATA_CATEGORIES.flatMap((category) => {
                    const purposes = f.grants.filter((g) => g.category === category).map((g) => g.purpose);
                    if (purposes.length === 0) return [];
                    return [
                      t("consent.shared.grant", {
                        category: categoryLabel(t, category),
                        purposes: purposes.map((p) => purposeLabel(t, p)).join(", "),
                      }),
                    ];
                  })}
                />
              </td>
              <td data-label={t("consent.shared.until")}>
                {f.expiresOn ? formatDate(f.expiresOn) : t("consent.shared.untilRevoked")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
