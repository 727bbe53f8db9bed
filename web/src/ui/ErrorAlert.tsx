import { Alert } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { errorMessage } from "./errors.ts";

/** A translated error summary; announced to screen readers as it appears. */
export function ErrorAlert({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  return (
    <Alert type="error" headingLevel="h2" slim role="alert" id={id} className="margin-y-2">
      {errorMessage(t, error)}
    </Alert>
  );
}
