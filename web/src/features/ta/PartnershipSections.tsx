import "./ta.css";
import { Button, Form, FormGroup, Label, Select, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { LevelStepChart } from "./Charts.tsx";
import { TaField } from "./FormFields.tsx";
import {
  COLLABORATION_LEVELS,
  type CollaborationLevel,
  DOCUMENT_KINDS,
  type DocumentKind,
  type Partnership,
  partnershipDocumentUrl,
  useAddDocument,
  useAddMember,
  useRecordLevel,
  useRemoveMember,
} from "./partnerships.api.ts";
import {
  RadioGroup,
  readFileAsBase64,
  TableWrap,
  TaError,
  useDayFormat,
  useTimestampFormat,
} from "./TaBits.tsx";
import { SECTORS, type Sector } from "./ta.api.ts";

const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export function Members({ partnership: p }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const remove = useRemoveMember(p.id);
  const current = p.members.filter((m) => !m.leftOn);
  const bySector = SECTORS.map((sector) => ({
    sector,
    members: current.filter((m) => m.sector === sector),
  })).filter((group) => group.members.length > 0);
  return (
    <section aria-labelledby="members-heading" className="margin-top-4">
      <h2 id="members-heading">{t("ta.partnerships.membersBySector")}</h2>
      {bySector.length === 0 ? <p>{t("ta.partnerships.noMembers")}</p> : null}
      {bySector.map((group) => (
        <div key={group.sector}>
          <h3>{t(`ta.sectors.${group.sector}`)}</h3>
          <ul className="usa-list">
            {group.members.map((m) => (
              <li key={m.id}>
                {m.name}
                {m.role ? ` — ${m.role}` : ""}
                {p.canManage ? (
                  <Button
                    type="button"
                    unstyled
                    className="margin-left-2"
                    disabled={remove.isPending}
                    aria-label={t("ta.partnerships.removeMember", { name: m.name })}
                    onClick={() => remove.mutate(m.id)}
                  >
                    {t("ta.partnerships.remove")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {remove.isError ? <TaError error={remove.error} /> : null}
      {p.canManage ? <AddMemberForm partnershipId={p.id} /> : null}
    </section>
  );
}

function AddMemberForm({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const add = useAddMember(partnershipId);
  const [name, setName] = useState("");
  const [sector, setSector] = useState<Sector | "">("");
  const [role, setRole] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim() || !sector) {
      setProblem(t("ta.partnerships.memberRequired"));
      return;
    }
    setProblem(undefined);
    add.mutate(
      { name: name.trim(), sector, role: role.trim() || null },
      {
        onSuccess: () => {
          setName("");
          setRole("");
          setSector("");
        },
      },
    );
  }
  return (
    <Form onSubmit={submit} noValidate large className="ta-card">
      <h3 className="margin-top-0">{t("ta.partnerships.addMember")}</h3>
      {problem ? (
        <p className="usa-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <TaField
        id="member-name"
        label={t("ta.partnerships.memberName")}
        value={name}
        onChange={setName}
        required
      />
      <FormGroup>
        <Label htmlFor="member-sector">{t("ta.partnerships.memberSector")}</Label>
        <Select
          id="member-sector"
          name="sector"
          value={sector}
          onChange={(e) => setSector(e.target.value as Sector)}
        >
          <option value="">{t("ta.form.choose")}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {t(`ta.sectors.${s}`)}
            </option>
          ))}
        </Select>
      </FormGroup>
      <TaField id="member-role" label={t("ta.partnerships.memberRole")} value={role} onChange={setRole} />
      {add.isError ? <TaError error={add.error} /> : null}
      <Button type="submit" disabled={add.isPending} className="margin-top-2">
        {t("ta.partnerships.addMemberButton")}
      </Button>
    </Form>
  );
}

export function Documents({ partnership: p }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  return (
    <section aria-labelledby="documents-heading" className="margin-top-4">
      <h2 id="documents-heading">{t("ta.partnerships.documents")}</h2>
      {p.documents.length === 0 ? <p>{t("ta.partnerships.noDocuments")}</p> : null}
      <ul className="usa-list">
        {p.documents.map((d) => (
          <li key={d.id}>
            {d.url ? (
              <a href={d.url} className="usa-link" rel="noopener noreferrer" target="_blank">
                {d.title}
                <span className="usa-sr-only"> {t("ta.common.newWindow")}</span>
              </a>
            ) : (
              <a
                href={partnershipDocumentUrl(p.id, d.id)}
                className="usa-link"
                download={d.fileName ?? undefined}
              >
                {t("ta.partnerships.download", { title: d.title })}
              </a>
            )}{" "}
            ({t(`ta.documentKinds.${d.kind}` as "ta.documentKinds.charter", { defaultValue: d.kind })}
            {d.addedByName ? `, ${d.addedByName}` : ""}, {formatTime(d.addedAt)})
          </li>
        ))}
      </ul>
      {p.canManage ? <AddDocumentForm partnershipId={p.id} /> : null}
    </section>
  );
}

function AddDocumentForm({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const add = useAddDocument(partnershipId);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<DocumentKind>("charter");
  const [source, setSource] = useState<"link" | "file">("link");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim()) return setProblem(t("ta.partnerships.documentTitleRequired"));
    if (source === "link" && !/^https?:\/\/\S+$/.test(url.trim())) return setProblem(t("ta.form.urlInvalid"));
    if (source === "file" && !file) return setProblem(t("ta.form.fileRequired"));
    if (source === "file" && file && file.size > MAX_DOCUMENT_BYTES)
      return setProblem(t("ta.form.fileTooLarge", { mb: 2 }));
    setProblem(undefined);
    const body =
      source === "link" || !file
        ? { title: title.trim(), kind, url: url.trim() }
        : {
            title: title.trim(),
            kind,
            fileName: file.name,
            contentType: file.type || "application/octet-stream",
            contentBase64: await readFileAsBase64(file),
          };
    add.mutate(body, {
      onSuccess: () => {
        setTitle("");
        setUrl("");
        setFile(null);
      },
    });
  }
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate large className="ta-card">
      <h3 className="margin-top-0">{t("ta.partnerships.addDocument")}</h3>
      {problem ? (
        <p className="usa-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <TaField
        id="document-title"
        label={t("ta.partnerships.documentTitle")}
        value={title}
        onChange={setTitle}
        required
      />
      <FormGroup>
        <Label htmlFor="document-kind">{t("ta.partnerships.documentKind")}</Label>
        <Select
          id="document-kind"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as DocumentKind)}
        >
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`ta.documentKinds.${k}`)}
            </option>
          ))}
        </Select>
      </FormGroup>
      <RadioGroup
        idPrefix="document-source"
        legend={t("ta.form.source")}
        options={["link", "file"] as const}
        value={source}
        onChange={setSource}
        labelOf={(s) => t(`ta.form.sources.${s}`)}
      />
      {source === "link" ? (
        <TaField
          id="document-url"
          type="url"
          label={t("ta.form.url")}
          value={url}
          onChange={setUrl}
          required
        />
      ) : (
        <FormGroup>
          <Label htmlFor="document-file">{t("ta.form.file")}</Label>
          <span className="usa-hint" id="document-file-hint">
            {t("ta.form.fileHint", { mb: 2 })}
          </span>
          <input
            id="document-file"
            name="file"
            type="file"
            className="usa-file-input"
            aria-describedby="document-file-hint"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </FormGroup>
      )}
      {add.isError ? <TaError error={add.error} /> : null}
      <Button type="submit" disabled={add.isPending} className="margin-top-2">
        {t("ta.partnerships.addDocumentButton")}
      </Button>
    </Form>
  );
}

export function Levels({ partnership: p }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const formatDay = useDayFormat();
  const oldestFirst = [...p.levels].reverse();
  const names = COLLABORATION_LEVELS.map((l) => t(`ta.collaboration.${l}`));
  const latest = p.levels[0];
  return (
    <section aria-labelledby="levels-heading" className="margin-top-4">
      <h2 id="levels-heading">{t("ta.partnerships.levelsHeading")}</h2>
      <p>{t("ta.partnerships.levelsIntro")}</p>
      {oldestFirst.length === 0 ? (
        <p>{t("ta.partnerships.noLevels")}</p>
      ) : (
        <>
          <LevelStepChart
            title={t("ta.partnerships.levelsChart", { name: p.name })}
            summary={t("ta.partnerships.levelsSummary", {
              count: oldestFirst.length,
              latest: latest ? t(`ta.collaboration.${latest.level}`) : "—",
              date: formatDay(latest?.assessedOn),
            })}
            levels={names}
            points={oldestFirst.map((l) => ({
              date: l.assessedOn,
              value: COLLABORATION_LEVELS.indexOf(l.level) + 1,
            }))}
            formatDay={formatDay}
          />
          <TableWrap label={t("ta.partnerships.levelsHeading")}>
            <table className="usa-table usa-table--borderless">
              <caption>{t("ta.partnerships.levelsTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ta.partnerships.assessedOn")}</th>
                  <th scope="col">{t("ta.partnerships.level")}</th>
                  <th scope="col">{t("ta.fields.note")}</th>
                  <th scope="col">{t("ta.partnerships.recordedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {oldestFirst.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{formatDay(l.assessedOn)}</th>
                    <td>{t(`ta.collaboration.${l.level}`)}</td>
                    <td>{l.note ?? "—"}</td>
                    <td>{l.recordedByName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {p.canManage ? <RecordLevelForm partnershipId={p.id} /> : null}
    </section>
  );
}

function RecordLevelForm({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const record = useRecordLevel(partnershipId);
  const [assessedOn, setAssessedOn] = useState("");
  const [level, setLevel] = useState<CollaborationLevel | "">("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!assessedOn || !level) return setProblem(t("ta.partnerships.levelRequired"));
    setProblem(undefined);
    record.mutate(
      { assessedOn, level, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNote("");
          setLevel("");
        },
      },
    );
  }
  return (
    <Form onSubmit={submit} noValidate large className="ta-card">
      <h3 className="margin-top-0">{t("ta.partnerships.recordLevel")}</h3>
      {problem ? (
        <p className="usa-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <TaField
        id="level-date"
        type="date"
        label={t("ta.partnerships.assessedOn")}
        value={assessedOn}
        onChange={setAssessedOn}
        required
      />
      <RadioGroup
        idPrefix="level-value"
        legend={t("ta.partnerships.level")}
        options={COLLABORATION_LEVELS}
        value={level}
        onChange={setLevel}
        labelOf={(l) => t(`ta.collaboration.${l}`)}
      />
      <Label htmlFor="level-note">{t("ta.partnerships.note")}</Label>
      <Textarea
        id="level-note"
        name="note"
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {record.isError ? <TaError error={record.error} /> : null}
      {record.isSuccess ? <SuccessAlert>{t("ta.partnerships.levelRecorded")}</SuccessAlert> : null}
      <Button type="submit" disabled={record.isPending} className="margin-top-2">
        {t("ta.partnerships.recordLevelButton")}
      </Button>
    </Form>
  );
}
