import { Card, CardBody, CardFooter, CardGroup, CardHeader } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { visibleAreas } from "../../app/navigation.ts";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { Announcer } from "../plans/Announcer.tsx";
import { ProgressBar } from "../plans/PlanBits.tsx";
import { useMyActionSteps, useOrganizationDue, usePlans } from "../plans/plans.api.ts";
import type { TrackedItem } from "../plans/plans.types.ts";
import { TrackedItemsTable } from "../plans/TrackedItems.tsx";

const SHOWN = 10;

/** A list of tracked items with its own heading, loading and empty states. */
function TrackedList({
  headingId,
  heading,
  empty,
  query,
  withStatusChange,
}: {
  headingId: string;
  heading: string;
  empty: string;
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data?: { items: TrackedItem[] } | undefined;
  };
  withStatusChange: boolean;
}) {
  const { t } = useTranslation();
  const items = query.data?.items ?? [];
  return (
    <section aria-labelledby={headingId} className="home-list">
      <h3 id={headingId}>{heading}</h3>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorAlert error={query.error} /> : null}
      {query.data && items.length === 0 ? <p className="text-base-dark">{empty}</p> : null}
      {items.length > 0 ? (
        <TrackedItemsTable
          items={items.slice(0, SHOWN)}
          caption={heading}
          withStatusChange={withStatusChange}
          hideCaption
        />
      ) : null}
      {items.length > SHOWN ? <p>{t("home.more", { count: items.length - SHOWN })}</p> : null}
    </section>
  );
}

/** What needs me today: my overdue and due-soon action steps, my organization's overdue work, my plans. */
function Today({ organizationName }: { organizationName: string | null }) {
  const { t } = useTranslation();
  const overdue = useMyActionSteps("me", "overdue");
  const dueSoon = useMyActionSteps("me", "due_soon");
  const organizationOverdue = useOrganizationDue("overdue", organizationName !== null);
  const plans = usePlans({ q: "", templateKey: "" });
  const recentPlans = [...(plans.data?.items ?? [])]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, 5);
  return (
    <Announcer>
      <section aria-labelledby="today-heading">
        <h2 id="today-heading">{t("home.todayHeading")}</h2>
        <TrackedList
          headingId="my-overdue-heading"
          heading={t("home.myOverdue")}
          empty={t("home.myOverdueEmpty")}
          query={overdue}
          withStatusChange
        />
        <TrackedList
          headingId="my-due-soon-heading"
          heading={t("home.myDueSoon")}
          empty={t("home.myDueSoonEmpty")}
          query={dueSoon}
          withStatusChange
        />
        <p>
          <Link to="/my-action-steps" className="usa-link">
            {t("home.allMySteps")}
          </Link>
        </p>
        {organizationName ? (
          <TrackedList
            headingId="organization-overdue-heading"
            heading={t("home.organizationOverdue", { organization: organizationName })}
            empty={t("home.organizationOverdueEmpty")}
            query={organizationOverdue}
            withStatusChange={false}
          />
        ) : null}
        <section aria-labelledby="home-plans-heading" className="home-list">
          <h3 id="home-plans-heading">{t("home.plansHeading")}</h3>
          {plans.isPending ? <Loading /> : null}
          {plans.isError ? <ErrorAlert error={plans.error} /> : null}
          {plans.data && recentPlans.length === 0 ? (
            <p className="text-base-dark">{t("home.noPlans")}</p>
          ) : null}
          {recentPlans.length > 0 ? (
            <ul className="usa-list usa-list--unstyled home-plans">
              {recentPlans.map((plan) => (
                <li key={plan.id}>
                  <Link to={`/plans/${plan.id}`} className="usa-link text-bold">
                    {plan.title}
                  </Link>
                  <span className="display-block text-base-dark">{plan.organizationName}</span>
                  <ProgressBar progress={plan.progress} />
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <Link to="/plans" className="usa-link">
              {t("home.allPlans")}
            </Link>
          </p>
        </section>
      </section>
    </Announcer>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const membership = activeMembership(me);
  const areas = visibleAreas(membership?.role === "admin").filter(
    (area) => area.id !== "home" && area.id !== "myActionSteps",
  );

  return (
    <Page
      title={t("home.welcome", { name: me.user.name })}
      intro={
        membership
          ? t("home.workingIn", {
              organization: membership.organizationName,
              role: t(`roles.${membership.role}`),
            })
          : t("home.noOrganization")
      }
    >
      <Today organizationName={membership?.organizationName ?? null} />
      <h2>{t("home.areasHeading")}</h2>
      <p>{t("home.areasIntro")}</p>
      <CardGroup>
        {areas.map((area) => (
          <Card key={area.id} gridLayout={{ tablet: { col: 6 }, widescreen: { col: 4 } }}>
            <CardHeader>
              <h3 className="usa-card__heading">{t(`areas.${area.id}.title`)}</h3>
            </CardHeader>
            <CardBody>
              <p>{t(`areas.${area.id}.description`)}</p>
            </CardBody>
            <CardFooter>
              <Link to={area.path} className="usa-button usa-button--outline">
                {t("home.open", { area: t(`areas.${area.id}.title`) })}
              </Link>
            </CardFooter>
          </Card>
        ))}
      </CardGroup>
    </Page>
  );
}
