import "./ta.css";
import {
  Button,
  ErrorMessage,
  Form,
  FormGroup,
  Label,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { EmptyState, Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { TaField } from "./FormFields.tsx";
import {
  MAX_RESOURCE_BYTES,
  RESOURCE_KINDS,
  type Resource,
  type ResourceKind,
  type ResourceSummary,
  resourceFileUrl,
  useAddComment,
  useCreateResource,
  useResource,
  useResources,
} from "./learning.api.ts";
import {
  apiFieldErrors,
  DetailItem,
  RadioGroup,
  readFileAsBase64,
  SectorCheckboxes,
  sectorNames,
  TaError,
  TaPage,
  useTimestampFormat,
} from "./TaBits.tsx";
import { SECTORS, type Sector } from "./ta.api.ts";

const FILTER_KEYS = ["q", "tag", "sector", "audience", "kind"] as const;

/** The peer learning library: toolkits, templates and guides shared by providers, searchable. */
export function LibraryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])) as Record<
    (typeof FILTER_KEYS)[number],
    string
  >;
  const [form, setForm] = useState(filters);
  const resources = useResources(filters);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(
      new URLSearchParams(
        Object.entries(form)
          .map(([k, v]) => [k, v.trim()] as [string, string])
          .filter(([, v]) => v !== ""),
      ),
      { replace: true },
    );
  }
  return (
    <TaPage title={t("ta.library.title")} intro={t("ta.library.intro")}>
      <p>
        <Link to="/ta/library/new" className="usa-button">
          {t("ta.library.share")}
        </Link>
      </p>
      <search aria-label={t("ta.filters.label")}>
        <form onSubmit={submit} className="ta-filters margin-y-2">
          <div>
            <Label htmlFor="library-q">{t("ta.filters.search")}</Label>
            <TextInput
              id="library-q"
              name="q"
              type="search"
              value={form.q}
              onChange={(e) => setForm({ ...form, q: e.target.value })}
            />
          </div>
          <div>
            <Label htmlFor="library-tag">{t("ta.library.tag")}</Label>
            <TextInput
              id="library-tag"
              name="tag"
              type="text"
              value={form.tag}
              onChange={(e) => setForm({ ...form, tag: e.target.value })}
            />
          </div>
          <div>
            <Label htmlFor="library-audience">{t("ta.library.audience")}</Label>
            <TextInput
              id="library-audience"
              name="audience"
              type="text"
              value={form.audience}
              onChange={(e) => setForm({ ...form, audience: e.target.value })}
            />
          </div>
          <div>
            <Label htmlFor="library-sector">{t("ta.filters.sector")}</Label>
            <Select
              id="library-sector"
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
            <Label htmlFor="library-kind">{t("ta.library.kind")}</Label>
            <Select
              id="library-kind"
              name="kind"
              value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value })}
            >
              <option value="">{t("ta.filters.any")}</option>
              {RESOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ta.resourceKinds.${k}`)}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Button type="submit">{t("ta.filters.apply")}</Button>
          </div>
        </form>
      </search>
      {resources.isPending ? <Loading /> : null}
      {resources.isError ? <TaError error={resources.error} /> : null}
      {resources.data?.items.length === 0 ? (
        <EmptyState title={t("ta.library.noneTitle")}>{t("ta.library.none")}</EmptyState>
      ) : null}
      {resources.data && resources.data.items.length > 0 ? (
        <>
          <h2>{t("ta.library.results", { count: resources.data.items.length })}</h2>
          <ul className="usa-list usa-list--unstyled">
            {resources.data.items.map((r) => (
              <ResourceCard key={r.id} resource={r} />
            ))}
          </ul>
        </>
      ) : null}
    </TaPage>
  );
}

function ResourceCard({ resource: r }: { resource: ResourceSummary }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  return (
    <li className="ta-card">
      <h3 className="margin-top-0">
        <Link to={`/ta/library/${r.id}`} className="usa-link">
          {r.title}
        </Link>
      </h3>
      <p className="margin-y-1">
        <span className="usa-tag bg-primary-darker">{t(`ta.resourceKinds.${r.kind}`)}</span>{" "}
        {r.tags.map((tag) => (
          <span key={tag} className="usa-tag bg-base-lighter text-ink margin-right-05">
            {tag}
          </span>
        ))}
      </p>
      {r.description ? <p className="margin-y-1">{r.description}</p> : null}
      <p className="margin-y-1 text-base-dark">
        {t("ta.library.sharedBy", {
          name: r.sharedByName ?? r.organizationName,
          organization: r.organizationName,
          when: formatTime(r.sharedAt),
        })}{" "}
        · {t("ta.library.comments", { count: r.commentCount })}
      </p>
    </li>
  );
}

const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function ShareResourcePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateResource();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [kind, setKind] = useState<ResourceKind | "">("");
  const [source, setSource] = useState<"link" | "file">("link");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [tags, setTags] = useState("");
  const [audiences, setAudiences] = useState("");
  const [sectors, setSectors] = useState<Sector[]>([]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const server = apiFieldErrors(create.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = {
      title: title.trim() ? undefined : t("ta.form.required"),
      kind: kind ? undefined : t("ta.form.required"),
      url: source === "link" && !/^https?:\/\/\S+$/.test(url.trim()) ? t("ta.form.urlInvalid") : undefined,
      file:
        source === "file" && !file
          ? t("ta.form.fileRequired")
          : source === "file" && file && file.size > MAX_RESOURCE_BYTES
            ? t("ta.form.fileTooLarge", { mb: 5 })
            : undefined,
    };
    setErrors(next);
    const first = Object.entries(next).find(([, v]) => v)?.[0];
    if (first) {
      document.getElementById(first === "kind" ? "resource-kind" : `resource-${first}`)?.focus();
      return;
    }
    create.mutate(
      {
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        kind: kind as ResourceKind,
        ...(source === "link" || !file
          ? { url: url.trim() }
          : { file: { fileName: file.name, contentBase64: await readFileAsBase64(file) } }),
        tags: splitList(tags).map((tag) => tag.toLowerCase()),
        audiences: splitList(audiences),
        sectors,
      },
      { onSuccess: (created) => navigate(`/ta/library/${created.id}`, { state: { created: true } }) },
    );
  }
  const err = (key: string) => errors[key] ?? server[key];
  return (
    <TaPage title={t("ta.library.shareTitle")} intro={t("ta.library.shareIntro")}>
      <Form onSubmit={(e) => void submit(e)} noValidate large>
        <TaField
          id="resource-title"
          label={t("ta.library.resourceTitle")}
          value={title}
          onChange={setTitle}
          error={err("title")}
          required
        />
        <Label htmlFor="resource-description">{t("ta.form.description")}</Label>
        <Textarea
          id="resource-description"
          name="description"
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <FormGroup error={Boolean(err("kind"))}>
          <Label htmlFor="resource-kind" error={Boolean(err("kind"))}>
            {t("ta.library.kind")}
          </Label>
          {err("kind") ? <ErrorMessage id="resource-kind-error">{err("kind")}</ErrorMessage> : null}
          <Select
            id="resource-kind"
            name="kind"
            value={kind}
            aria-describedby={err("kind") ? "resource-kind-error" : undefined}
            onChange={(e) => setKind(e.target.value as ResourceKind)}
          >
            <option value="">{t("ta.form.choose")}</option>
            {RESOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ta.resourceKinds.${k}`)}
              </option>
            ))}
          </Select>
        </FormGroup>
        <RadioGroup
          idPrefix="resource-source"
          legend={t("ta.form.source")}
          options={["link", "file"] as const}
          value={source}
          onChange={setSource}
          labelOf={(s) => t(`ta.form.sources.${s}`)}
        />
        {source === "link" ? (
          <TaField
            id="resource-url"
            type="url"
            label={t("ta.form.url")}
            value={url}
            onChange={setUrl}
            error={err("url")}
            required
          />
        ) : (
          <FormGroup error={Boolean(err("file"))}>
            <Label htmlFor="resource-file" error={Boolean(err("file"))}>
              {t("ta.form.file")}
            </Label>
            <span className="usa-hint" id="resource-file-hint">
              {t("ta.library.fileHint")}
            </span>
            {err("file") ? <ErrorMessage id="resource-file-error">{err("file")}</ErrorMessage> : null}
            <input
              id="resource-file"
              name="file"
              type="file"
              accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
              className="usa-file-input"
              aria-describedby={`resource-file-hint${err("file") ? " resource-file-error" : ""}`}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </FormGroup>
        )}
        <TaField
          id="resource-tags"
          label={t("ta.library.tags")}
          hint={t("ta.library.listHint")}
          value={tags}
          onChange={setTags}
        />
        <TaField
          id="resource-audiences"
          label={t("ta.library.audiences")}
          hint={t("ta.library.listHint")}
          value={audiences}
          onChange={setAudiences}
        />
        <SectorCheckboxes
          idPrefix="resource"
          legend={t("ta.fields.sectors")}
          value={sectors}
          onChange={setSectors}
        />
        {create.isError ? <TaError error={create.error} /> : null}
        <Button type="submit" disabled={create.isPending} className="margin-top-2">
          {t("ta.library.shareButton")}
        </Button>
      </Form>
    </TaPage>
  );
}

export function ResourcePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const resource = useResource(id);
  if (resource.isPending) return <Loading />;
  if (resource.isError) {
    return (
      <TaPage title={t("ta.detail.notFound")}>
        <TaError error={resource.error} />
      </TaPage>
    );
  }
  return <ResourceView resource={resource.data} />;
}

function ResourceView({ resource: r }: { resource: Resource }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  const add = useAddComment(r.id);
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setProblem(true);
      document.getElementById("comment-body")?.focus();
      return;
    }
    setProblem(false);
    add.mutate(body.trim(), { onSuccess: () => setBody("") });
  }
  return (
    <TaPage title={r.title} intro={r.description || undefined}>
      <p>
        {r.url ? (
          <a href={r.url} className="usa-button" rel="noopener noreferrer" target="_blank">
            {t("ta.library.open")}
            <span className="usa-sr-only"> {t("ta.common.newWindow")}</span>
          </a>
        ) : r.file ? (
          <a href={resourceFileUrl(r.id)} className="usa-button" download={r.file.fileName}>
            {t("ta.library.download", { name: r.file.fileName })}
          </a>
        ) : null}
      </p>
      <dl>
        <DetailItem label={t("ta.library.kind")}>{t(`ta.resourceKinds.${r.kind}`)}</DetailItem>
        <DetailItem label={t("ta.library.tags")}>{r.tags.join(", ") || "—"}</DetailItem>
        <DetailItem label={t("ta.fields.sectors")}>{sectorNames(t, r.sectors) || "—"}</DetailItem>
        <DetailItem label={t("ta.library.audiences")}>{r.audiences.join(", ") || "—"}</DetailItem>
        <DetailItem label={t("ta.library.sharedByLabel")}>
          {t("ta.library.sharedBy", {
            name: r.sharedByName ?? r.organizationName,
            organization: r.organizationName,
            when: formatTime(r.sharedAt),
          })}
        </DetailItem>
      </dl>
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("ta.library.commentsHeading")}</h2>
        {r.comments.length === 0 ? <p>{t("ta.library.noComments")}</p> : null}
        {r.comments.map((c) => (
          <article
            key={c.id}
            className="ta-card"
            aria-label={t("ta.library.commentBy", { name: c.authorName ?? "—" })}
          >
            <p className="margin-top-0 text-bold">
              {c.authorName ?? "—"}
              {c.organizationName ? `, ${c.organizationName}` : ""} · {formatTime(c.createdAt)}
            </p>
            <p className="margin-bottom-0 ta-prewrap">{c.body}</p>
          </article>
        ))}
        <Form onSubmit={submit} noValidate large>
          <FormGroup error={problem}>
            <Label htmlFor="comment-body" error={problem}>
              {t("ta.library.addComment")}
            </Label>
            {problem ? <ErrorMessage id="comment-error">{t("ta.form.required")}</ErrorMessage> : null}
            <Textarea
              id="comment-body"
              name="body"
              maxLength={4000}
              value={body}
              aria-describedby={problem ? "comment-error" : undefined}
              onChange={(e) => setBody(e.target.value)}
            />
          </FormGroup>
          {add.isError ? <TaError error={add.error} /> : null}
          {add.isSuccess ? <SuccessAlert>{t("ta.library.commentAdded")}</SuccessAlert> : null}
          <Button type="submit" disabled={add.isPending} className="margin-top-2">
            {t("ta.library.postComment")}
          </Button>
        </Form>
      </section>
    </TaPage>
  );
}
