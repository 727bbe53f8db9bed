import {
  Button,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { ScrollRegion, useDateFormat, useText2 } from "./FamilyBits.tsx";
import {
  type FamilyDocument,
  type Goal,
  servicePlanPdfUrl,
  useFamilyAction,
  useInstruments,
} from "./families.api.ts";

/** Step 2: the plan written with the family, its revisions, approval and the printable copy. */
export function ServicePlanSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const text = useText2();
  const formatDate = useDateFormat();
  const me = useSignedInMe();
  const role = activeMembership(me)?.role;
  const canApprove = role === "manager" || role === "admin";
  const instruments = useInstruments();
  const instrument = instruments.data?.items[0];
  const approve = useFamilyAction(
    family.id,
    "POST",
    `/service-plans/${family.planRevisions[0]?.revision ?? 0}/approval`,
  );
  const [editing, setEditing] = useState(false);
  const plan = family.servicePlan;
  const pending = family.planRevisions[0]?.status === "pending_approval" ? family.planRevisions[0] : null;
  const domainLabel = (key?: string) =>
    key ? text(instrument?.domains.find((d) => d.key === key)?.label) : "";

  return (
    <section className="families-section" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("families.plan.heading")}</h2>
      {!plan ? <p>{t("families.plan.none")}</p> : null}
      {plan ? (
        <>
          <p>
            {t("families.plan.revisionLine", {
              revision: plan.revision,
              date: formatDate(plan.createdAt),
              name: plan.createdByName ?? "—",
            })}{" "}
            <span className="usa-tag">{t(`families.plan.status.${plan.status}`)}</span>
          </p>
          {plan.goals.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a saved plan is read-only, shown in its stored order.
            <div key={i} className="margin-bottom-2">
              <h3>
                {t("families.plan.goalNumber", { number: i + 1 })}: {g.goal}
              </h3>
              {g.domain ? <p className="text-italic">{domainLabel(g.domain)}</p> : null}
              {g.steps.length > 0 ? (
                <ScrollRegion label={t("families.plan.stepsCaption", { number: i + 1 })}>
                  <table className="usa-table usa-table--compact">
                    <caption className="usa-sr-only">
                      {t("families.plan.stepsCaption", { number: i + 1 })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("families.plan.action")}</th>
                        <th scope="col">{t("families.plan.who")}</th>
                        <th scope="col">{t("families.plan.when")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.steps.map((s, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: read-only, in stored order.
                        <tr key={j}>
                          <td>{s.action}</td>
                          <td>{s.who}</td>
                          <td>{s.when}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              ) : null}
              {g.servicesNeeded.length > 0 ? (
                <p>
                  <strong>{t("families.plan.services")}:</strong> {g.servicesNeeded.join("; ")}
                </p>
              ) : null}
            </div>
          ))}
          <h3>{t("families.plan.disengagement")}</h3>
          <dl>
            <dt className="text-bold">{t("families.plan.disengageWhen")}</dt>
            <dd className="margin-left-0 margin-bottom-1">{plan.disengagement.when}</dd>
            <dt className="text-bold">{t("families.plan.disengageHow")}</dt>
            <dd className="margin-left-0 margin-bottom-1">{plan.disengagement.how}</dd>
            <dt className="text-bold">{t("families.plan.disengageNeeds")}</dt>
            <dd className="margin-left-0 margin-bottom-1">{plan.disengagement.needs}</dd>
          </dl>
          <ul className="usa-button-group families-no-print">
            <li className="usa-button-group__item">
              <a
                className="usa-button usa-button--outline"
                href={servicePlanPdfUrl(family.id, "en")}
                download
              >
                {t("families.plan.pdfEnglish")}
              </a>
            </li>
            <li className="usa-button-group__item">
              <a
                className="usa-button usa-button--outline"
                href={servicePlanPdfUrl(family.id, "es")}
                download
                lang="es"
              >
                {t("families.plan.pdfSpanish")}
              </a>
            </li>
          </ul>
        </>
      ) : null}
      {pending ? (
        <div className="usa-alert usa-alert--info usa-alert--slim margin-y-2">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {t("families.plan.pendingText", { revision: pending.revision })}
            </p>
            {canApprove ? (
              <Button type="button" onClick={() => approve.mutate({})} disabled={approve.isPending}>
                {t("families.plan.approve", { revision: pending.revision })}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      {approve.error ? <ErrorAlert error={approve.error} /> : null}
      {family.planRevisions.length > 1 ? (
        <details className="margin-y-2">
          <summary>{t("families.plan.history", { count: family.planRevisions.length })}</summary>
          <ul>
            {family.planRevisions.map((r) => (
              <li key={r.id}>
                {t("families.plan.revisionLine", {
                  revision: r.revision,
                  date: formatDate(r.createdAt),
                  name: r.createdByName ?? "—",
                })}{" "}
                · {t(`families.plan.status.${r.status}`)}
                {r.changeNote ? ` — ${r.changeNote}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {family.status === "open" ? (
        editing ? (
          <PlanForm family={family} onDone={() => setEditing(false)} />
        ) : (
          <Button type="button" onClick={() => setEditing(true)} className="families-no-print">
            {plan ? t("families.plan.revise") : t("families.plan.write")}
          </Button>
        )
      ) : null}
    </section>
  );
}

let draftCounter = 0;
/** Drafts carry a key of their own so React keeps each input with its goal or step when one is removed. */
const uid = () => `draft-${++draftCounter}`;
type StepDraft = Goal["steps"][number] & { uid: string };
type GoalDraft = Omit<Goal, "steps"> & { uid: string; steps: StepDraft[] };
const emptyStep = (): StepDraft => ({ uid: uid(), action: "", who: "", when: "" });
const emptyGoal = (): GoalDraft => ({
  uid: uid(),
  goal: "",
  domain: "",
  steps: [emptyStep()],
  servicesNeeded: [],
});

function PlanForm({ family, onDone }: { family: FamilyDocument; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useText2();
  const instruments = useInstruments();
  const instrument = instruments.data?.items[0];
  const save = useFamilyAction(family.id, "POST", "/service-plans");
  const latest = family.planRevisions[0];
  const base = family.servicePlan ?? latest;
  const [goals, setGoals] = useState<GoalDraft[]>(
    base
      ? base.goals.map((g) => ({ ...g, uid: uid(), steps: g.steps.map((step) => ({ ...step, uid: uid() })) }))
      : [emptyGoal()],
  );
  const [services, setServices] = useState<string[]>(goals.map((g) => g.servicesNeeded.join("\n")));
  const [disengagement, setDisengagement] = useState(base?.disengagement ?? { when: "", how: "", needs: "" });
  const [changeNote, setChangeNote] = useState("");

  const setGoal = (i: number, change: Partial<GoalDraft>) =>
    setGoals(goals.map((g, j) => (j === i ? { ...g, ...change } : g)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      {
        basedOnRevision: latest?.revision ?? null,
        goals: goals.map((g, i) => ({
          goal: g.goal.trim(),
          ...(g.domain ? { domain: g.domain } : {}),
          steps: g.steps
            .filter((s) => s.action.trim())
            .map((s) => ({ action: s.action.trim(), who: s.who.trim() || "—", when: s.when.trim() || "—" })),
          servicesNeeded: (services[i] ?? "")
            .split("\n")
            .map((s) => s.trim())
            .filter(Boolean),
        })),
        disengagement,
        ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <Form onSubmit={submit} large className="families-no-print">
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {goals.map((g, i) => (
        <Fieldset
          key={g.uid}
          legend={t("families.plan.goalNumber", { number: i + 1 })}
          className="families-members"
        >
          <Label htmlFor={`goal-${i}`}>{t("families.plan.goalText")}</Label>
          <span className="usa-hint" id={`goal-${i}-hint`}>
            {t("families.plan.goalHint")}
          </span>
          <Textarea
            id={`goal-${i}`}
            name={`goal-${i}`}
            required
            aria-describedby={`goal-${i}-hint`}
            value={g.goal}
            onChange={(e) => setGoal(i, { goal: e.target.value })}
          />
          <Label htmlFor={`goal-${i}-domain`}>{t("families.plan.domain")}</Label>
          <Select
            id={`goal-${i}-domain`}
            name={`goal-${i}-domain`}
            value={g.domain ?? ""}
            onChange={(e) => setGoal(i, { domain: e.target.value })}
          >
            <option value="">{t("families.plan.noDomain")}</option>
            {instrument?.domains.map((d) => (
              <option key={d.key} value={d.key}>
                {text(d.label)}
              </option>
            ))}
          </Select>
          {g.steps.map((s, j) => (
            <Fieldset key={s.uid} legend={t("families.plan.stepNumber", { goal: i + 1, number: j + 1 })}>
              <Label htmlFor={`goal-${i}-step-${j}-action`}>{t("families.plan.action")}</Label>
              <TextInput
                id={`goal-${i}-step-${j}-action`}
                name={`goal-${i}-step-${j}-action`}
                type="text"
                value={s.action}
                onChange={(e) =>
                  setGoal(i, {
                    steps: g.steps.map((x, k) => (k === j ? { ...x, action: e.target.value } : x)),
                  })
                }
              />
              <Label htmlFor={`goal-${i}-step-${j}-who`}>{t("families.plan.who")}</Label>
              <TextInput
                id={`goal-${i}-step-${j}-who`}
                name={`goal-${i}-step-${j}-who`}
                type="text"
                value={s.who}
                onChange={(e) =>
                  setGoal(i, { steps: g.steps.map((x, k) => (k === j ? { ...x, who: e.target.value } : x)) })
                }
              />
              <Label htmlFor={`goal-${i}-step-${j}-when`}>{t("families.plan.when")}</Label>
              <TextInput
                id={`goal-${i}-step-${j}-when`}
                name={`goal-${i}-step-${j}-when`}
                type="text"
                value={s.when}
                onChange={(e) =>
                  setGoal(i, { steps: g.steps.map((x, k) => (k === j ? { ...x, when: e.target.value } : x)) })
                }
              />
            </Fieldset>
          ))}
          <Button
            type="button"
            unstyled
            className="margin-y-1"
            onClick={() => setGoal(i, { steps: [...g.steps, emptyStep()] })}
          >
            {t("families.plan.addStep", { number: i + 1 })}
          </Button>
          <Label htmlFor={`goal-${i}-services`}>{t("families.plan.services")}</Label>
          <span className="usa-hint" id={`goal-${i}-services-hint`}>
            {t("families.plan.servicesHint")}
          </span>
          <Textarea
            id={`goal-${i}-services`}
            name={`goal-${i}-services`}
            aria-describedby={`goal-${i}-services-hint`}
            value={services[i] ?? ""}
            onChange={(e) =>
              setServices(goals.map((_, k) => (k === i ? e.target.value : (services[k] ?? ""))))
            }
          />
        </Fieldset>
      ))}
      <Button
        type="button"
        outline
        onClick={() => {
          setGoals([...goals, emptyGoal()]);
          setServices([...services, ""]);
        }}
      >
        {t("families.plan.addGoal")}
      </Button>
      <Fieldset legend={t("families.plan.disengagement")}>
        <span className="usa-hint">{t("families.plan.disengagementHint")}</span>
        <FormGroup>
          <Label htmlFor="disengage-when">{t("families.plan.disengageWhen")}</Label>
          <TextInput
            id="disengage-when"
            name="disengage-when"
            type="text"
            required
            value={disengagement.when}
            onChange={(e) => setDisengagement({ ...disengagement, when: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="disengage-how">{t("families.plan.disengageHow")}</Label>
          <Textarea
            id="disengage-how"
            name="disengage-how"
            required
            value={disengagement.how}
            onChange={(e) => setDisengagement({ ...disengagement, how: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="disengage-needs">{t("families.plan.disengageNeeds")}</Label>
          <Textarea
            id="disengage-needs"
            name="disengage-needs"
            required
            value={disengagement.needs}
            onChange={(e) => setDisengagement({ ...disengagement, needs: e.target.value })}
          />
        </FormGroup>
      </Fieldset>
      {latest ? (
        <FormGroup>
          <Label htmlFor="plan-change-note">{t("families.plan.changeNote")}</Label>
          <TextInput
            id="plan-change-note"
            name="changeNote"
            type="text"
            value={changeNote}
            onChange={(e) => setChangeNote(e.target.value)}
          />
        </FormGroup>
      ) : null}
      <Button type="submit" disabled={save.isPending}>
        {t("families.plan.save")}
      </Button>
      <Button type="button" unstyled className="margin-left-2" onClick={onDone}>
        {t("families.cancel")}
      </Button>
    </Form>
  );
}
