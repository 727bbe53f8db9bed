import { Button, Fieldset, Form, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { type FamilyDocument, useFamilyAction } from "./families.api.ts";

const LANGUAGES = ["en", "es", "vi", "zh", "tl", "und"] as const;
const TEXT_FIELDS = ["displayName", "phone", "email", "address", "referralSource"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Draft = Record<TextField, string> & { preferredLanguage: string };

function draftOf(f: FamilyDocument): Draft {
  return {
    displayName: f.displayName,
    phone: f.phone ?? "",
    email: f.email ?? "",
    address: f.address ?? "",
    referralSource: f.referralSource ?? "",
    preferredLanguage: f.preferredLanguage,
  };
}

/** Corrects the household's own details (name, language, phone, e-mail, address, referral source); sends only what changed. */
export function HouseholdDetailsForm({ family: f }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const update = useFamilyAction(f.id, "PATCH", "");
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);

  function open() {
    update.reset();
    setSaved(false);
    setDraft(draftOf(f));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const before = draftOf(f);
    const changes: Record<string, string | null> = {};
    for (const field of TEXT_FIELDS) {
      if (draft[field].trim() !== before[field]) {
        changes[field] = field === "displayName" ? draft[field].trim() : draft[field].trim() || null;
      }
    }
    if (draft.preferredLanguage !== before.preferredLanguage)
      changes.preferredLanguage = draft.preferredLanguage;
    update.mutate(
      { version: f.version, ...changes },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved(true);
        },
      },
    );
  }

  if (!draft) {
    return (
      <div className="margin-bottom-2">
        {saved ? <SuccessAlert>{t("families.details.saved")}</SuccessAlert> : null}
        <Button type="button" outline onClick={open}>
          {t("families.details.edit")}
        </Button>
      </div>
    );
  }
  const set = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value });
  return (
    <Form onSubmit={submit} className="maxw-tablet margin-bottom-2" large>
      <Fieldset legend={t("families.details.legend")}>
        {update.isError ? <ErrorAlert error={update.error} /> : null}
        {TEXT_FIELDS.map((field) => (
          <div key={field}>
            <Label htmlFor={`household-${field}`}>{t(`families.details.${field}`)}</Label>
            <TextInput
              id={`household-${field}`}
              name={field}
              type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
              required={field === "displayName"}
              value={draft[field]}
              onChange={(event) => set(field)(event.target.value)}
            />
          </div>
        ))}
        <Label htmlFor="household-language">{t("families.details.preferredLanguage")}</Label>
        <Select
          id="household-language"
          name="preferredLanguage"
          value={draft.preferredLanguage}
          onChange={(event) => set("preferredLanguage")(event.target.value)}
        >
          {(LANGUAGES as readonly string[]).includes(draft.preferredLanguage) ? null : (
            <option value={draft.preferredLanguage}>{draft.preferredLanguage}</option>
          )}
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`families.language.${code}`)}
            </option>
          ))}
        </Select>
        <div className="margin-top-2">
          <Button type="submit" disabled={update.isPending}>
            {t("families.details.save")}
          </Button>
          <Button type="button" unstyled className="margin-left-2" onClick={() => setDraft(null)}>
            {t("families.cancel")}
          </Button>
        </div>
      </Fieldset>
    </Form>
  );
}
