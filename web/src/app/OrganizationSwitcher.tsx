import { Label, Select } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { activeMembership, useSignedInMe, useSwitchOrganization } from "./session.ts";

/** The organization this session acts for: a select when the user belongs to several. */
export function OrganizationSwitcher() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const switchOrganization = useSwitchOrganization();
  const active = activeMembership(me);

  if (me.memberships.length <= 1) {
    return (
      <p className="shell-organization margin-0">
        <span className="usa-sr-only">{t("shell.organization")}: </span>
        {active?.organizationName ?? t("shell.noOrganization")}
      </p>
    );
  }

  return (
    <div className="shell-organization">
      <Label htmlFor="organization-switcher" className="margin-top-0">
        {t("shell.organization")}
      </Label>
      <Select
        id="organization-switcher"
        name="organization"
        value={me.activeOrganizationId ?? ""}
        disabled={switchOrganization.isPending}
        onChange={(event) => {
          if (event.target.value) switchOrganization.mutate(event.target.value);
        }}
      >
        {me.activeOrganizationId === null ? <option value="">{t("shell.chooseOrganization")}</option> : null}
        {me.memberships.map((membership) => (
          <option key={membership.organizationId} value={membership.organizationId}>
            {membership.organizationName}
          </option>
        ))}
      </Select>
      {switchOrganization.isError ? <ErrorAlert error={switchOrganization.error} /> : null}
    </div>
  );
}
