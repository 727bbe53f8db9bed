import { Button, Label, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { type FamilyDocument, useFamilies, useFamilyAction } from "./families.api.ts";

/** A duplicate record found after intake: find it and merge it, with its history, into this family. */
export function MergeSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [merged, setMerged] = useState<string | null>(null);
  // Searched only when asked: every search is a read of family data, and audited.
  const found = useFamilies({ q, dateOfBirth: "", phone: "", status: "all" }, q !== "");
  const merge = useFamilyAction(family.id, "POST", "/merge");
  const candidates = q ? (found.data?.items ?? []).filter((f) => f.id !== family.id) : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(search.trim());
  }

  return (
    <details className="margin-y-2 families-no-print">
      <summary>{t("families.merge.summary")}</summary>
      <p>{t("families.merge.body")}</p>
      {merged ? <SuccessAlert>{t("families.merge.done", { name: merged })}</SuccessAlert> : null}
      {merge.error ? <ErrorAlert error={merge.error} /> : null}
      <search aria-label={t("families.merge.summary")}>
        <form onSubmit={submit} className="margin-bottom-2">
          <Label htmlFor="merge-search">{t("families.merge.searchLabel")}</Label>
          <TextInput
            id="merge-search"
            name="merge-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Button type="submit" className="width-auto margin-right-0">
            {t("families.list.search")}
          </Button>
        </form>
      </search>
      {q && candidates.length === 0 && !found.isPending ? <p>{t("families.merge.none")}</p> : null}
      <ul className="usa-list usa-list--unstyled">
        {candidates.map((c) => (
          <li key={c.id} className="margin-y-1">
            {c.displayName} ({c.memberNames.join(", ")}){" "}
            <Button
              type="button"
              secondary
              className="width-auto margin-right-0"
              disabled={merge.isPending}
              onClick={() =>
                merge.mutate(
                  { version: family.version, duplicateId: c.id },
                  { onSuccess: () => setMerged(c.displayName) },
                )
              }
            >
              {t("families.merge.button", { name: c.displayName })}
            </Button>
          </li>
        ))}
      </ul>
    </details>
  );
}
