import { useTranslation } from "react-i18next";
import { Page } from "../../ui/Page.tsx";
import { EmptyState } from "../../ui/StatusMessages.tsx";

export type PlaceholderArea = "plans" | "sip" | "families" | "directory" | "referrals" | "ta";

/** The page of an area whose feature has not been built yet: what it is for, and an empty state. */
export function AreaPage({ area }: { area: PlaceholderArea }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`areas.${area}.title`)} intro={t(`areas.${area}.description`)}>
      <EmptyState />
    </Page>
  );
}
