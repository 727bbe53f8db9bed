import { Alert } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Referral } from "./referrals.api.ts";

/**
 * For the sender: what the receiving organization cannot see for want of the family's consent (purpose
 * "referral"), and where to record one.
 */
export function ReceiverWithheldNotice({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const withheld = r.withheldFromReceiver ?? [];
  if (r.side !== "sender" || withheld.length === 0) return null;
  const receiver = r.receivingOrganizationName ?? "";
  return (
    <Alert
      type="warning"
      headingLevel="h2"
      heading={t("referralOutreach.receiverWithheld.heading", { receiver })}
      className="referrals-no-print"
    >
      <ul>
        {withheld.map((w) => (
          <li key={w.category}>
            {t(`referralOutreach.receiverWithheld.${w.reason}`, {
              category: t(`consent.categories.${w.category}.phrase`),
            })}
          </li>
        ))}
      </ul>
      {r.family ? (
        <p>
          <Link to={`/families/${r.family.id}`} className="usa-link">
            {t("referralOutreach.receiverWithheld.record", { family: r.family.displayName })}
          </Link>
        </p>
      ) : null}
    </Alert>
  );
}
