import "./ta.css";
import { Button, Checkbox, Fieldset, Form, Label, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { CopyField } from "../admin/CopyField.tsx";
import { TaField } from "./FormFields.tsx";
import {
  type Training,
  type TrainingSummary,
  useCreateTraining,
  useRecordAttendance,
  useRegister,
  useTraining,
  useTrainings,
  useUpdateTraining,
} from "./learning.api.ts";
import {
  apiFieldErrors,
  DetailItem,
  isStale,
  RadioGroup,
  SectorCheckboxes,
  sectorNames,
  TableWrap,
  TaError,
  TaPage,
  useTimestampFormat,
} from "./TaBits.tsx";
import { Results, useLocalText } from "./TrainingResults.tsx";
import { type Sector, TA_LEVELS, type TaLevel } from "./ta.api.ts";

/** Trainings of the state's TA network: upcoming and past, with registration, attendance and evaluation. */
export function TrainingsPage() {
  const { t } = useTranslation();
  const trainings = useTrainings();
  const now = Date.now();
  const items = trainings.data?.items ?? [];
  const upcoming = items.filter((tr) => new Date(tr.endsAt ?? tr.startsAt).getTime() >= now).reverse();
  const past = items.filter((tr) => new Date(tr.endsAt ?? tr.startsAt).getTime() < now);
  return (
    <TaPage title={t("ta.trainings.title")} intro={t("ta.trainings.intro")}>
      <p className="display-flex flex-wrap">
        <Link to="/ta/trainings/new" className="usa-button">
          {t("ta.trainings.new")}
        </Link>
        <Link to="/ta/trainings/results" className="usa-button usa-button--outline">
          {t("ta.trainings.acrossEvents")}
        </Link>
      </p>
      {trainings.isPending ? <Loading /> : null}
      {trainings.isError ? <TaError error={trainings.error} /> : null}
      {trainings.data ? (
        <>
          <h2 id="upcoming-heading">{t("ta.trainings.upcoming")}</h2>
          {upcoming.length === 0 ? (
            <p>{t("ta.trainings.noneUpcoming")}</p>
          ) : (
            <TrainingsTable items={upcoming} caption={t("ta.trainings.upcoming")} />
          )}
          <h2 id="past-heading">{t("ta.trainings.past")}</h2>
          {past.length === 0 ? (
            <p>{t("ta.trainings.nonePast")}</p>
          ) : (
            <TrainingsTable items={past} caption={t("ta.trainings.past")} />
          )}
        </>
      ) : null}
    </TaPage>
  );
}

function TrainingsTable({ items, caption }: { items: TrainingSummary[]; caption: string }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  return (
    <TableWrap label={caption}>
      <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ta.trainings.trainingTitle")}</th>
            <th scope="col">{t("ta.trainings.when")}</th>
            <th scope="col">{t("ta.fields.level")}</th>
            <th scope="col">{t("ta.trainings.organizer")}</th>
            <th scope="col">{t("ta.trainings.counts")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((tr) => (
            <tr key={tr.id}>
              <th scope="row" data-label={t("ta.trainings.trainingTitle")}>
                <Link to={`/ta/trainings/${tr.id}`} className="usa-link">
                  {tr.title}
                </Link>
              </th>
              <td data-label={t("ta.trainings.when")}>
                {formatTime(tr.startsAt)}
                {tr.location ? <div className="text-base-dark">{tr.location}</div> : null}
              </td>
              <td data-label={t("ta.fields.level")}>{t(`ta.levels.${tr.level}`)}</td>
              <td data-label={t("ta.trainings.organizer")}>{tr.organizationName}</td>
              <td data-label={t("ta.trainings.counts")}>
                {t("ta.trainings.figuresText", {
                  registered: tr.registered,
                  attended: tr.attended,
                  responses: tr.responses,
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const toIso = (local: string) => (local ? new Date(local).toISOString() : "");

export function NewTrainingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTraining();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [level, setLevel] = useState<TaLevel | "">("");
  const [sectors, setSectors] = useState<Sector[]>([]);
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [location, setLocation] = useState("");
  const [communities, setCommunities] = useState("");
  const [capacity, setCapacity] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const server = apiFieldErrors(create.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const capacityValue = capacity.trim() ? Number(capacity) : null;
    const next = {
      title: title.trim() ? undefined : t("ta.form.required"),
      level: level ? undefined : t("ta.form.required"),
      startsAt: startsAt ? undefined : t("ta.form.required"),
      endsAt: endsAt && startsAt && endsAt < startsAt ? t("ta.form.endBeforeStart") : undefined,
      capacity:
        capacityValue !== null && !(Number.isInteger(capacityValue) && capacityValue >= 1)
          ? t("ta.form.numberInvalid")
          : undefined,
    };
    setErrors(next);
    const first = Object.entries(next).find(([, v]) => v)?.[0];
    if (first) {
      document.getElementById(first === "level" ? "training-level-awareness" : `training-${first}`)?.focus();
      return;
    }
    create.mutate(
      {
        title: title.trim(),
        description: description.trim() || null,
        level: level as TaLevel,
        sectors,
        startsAt: toIso(startsAt),
        endsAt: endsAt ? toIso(endsAt) : null,
        location: location.trim() || null,
        communities: communities
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
        capacity: capacityValue,
      },
      { onSuccess: (created) => navigate(`/ta/trainings/${created.id}`) },
    );
  }
  const err = (key: string) => errors[key] ?? server[key];
  return (
    <TaPage title={t("ta.trainings.newTitle")} intro={t("ta.trainings.newIntro")}>
      <Form onSubmit={submit} noValidate large>
        <TaField
          id="training-title"
          label={t("ta.trainings.trainingTitle")}
          value={title}
          onChange={setTitle}
          error={err("title")}
          required
        />
        <Label htmlFor="training-description">{t("ta.form.description")}</Label>
        <Textarea
          id="training-description"
          name="description"
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <RadioGroup
          idPrefix="training-level"
          legend={t("ta.fields.level")}
          options={TA_LEVELS}
          value={level}
          onChange={setLevel}
          labelOf={(l) => t(`ta.levels.${l}`)}
        />
        {err("level") ? <p className="usa-error-message">{err("level")}</p> : null}
        <SectorCheckboxes
          idPrefix="training"
          legend={t("ta.fields.sectors")}
          value={sectors}
          onChange={setSectors}
        />
        <TaField
          id="training-startsAt"
          type="datetime-local"
          label={t("ta.trainings.startsAt")}
          value={startsAt}
          onChange={setStartsAt}
          error={err("startsAt")}
          required
        />
        <TaField
          id="training-endsAt"
          type="datetime-local"
          label={t("ta.trainings.endsAt")}
          value={endsAt}
          onChange={setEndsAt}
          error={err("endsAt")}
        />
        <TaField
          id="training-location"
          label={t("ta.trainings.location")}
          value={location}
          onChange={setLocation}
        />
        <TaField
          id="training-communities"
          label={t("ta.trainings.communities")}
          hint={t("ta.library.listHint")}
          value={communities}
          onChange={setCommunities}
        />
        <TaField
          id="training-capacity"
          type="number"
          label={t("ta.trainings.capacity")}
          value={capacity}
          onChange={setCapacity}
          error={err("capacity")}
        />
        {create.isError ? <TaError error={create.error} /> : null}
        <Button type="submit" disabled={create.isPending} className="margin-top-2">
          {t("ta.trainings.create")}
        </Button>
      </Form>
    </TaPage>
  );
}

export function TrainingPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const training = useTraining(id);
  if (training.isPending) return <Loading />;
  if (training.isError) {
    return (
      <TaPage title={t("ta.detail.notFound")}>
        <TaError error={training.error} />
      </TaPage>
    );
  }
  return <TrainingView training={training.data} />;
}

function TrainingView({ training: tr }: { training: Training }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  const localText = useLocalText();
  const update = useUpdateTraining(tr.id);
  return (
    <TaPage title={tr.title} intro={t("ta.trainings.detailIntro", { organizer: tr.organizationName })}>
      <dl>
        <DetailItem label={t("ta.trainings.when")}>
          {formatTime(tr.startsAt)}
          {tr.endsAt ? ` – ${formatTime(tr.endsAt)}` : ""}
        </DetailItem>
        <DetailItem label={t("ta.fields.location")}>{tr.location ?? "—"}</DetailItem>
        <DetailItem label={t("ta.fields.level")}>{t(`ta.levels.${tr.level}`)}</DetailItem>
        <DetailItem label={t("ta.fields.sectors")}>{sectorNames(t, tr.sectors) || "—"}</DetailItem>
        <DetailItem label={t("ta.trainings.communities")}>{tr.communities.join(", ") || "—"}</DetailItem>
        <DetailItem label={t("ta.fields.capacity")}>{tr.capacity ?? "—"}</DetailItem>
        <DetailItem label={t("ta.trainings.figures")}>
          {t("ta.trainings.figuresText", {
            registered: tr.registered,
            attended: tr.attended,
            responses: tr.responses,
          })}
        </DetailItem>
        {tr.description ? <DetailItem label={t("ta.fields.description")}>{tr.description}</DetailItem> : null}
      </dl>
      <section aria-labelledby="survey-heading" className="margin-top-4">
        <h2 id="survey-heading">{t("ta.trainings.survey", { title: localText(tr.survey.title) })}</h2>
        <p>{tr.surveyOpen ? t("ta.trainings.surveyOpen") : t("ta.trainings.surveyClosed")}</p>
        {tr.surveyUrl ? (
          <div className="ta-copy">
            <CopyField id="survey-url" label={t("ta.trainings.surveyLink")} value={tr.surveyUrl} />
          </div>
        ) : null}
        {tr.canManage ? (
          <>
            <Button
              type="button"
              outline
              disabled={update.isPending}
              onClick={() => update.mutate({ version: tr.version, surveyOpen: !tr.surveyOpen })}
            >
              {tr.surveyOpen ? t("ta.trainings.closeSurvey") : t("ta.trainings.openSurvey")}
            </Button>
            {update.isError ? (
              isStale(update.error) ? (
                <TaError error={update.error} />
              ) : (
                <TaError error={update.error} />
              )
            ) : null}
          </>
        ) : null}
      </section>
      {tr.canManage ? <Registrations training={tr} /> : null}
      <Results trainingId={tr.id} />
    </TaPage>
  );
}

function Registrations({ training: tr }: { training: Training }) {
  const { t } = useTranslation();
  const register = useRegister(tr.id);
  const attendance = useRecordAttendance(tr.id);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [organization, setOrganization] = useState("");
  const [community, setCommunity] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [attended, setAttended] = useState<Set<string>>(
    new Set(tr.registrations.filter((r) => r.attended).map((r) => r.id)),
  );
  const [savedAttendance, setSavedAttendance] = useState(false);
  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setProblem(t("ta.form.required"));
      document.getElementById("registration-name")?.focus();
      return;
    }
    setProblem(undefined);
    register.mutate(
      {
        name: name.trim(),
        email: email.trim() || null,
        organizationName: organization.trim() || null,
        community: community.trim() || null,
      },
      {
        onSuccess: () => {
          setName("");
          setEmail("");
          setOrganization("");
          setCommunity("");
        },
      },
    );
  }
  function saveAttendance(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSavedAttendance(false);
    attendance.mutate([...attended], { onSuccess: () => setSavedAttendance(true) });
  }
  return (
    <section aria-labelledby="registrations-heading" className="margin-top-4">
      <h2 id="registrations-heading">{t("ta.trainings.registrations")}</h2>
      {tr.registrations.length === 0 ? (
        <p>{t("ta.trainings.noRegistrations")}</p>
      ) : (
        <Form onSubmit={saveAttendance} large>
          <Fieldset legend={t("ta.trainings.attendanceLegend")}>
            {tr.registrations.map((r) => (
              <Checkbox
                key={r.id}
                id={`attended-${r.id}`}
                name="attended"
                label={[r.name, r.organizationName, r.community].filter(Boolean).join(" · ")}
                checked={attended.has(r.id)}
                onChange={(e) => {
                  const next = new Set(attended);
                  if (e.target.checked) next.add(r.id);
                  else next.delete(r.id);
                  setAttended(next);
                }}
              />
            ))}
          </Fieldset>
          {attendance.isError ? <TaError error={attendance.error} /> : null}
          {savedAttendance ? <SuccessAlert>{t("ta.trainings.attendanceSaved")}</SuccessAlert> : null}
          <Button type="submit" disabled={attendance.isPending} className="margin-top-2">
            {t("ta.trainings.saveAttendance")}
          </Button>
        </Form>
      )}
      <Form onSubmit={add} noValidate large className="ta-card margin-top-3">
        <h3 className="margin-top-0">{t("ta.trainings.addParticipant")}</h3>
        <TaField
          id="registration-name"
          label={t("ta.trainings.participantName")}
          value={name}
          onChange={setName}
          error={problem}
          required
        />
        <TaField
          id="registration-email"
          type="email"
          label={t("ta.trainings.participantEmail")}
          value={email}
          onChange={setEmail}
        />
        <TaField
          id="registration-organization"
          label={t("ta.trainings.participantOrganization")}
          value={organization}
          onChange={setOrganization}
        />
        <TaField
          id="registration-community"
          label={t("ta.trainings.participantCommunity")}
          value={community}
          onChange={setCommunity}
        />
        {register.isError ? <TaError error={register.error} /> : null}
        <Button type="submit" disabled={register.isPending} className="margin-top-2">
          {t("ta.trainings.register")}
        </Button>
      </Form>
    </section>
  );
}
