import { Alert } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="text-base">
      {label ?? t("app.loading")}
    </p>
  );
}

export function SuccessAlert({ children, heading }: { children: ReactNode; heading?: string }) {
  return (
    <Alert
      type="success"
      headingLevel="h2"
      heading={heading}
      slim={!heading}
      role="status"
      className="margin-y-2"
    >
      {children}
    </Alert>
  );
}

/** What an empty list says; later features replace the generic text with their own. */
export function EmptyState({ title, children }: { title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="bg-base-lightest padding-3 radius-md margin-y-3">
      <h2 className="margin-top-0 font-heading-md">{title ?? t("empty.title")}</h2>
      <p className="margin-bottom-0">{children ?? t("empty.body")}</p>
    </div>
  );
}
