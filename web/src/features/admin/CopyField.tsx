import { Button, Label, TextInput } from "@trussworks/react-uswds";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** A read-only value (a link, a secret) with a button that copies it. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // Without clipboard permission the value can still be selected in the field.
      document.getElementById(id)?.focus();
    }
  }

  return (
    <div className="margin-bottom-3">
      <Label htmlFor={id}>{label}</Label>
      <div className="copy-field">
        <TextInput
          id={id}
          name={id}
          type="text"
          value={value}
          readOnly
          className="copy-field__input"
          onFocus={(e) => e.target.select()}
        />
        <Button type="button" outline onClick={() => void copy()} className="margin-top-1">
          {t("common.copy")}
        </Button>
      </div>
      <p role="status" className="margin-y-1 text-base">
        {copied ? t("common.copied") : ""}
      </p>
    </div>
  );
}
