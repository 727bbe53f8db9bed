import { Table } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { useOutbox } from "./admin.api.ts";

/** E-mail Trellis has sent (or, without SMTP, would have sent) on behalf of this organization. */
export function OutboxPanel() {
  const { t } = useTranslation();
  const organizationId = useOutletContext<string>();
  const outbox = useOutbox(organizationId);
  const formatDate = useDateTimeFormat();

  return (
    <>
      <h2>{t("admin.outbox.title")}</h2>
      <p>{t("admin.outbox.intro")}</p>
      {outbox.isPending ? <Loading /> : null}
      {outbox.isError ? <ErrorAlert error={outbox.error} /> : null}
      {outbox.data && outbox.data.items.length === 0 ? (
        <EmptyState>{t("admin.outbox.empty")}</EmptyState>
      ) : null}
      {outbox.data && outbox.data.items.length > 0 ? (
        <Table fullWidth scrollable caption={t("admin.outbox.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("admin.outbox.sent")}</th>
              <th scope="col">{t("admin.outbox.to")}</th>
              <th scope="col">{t("admin.outbox.message")}</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.items.map((message) => (
              <tr key={message.id}>
                <td className="text-no-wrap">{formatDate(message.createdAt)}</td>
                <td>{message.to}</td>
                <td>
                  <details>
                    <summary>{message.subject}</summary>
                    <pre className="outbox-body">{message.body}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
