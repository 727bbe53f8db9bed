import "./plans.css";
import { Button, Form, FormGroup, Label, Select } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { Announcer, useAnnounce } from "./Announcer.tsx";
import { PlanNav, WithPlan } from "./PlanFrame.tsx";
import { useOrganizations, useSetShare, useShares } from "./plans.api.ts";
import { type PlanDocument, type PlanShare, SHARE_ROLES, type ShareRole } from "./plans.types.ts";

export function SharingPage() {
  return <WithPlan>{(plan) => <Sharing plan={plan} />}</WithPlan>;
}

function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {SHARE_ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`plans.sharing.roles.${role}`)}
        </option>
      ))}
    </>
  );
}

function Sharing({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const isOwner = plan.access === "owner";
  const shares = useShares(plan.id, isOwner);
  return (
    <Page title={t("plans.sharing.title", { plan: plan.title })} intro={t("plans.sharing.intro")}>
      <Announcer>
        <PlanNav plan={plan} />
        {!isOwner ? (
          <p>{t("plans.sharing.ownersOnly", { organization: plan.organizationName })}</p>
        ) : (
          <>
            <h2>{t("plans.sharing.rolesHeading")}</h2>
            <ul className="usa-list">
              {SHARE_ROLES.map((role) => (
                <li key={role}>
                  <span className="text-bold">{t(`plans.sharing.roles.${role}`)}</span>:{" "}
                  {t(`plans.sharing.explain.${role}`)}
                </li>
              ))}
            </ul>
            <h2>{t("plans.sharing.currentHeading")}</h2>
            {shares.isPending ? <Loading /> : null}
            {shares.isError ? <ErrorAlert error={shares.error} /> : null}
            {shares.data && shares.data.items.length === 0 ? (
              <EmptyState>{t("plans.sharing.empty")}</EmptyState>
            ) : null}
            {shares.data && shares.data.items.length > 0 ? (
              <table className="usa-table usa-table--stacked-header plan-shares">
                <caption className="usa-sr-only">{t("plans.sharing.currentHeading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("plans.sharing.organization")}</th>
                    <th scope="col">{t("plans.sharing.role")}</th>
                    <th scope="col">
                      <span className="usa-sr-only">{t("plans.sharing.remove")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shares.data.items.map((share) => (
                    <ShareRow key={share.organizationId} planId={plan.id} share={share} />
                  ))}
                </tbody>
              </table>
            ) : null}
            <AddShare plan={plan} shared={shares.data?.items ?? []} />
          </>
        )}
      </Announcer>
    </Page>
  );
}

function ShareRow({ planId, share }: { planId: string; share: PlanShare }) {
  const { t } = useTranslation();
  const setShare = useSetShare(planId);
  const announce = useAnnounce();
  const [role, setRole] = useState<ShareRole>(share.role);
  const selectId = `share-role-${share.organizationId}`;
  return (
    <tr>
      <th scope="row" data-label={t("plans.sharing.organization")}>
        {share.organizationName}
      </th>
      <td data-label={t("plans.sharing.role")}>
        <form
          className="plan-share-role"
          onSubmit={(event) => {
            event.preventDefault();
            setShare.mutate(
              { organizationId: share.organizationId, role },
              {
                onSuccess: () =>
                  announce(t("plans.sharing.updated", { organization: share.organizationName })),
              },
            );
          }}
        >
          <Label htmlFor={selectId} className="usa-sr-only">
            {t("plans.sharing.roleOf", { organization: share.organizationName })}
          </Label>
          <Select
            id={selectId}
            name={selectId}
            value={role}
            onChange={(event) => setRole(event.target.value as ShareRole)}
          >
            <RoleOptions />
          </Select>
          <Button type="submit" outline disabled={setShare.isPending || role === share.role}>
            {t("plans.sharing.update")}
            <span className="usa-sr-only">: {share.organizationName}</span>
          </Button>
        </form>
        {setShare.isError ? <ErrorAlert error={setShare.error} /> : null}
      </td>
      <td data-label={t("plans.sharing.remove")}>
        <Button
          type="button"
          secondary
          className="margin-0"
          disabled={setShare.isPending}
          onClick={() => {
            if (!window.confirm(t("plans.sharing.confirmRemove", { organization: share.organizationName })))
              return;
            setShare.mutate(
              { organizationId: share.organizationId, role: null },
              {
                onSuccess: () =>
                  announce(t("plans.sharing.removed", { organization: share.organizationName })),
              },
            );
          }}
        >
          {t("plans.sharing.remove")}
          <span className="usa-sr-only">: {share.organizationName}</span>
        </Button>
      </td>
    </tr>
  );
}

function AddShare({ plan, shared }: { plan: PlanDocument; shared: PlanShare[] }) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const setShare = useSetShare(plan.id);
  const announce = useAnnounce();
  const [organizationId, setOrganizationId] = useState("");
  const [role, setRole] = useState<ShareRole>("viewer");
  const [error, setError] = useState<string | undefined>();
  const available = (organizations.data?.items ?? []).filter(
    (o) => o.id !== plan.organizationId && !shared.some((s) => s.organizationId === o.id),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!organizationId) {
      setError(t("plans.sharing.chooseOrganization"));
      document.getElementById("share-organization")?.focus();
      return;
    }
    setError(undefined);
    const name = available.find((o) => o.id === organizationId)?.name ?? "";
    setShare.mutate(
      { organizationId, role },
      {
        onSuccess: () => {
          announce(t("plans.sharing.added", { organization: name }));
          setOrganizationId("");
        },
      },
    );
  }

  return (
    <section aria-labelledby="add-share-heading" className="margin-top-4">
      <h2 id="add-share-heading">{t("plans.sharing.addHeading")}</h2>
      {organizations.isError ? <ErrorAlert error={organizations.error} /> : null}
      {setShare.isError ? <ErrorAlert error={setShare.error} /> : null}
      <Form onSubmit={submit} noValidate>
        <FormGroup error={Boolean(error)}>
          <Label htmlFor="share-organization">{t("plans.sharing.organization")}</Label>
          {error ? (
            <span className="usa-error-message" id="share-organization-error">
              {error}
            </span>
          ) : null}
          <Select
            id="share-organization"
            name="organization"
            value={organizationId}
            aria-describedby={error ? "share-organization-error" : undefined}
            onChange={(event) => setOrganizationId(event.target.value)}
          >
            <option value="">{t("plans.fields.choose")}</option>
            {available.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </FormGroup>
        <FormGroup>
          <Label htmlFor="share-role">{t("plans.sharing.role")}</Label>
          <Select
            id="share-role"
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as ShareRole)}
          >
            <RoleOptions />
          </Select>
        </FormGroup>
        <Button type="submit" disabled={setShare.isPending}>
          {t("plans.sharing.add")}
        </Button>
      </Form>
    </section>
  );
}
