import "./ta.css";
import { Button, ErrorMessage, Form, Label, Select, Textarea, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { TaField } from "./FormFields.tsx";
import { Documents, Levels, Members } from "./PartnershipSections.tsx";
import {
  GEOGRAPHY_KINDS,
  type GeographyKind,
  type Partnership,
  type PartnershipInput,
  useCreatePartnership,
  usePartnership,
  usePartnerships,
  useUpdatePartnership,
} from "./partnerships.api.ts";
import { DetailItem, isStale, RadioGroup, sectorNames, TableWrap, TaError, TaPage } from "./TaBits.tsx";
import { SECTORS } from "./ta.api.ts";

/** The partnership registry: local collaboratives with their sectors and level of working together. */
export function PartnershipsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = { q: params.get("q") ?? "", sector: params.get("sector") ?? "" };
  const [form, setForm] = useState(filters);
  const partnerships = usePartnerships(filters);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(
      new URLSearchParams(
        Object.entries({ q: form.q.trim(), sector: form.sector }).filter(([, v]) => v !== ""),
      ),
      { replace: true },
    );
  }
  return (
    <TaPage title={t("ta.partnerships.title")} intro={t("ta.partnerships.intro")}>
      <p>
        <Link to="/ta/partnerships/new" className="usa-button">
          {t("ta.partnerships.new")}
        </Link>
      </p>
      <search aria-label={t("ta.filters.label")}>
        <form onSubmit={submit} className="ta-filters margin-y-2">
          <div>
            <Label htmlFor="partnership-q">{t("ta.filters.search")}</Label>
            <TextInput
              id="partnership-q"
              name="q"
              type="search"
              value={form.q}
              onChange={(e) => setForm({ ...form, q: e.target.value })}
            />
          </div>
          <div>
            <Label htmlFor="partnership-sector">{t("ta.filters.sector")}</Label>
            <Select
              id="partnership-sector"
              name="sector"
              value={form.sector}
              onChange={(e) => setForm({ ...form, sector: e.target.value })}
            >
              <option value="">{t("ta.filters.any")}</option>
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(`ta.sectors.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Button type="submit">{t("ta.filters.apply")}</Button>
          </div>
        </form>
      </search>
      {partnerships.isPending ? <Loading /> : null}
      {partnerships.isError ? <TaError error={partnerships.error} /> : null}
      {partnerships.data?.items.length === 0 ? (
        <EmptyState title={t("ta.partnerships.noneTitle")}>{t("ta.partnerships.none")}</EmptyState>
      ) : null}
      {partnerships.data && partnerships.data.items.length > 0 ? (
        <TableWrap label={t("ta.partnerships.title")}>
          <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
            <caption>{t("ta.partnerships.caption", { count: partnerships.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ta.partnerships.name")}</th>
                <th scope="col">{t("ta.partnerships.geography")}</th>
                <th scope="col">{t("ta.fields.sectors")}</th>
                <th scope="col">{t("ta.partnerships.members")}</th>
                <th scope="col">{t("ta.partnerships.level")}</th>
                <th scope="col">{t("ta.partnerships.steward")}</th>
              </tr>
            </thead>
            <tbody>
              {partnerships.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row" data-label={t("ta.partnerships.name")}>
                    <Link to={`/ta/partnerships/${p.id}`} className="usa-link">
                      {p.name}
                    </Link>
                  </th>
                  <td data-label={t("ta.partnerships.geography")}>
                    {p.geographyName} (
                    {t(`ta.geography.${p.geographyKind}` as "ta.geography.county", {
                      defaultValue: p.geographyKind,
                    })}
                    )
                  </td>
                  <td data-label={t("ta.fields.sectors")}>{sectorNames(t, p.sectors) || "—"}</td>
                  <td data-label={t("ta.partnerships.members")}>{p.memberCount}</td>
                  <td data-label={t("ta.partnerships.level")}>
                    {p.currentLevel ? t(`ta.collaboration.${p.currentLevel}`) : "—"}
                  </td>
                  <td data-label={t("ta.partnerships.steward")}>{p.stewardOrganizationName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </TaPage>
  );
}

function PartnershipForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Partnership;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: PartnershipInput) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const p = initial ? "edit-partnership" : "partnership";
  const [name, setName] = useState(initial?.name ?? "");
  const [geographyKind, setGeographyKind] = useState<GeographyKind | "">(
    (initial?.geographyKind as GeographyKind) ?? "",
  );
  const [geographyName, setGeographyName] = useState(initial?.geographyName ?? "");
  const [county, setCounty] = useState(initial?.county ?? "");
  const [meetingSchedule, setMeetingSchedule] = useState(initial?.meetingSchedule ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = {
      name: name.trim() ? undefined : t("ta.form.required"),
      geographyKind: geographyKind ? undefined : t("ta.form.required"),
      geographyName: geographyName.trim() ? undefined : t("ta.form.required"),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    onSubmit({
      name: name.trim(),
      geographyKind: geographyKind as GeographyKind,
      geographyName: geographyName.trim(),
      county: county.trim() || null,
      meetingSchedule: meetingSchedule.trim() || null,
      description: description.trim() || null,
    });
  }
  return (
    <Form onSubmit={submit} noValidate large>
      <TaField
        id={`${p}-name`}
        label={t("ta.partnerships.name")}
        value={name}
        onChange={setName}
        error={errors.name}
        required
      />
      <RadioGroup
        idPrefix={`${p}-geography-kind`}
        legend={t("ta.partnerships.geographyKind")}
        options={GEOGRAPHY_KINDS}
        value={geographyKind}
        onChange={setGeographyKind}
        labelOf={(k) => t(`ta.geography.${k}`)}
      />
      {errors.geographyKind ? <ErrorMessage>{errors.geographyKind}</ErrorMessage> : null}
      <TaField
        id={`${p}-geography-name`}
        label={t("ta.partnerships.geographyName")}
        value={geographyName}
        onChange={setGeographyName}
        error={errors.geographyName}
        required
      />
      <TaField id={`${p}-county`} label={t("ta.form.county")} value={county} onChange={setCounty} />
      <TaField
        id={`${p}-schedule`}
        label={t("ta.partnerships.schedule")}
        value={meetingSchedule}
        onChange={setMeetingSchedule}
      />
      <Label htmlFor={`${p}-description`}>{t("ta.form.description")}</Label>
      <Textarea
        id={`${p}-description`}
        name="description"
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      {error ? <TaError error={error} /> : null}
      <Button type="submit" disabled={pending} className="margin-top-2">
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button type="button" unstyled className="margin-left-2" onClick={onCancel}>
          {t("ta.common.cancel")}
        </Button>
      ) : null}
    </Form>
  );
}

export function NewPartnershipPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePartnership();
  return (
    <TaPage title={t("ta.partnerships.newTitle")} intro={t("ta.partnerships.newIntro")}>
      <PartnershipForm
        submitLabel={t("ta.partnerships.create")}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) =>
          create.mutate(body, { onSuccess: (created) => navigate(`/ta/partnerships/${created.id}`) })
        }
      />
    </TaPage>
  );
}

export function PartnershipPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const partnership = usePartnership(id);
  if (partnership.isPending) return <Loading />;
  if (partnership.isError) {
    return (
      <TaPage title={t("ta.detail.notFound")}>
        <TaError error={partnership.error} />
      </TaPage>
    );
  }
  return <PartnershipView partnership={partnership.data} reload={() => void partnership.refetch()} />;
}

function PartnershipView({ partnership: p, reload }: { partnership: Partnership; reload: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePartnership(p.id);
  const [editing, setEditing] = useState(false);
  return (
    <TaPage
      title={p.name}
      intro={t("ta.partnerships.detailIntro", {
        geography: p.geographyName,
        steward: p.stewardOrganizationName,
      })}
    >
      <dl>
        <DetailItem label={t("ta.partnerships.geography")}>
          {p.geographyName} (
          {t(`ta.geography.${p.geographyKind}` as "ta.geography.county", { defaultValue: p.geographyKind })})
        </DetailItem>
        {p.county ? <DetailItem label={t("ta.fields.county")}>{p.county}</DetailItem> : null}
        <DetailItem label={t("ta.partnerships.schedule")}>{p.meetingSchedule ?? "—"}</DetailItem>
        <DetailItem label={t("ta.partnerships.level")}>
          {p.currentLevel ? t(`ta.collaboration.${p.currentLevel}`) : "—"}
        </DetailItem>
        {p.description ? <DetailItem label={t("ta.fields.description")}>{p.description}</DetailItem> : null}
      </dl>
      {p.canManage ? (
        editing ? (
          <>
            {isStale(update.error) ? (
              <p className="usa-error-message" role="alert">
                {t("ta.errors.stale")}{" "}
                <Button
                  type="button"
                  unstyled
                  onClick={() => {
                    update.reset();
                    reload();
                  }}
                >
                  {t("ta.common.reload")}
                </Button>
              </p>
            ) : null}
            <PartnershipForm
              key={p.version}
              initial={p}
              submitLabel={t("ta.detail.saveChanges")}
              pending={update.isPending}
              error={isStale(update.error) ? null : update.error}
              onCancel={() => setEditing(false)}
              onSubmit={(body) =>
                update.mutate({ version: p.version, ...body }, { onSuccess: () => setEditing(false) })
              }
            />
          </>
        ) : (
          <Button type="button" outline onClick={() => setEditing(true)}>
            {t("ta.partnerships.edit")}
          </Button>
        )
      ) : null}
      <Members partnership={p} />
      <Documents partnership={p} />
      <Levels partnership={p} />
    </TaPage>
  );
}
