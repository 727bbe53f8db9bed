import { Button } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { type ServiceSummary, useResourceList } from "./directory.api.ts";

/** "Open now" / "Closed now" / nothing when the hours are unknown. */
export function OpenNowTag({ openNow }: { openNow: boolean | null }) {
  const { t } = useTranslation();
  if (openNow === null) return null;
  return (
    <span className={`usa-tag directory-tag ${openNow ? "directory-tag--open" : "directory-tag--closed"}`}>
      {openNow ? t("directory.openNow") : t("directory.closedNow")}
    </span>
  );
}

export function PhoneLinks({ phones }: { phones: ServiceSummary["phones"] }) {
  const { t } = useTranslation();
  if (phones.length === 0) return null;
  return (
    <>
      {phones.map((p) => (
        <a
          key={`${p.number}-${p.extension ?? ""}`}
          className="usa-link margin-right-2"
          href={`tel:${p.number}`}
        >
          {p.number}
          {p.extension ? ` ${t("directory.extension", { extension: p.extension })}` : ""}
        </a>
      ))}
    </>
  );
}

/** Adds a service to (or removes it from) the resource list being built for a family. */
export function ResourceListButton({ service }: { service: { id: string; name: string } }) {
  const { t } = useTranslation();
  const list = useResourceList();
  const added = list.has(service.id);
  return (
    <Button
      type="button"
      outline={added}
      className="directory-no-print"
      aria-pressed={added}
      onClick={() => list.toggle(service.id)}
    >
      {added
        ? t("directory.resourceList.remove", { name: service.name })
        : t("directory.resourceList.add", { name: service.name })}
    </Button>
  );
}
