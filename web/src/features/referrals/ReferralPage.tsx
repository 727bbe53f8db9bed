import "./referrals.css";
import { Button, Fieldset, Form, Label, Radio, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { WithheldNotice } from "../consent/ConsentBits.tsx";
import type { DataCategory } from "../consent/consent.api.ts";
import { EmailReferralForm } from "./EmailReferralForm.tsx";
import { ReceiverWithheldNotice } from "./ReceiverWithheldNotice.tsx";
import { ReferralHistory, StatusTag, useDateTimeFormat } from "./ReferralBits.tsx";
import {
  NOTE_REQUIRED,
  type Referral,
  type ReferralStatus,
  useReferral,
  useUpdateReferralStatus,
} from "./referrals.api.ts";

/** One referral as the reader's side sees it: what was shared, the history, the moves, and a printable sheet. */
export function ReferralPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const referral = useReferral(id);
  if (referral.isPending) return <Loading />;
  if (referral.isError) {
    return (
      <Page title={t("referrals.detail.notFound")}>
        <ErrorAlert error={referral.error} />
        <Link to="/referrals" className="usa-link">
          {t("referrals.detail.back")}
        </Link>
      </Page>
    );
  }
  const r = referral.data;
  return (
    <Page title={t("referrals.detail.title", { service: r.service.name })}>
      <p className="referrals-no-print">
        {r.family ? (
          <Link to={`/families/${r.family.id}`} className="usa-link margin-right-2">
            {t("referrals.detail.backToFamily", { family: r.family.displayName })}
          </Link>
        ) : null}
        <Link to="/referrals" className="usa-link">
          {t("referrals.detail.back")}
        </Link>
      </p>
      <div className="referrals-print">
        <p className="referrals-print-only">{t("referrals.print.heading")}</p>
        <p>
          <StatusTag status={r.status} />
        </p>
        <Details referral={r} />
        <ReceiverWithheldNotice referral={r} />
        <h2>{t("referrals.detail.shared")}</h2>
        <SharedDetails referral={r} />
        <h2>{t("referrals.detail.history")}</h2>
        <ReferralHistory referral={r} />
      </div>
      {r.offTrellis && r.side === "sender" ? (
        <div className="referrals-no-print">
          <p>{t("referrals.detail.offTrellis")}</p>
          <Button type="button" outline onClick={() => window.print()}>
            {t("referrals.detail.print")}
          </Button>
          <EmailReferralForm referral={r} />
        </div>
      ) : null}
      {r.availableMoves.length > 0 ? <MoveForm key={r.version} referral={r} /> : null}
    </Page>
  );
}

function Details({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  return (
    <dl>
      <Item label={t("referrals.detail.service")} value={r.service.name} />
      <Item label={t("referrals.detail.provider")} value={r.service.providerName ?? "—"} />
      <Item
        label={t("referrals.detail.receiver")}
        value={r.offTrellis ? t("referrals.list.offTrellis") : (r.receivingOrganizationName ?? "—")}
      />
      <Item
        label={t("referrals.detail.from")}
        value={r.sentByName ? `${r.senderOrganizationName} (${r.sentByName})` : r.senderOrganizationName}
      />
      <Item label={t("referrals.detail.sentAt")} value={formatDateTime(r.sentAt)} />
      {r.family ? <Item label={t("referrals.detail.family")} value={r.family.displayName} /> : null}
      {r.goal?.text ? <Item label={t("referrals.detail.goal")} value={r.goal.text} /> : null}
    </dl>
  );
}

/** What the sender shared; on the receiver's side, parts the family's consent does not cover say why instead. */
function SharedDetails({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const withheld = (category: DataCategory) => r.withheld?.find((w) => w.category === category);
  const contact = withheld("identity_contact");
  const reason = withheld("referral_details");
  const language = r.shared.preferredLanguage;
  return (
    <dl>
      {contact ? (
        <div className="margin-bottom-1">
          <dt className="text-bold">{t("referrals.fields.contactDetails")}</dt>
          <dd className="margin-left-0">
            <WithheldNotice withheld={contact} />
          </dd>
        </div>
      ) : (
        <>
          <Item label={t("referrals.fields.contactName")} value={r.shared.contactName ?? "—"} />
          <Item
            label={t("referrals.fields.language")}
            value={language ? t(`families.language.${language}`, { defaultValue: language }) : "—"}
          />
          <Item label={t("referrals.fields.phone")} value={r.shared.phone ?? "—"} />
        </>
      )}
      {reason ? (
        <div className="margin-bottom-1">
          <dt className="text-bold">{t("referrals.fields.reason")}</dt>
          <dd className="margin-left-0">
            <WithheldNotice withheld={reason} />
          </dd>
        </div>
      ) : (
        <Item label={t("referrals.fields.reason")} value={r.shared.reason ?? "—"} />
      )}
    </dl>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div className="margin-bottom-1">
      <dt className="text-bold">{label}</dt>
      <dd className="margin-left-0 referrals-note">{value}</dd>
    </div>
  );
}

function MoveForm({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const update = useUpdateReferralStatus(referral.id);
  const [status, setStatus] = useState<ReferralStatus | "">("");
  const [note, setNote] = useState("");
  const noteKind = status === "" ? undefined : NOTE_REQUIRED[status];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status === "") return;
    update.mutate({ version: referral.version, status, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  return (
    <Form onSubmit={submit} large className="referrals-no-print">
      <Fieldset
        legend={t(
          referral.side === "receiver" ? "referrals.move.legendReceiver" : "referrals.move.legendSender",
        )}
      >
        {referral.offTrellis && referral.side === "sender" ? (
          <p className="usa-hint">{t("referrals.move.onBehalf")}</p>
        ) : null}
        {referral.availableMoves.map((move) => (
          <Radio
            key={move}
            id={`move-${move}`}
            name="move"
            value={move}
            checked={status === move}
            onChange={() => setStatus(move)}
            label={t(`referrals.move.${move}`)}
          />
        ))}
      </Fieldset>
      <Label htmlFor="move-note">
        {noteKind ? t(`referrals.move.note.${noteKind}`) : t("referrals.move.note.optional")}
      </Label>
      <Textarea
        id="move-note"
        name="note"
        required={noteKind !== undefined}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {update.error ? <ErrorAlert error={update.error} /> : null}
      <Button type="submit" className="margin-top-2" disabled={status === "" || update.isPending}>
        {t("referrals.move.save")}
      </Button>
    </Form>
  );
}
