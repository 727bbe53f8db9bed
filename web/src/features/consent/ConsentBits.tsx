import "./consent.css";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../families/FamilyBits.tsx";
import type { ConsentPurpose, ConsentState, DataCategory, Withheld } from "./consent.api.ts";

// Tag colours chosen for at least 4.5:1 contrast with their text.
const STATE_CLASS: Record<ConsentState, string> = {
  valid: "bg-green",
  not_yet_effective: "bg-gold text-ink",
  expired: "bg-base-dark",
  revoked: "bg-secondary-dark",
};

export function ConsentStateTag({ state }: { state: ConsentState }) {
  const { t } = useTranslation();
  return <span className={`usa-tag ${STATE_CLASS[state]}`}>{t(`consent.states.${state}`)}</span>;
}

export function categoryLabel(t: TFunction, category: DataCategory): string {
  return t(`consent.categories.${category}.label`);
}

export function purposeLabel(t: TFunction, purpose: ConsentPurpose): string {
  return t(`consent.purposes.${purpose}`);
}

/** A list of short labels shown as tags, read as a list by screen readers. */
export function Chips({ items, label }: { items: string[]; label: string }) {
  return (
    <ul className="consent-chips" aria-label={label}>
      {items.map((item) => (
        <li key={item}>
          <span className="usa-tag bg-primary-lighter text-ink">{item}</span>
        </li>
      ))}
    </ul>
  );
}

/** Why one category is withheld from the reader, in a sentence. */
export function useWithheldText() {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (withheld: Withheld) => {
    const category = t(`consent.categories.${withheld.category}.phrase`);
    const since = withheld.since ? formatDate(withheld.since) : null;
    switch (withheld.reason) {
      case "no_consent":
        return t("consent.withheld.no_consent", { category });
      case "purpose_not_covered":
        return t("consent.withheld.purpose_not_covered", { category });
      case "not_yet_effective":
        return t("consent.withheld.not_yet_effective", { category });
      case "expired":
        return since
          ? t("consent.withheld.expiredOn", { category, date: since })
          : t("consent.withheld.expired", { category });
      case "revoked":
        return since
          ? t("consent.withheld.revokedOn", { category, date: since })
          : t("consent.withheld.revoked", { category });
      default:
        return t("consent.withheld.no_consent", { category });
    }
  };
}

/** Shown where withheld data would be: what is missing and why. */
export function WithheldNotice({ withheld }: { withheld: Withheld }) {
  const text = useWithheldText();
  return <p className="consent-withheld">{text(withheld)}</p>;
}
