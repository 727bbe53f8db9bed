import { Button, Form, Table } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useServiceSearch } from "../directory/directory.api.ts";
import { useLinkProvider, useProviderLinks, useUnlinkProvider } from "./outreach.api.ts";

const NO_FILTERS = {
  taxonomyTermId: "",
  language: "",
  openNow: false,
  lat: null,
  lng: null,
  radiusKm: null,
  page: 1,
};

/**
 * Which directory providers' referrals the organization receives in its Trellis queue. Managers link a
 * provider found through the directory; staff see the list.
 */
export function ProviderLinksPage() {
  const { t } = useTranslation();
  const links = useProviderLinks();
  const link = useLinkProvider();
  const unlink = useUnlinkProvider();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const search = useServiceSearch({ q, ...NO_FILTERS });
  const linked = new Set(links.data?.items.map((l) => l.hsdsOrganizationId));
  const providers = new Map<string, string>();
  for (const s of q ? (search.data?.contents ?? []) : []) {
    if (s.organization) providers.set(s.organization.id, s.organization.name);
  }

  function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(draft.trim());
  }

  return (
    <Page title={t("referralOutreach.links.title")}>
      <p>{t("referralOutreach.links.intro")}</p>
      <p>
        <Link to="/referrals" className="usa-link">
          {t("referralOutreach.links.back")}
        </Link>
      </p>
      {link.isError ? <ErrorAlert error={link.error} /> : null}
      {unlink.isError ? <ErrorAlert error={unlink.error} /> : null}
      <h2>{t("referralOutreach.links.current")}</h2>
      {links.isPending ? <Loading /> : null}
      {links.isError ? <ErrorAlert error={links.error} /> : null}
      {links.data && links.data.items.length === 0 ? <p>{t("referralOutreach.links.none")}</p> : null}
      {links.data && links.data.items.length > 0 ? (
        <Table bordered fullWidth>
          <caption className="usa-sr-only">{t("referralOutreach.links.current")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("referralOutreach.links.provider")}</th>
              <th scope="col">{t("referralOutreach.links.since")}</th>
              <th scope="col">
                <span className="usa-sr-only">{t("referralOutreach.links.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.data.items.map((l) => (
              <tr key={l.hsdsOrganizationId}>
                <th scope="row">{l.name}</th>
                <td>{new Date(l.linkedAt).toLocaleDateString()}</td>
                <td>
                  <Button
                    type="button"
                    unstyled
                    disabled={unlink.isPending}
                    onClick={() => unlink.mutate(l.hsdsOrganizationId)}
                  >
                    {t("referralOutreach.links.unlink", { provider: l.name })}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <h2>{t("referralOutreach.links.add")}</h2>
      <Form onSubmit={find} large>
        <TextField
          id="provider-search"
          label={t("referralOutreach.links.search")}
          value={draft}
          onChange={setDraft}
          maxLength={200}
        />
        <Button type="submit" className="margin-top-1">
          {t("referralOutreach.links.searchButton")}
        </Button>
      </Form>
      {q && search.data && providers.size === 0 ? <p>{t("referralOutreach.links.noResults")}</p> : null}
      {providers.size > 0 ? (
        <ul className="usa-list usa-list--unstyled margin-top-2">
          {[...providers.entries()].map(([id, name]) => (
            <li key={id} className="margin-bottom-1">
              <span className="margin-right-2">{name}</span>
              {linked.has(id) ? (
                <span className="usa-tag">{t("referralOutreach.links.yours")}</span>
              ) : (
                <Button type="button" outline disabled={link.isPending} onClick={() => link.mutate(id)}>
                  {t("referralOutreach.links.link", { provider: name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
