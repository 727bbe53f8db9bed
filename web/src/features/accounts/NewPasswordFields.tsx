import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/TextField.tsx";
import { MIN_PASSWORD_LENGTH } from "../../ui/validation.ts";

export type NewPasswordErrors = { newPassword?: string | undefined; confirmPassword?: string | undefined };

/** Checks a new password and its confirmation the way the server will, before sending them. */
export function checkNewPassword(t: TFunction, password: string, confirmation: string): NewPasswordErrors {
  return {
    newPassword:
      password.length < MIN_PASSWORD_LENGTH
        ? t("validation.passwordLength", { min: MIN_PASSWORD_LENGTH })
        : undefined,
    confirmPassword: password === confirmation ? undefined : t("validation.passwordMismatch"),
  };
}

export function NewPasswordFields({
  password,
  confirmation,
  onPassword,
  onConfirmation,
  errors,
}: {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  errors: NewPasswordErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id="newPassword"
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint", { min: MIN_PASSWORD_LENGTH })}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={onPassword}
        error={errors.newPassword}
        maxLength={200}
      />
      <TextField
        id="confirmPassword"
        label={t("fields.confirmPassword")}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmation}
        error={errors.confirmPassword}
        maxLength={200}
      />
    </>
  );
}
