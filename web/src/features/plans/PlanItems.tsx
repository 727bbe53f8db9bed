import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { AddItem } from "./AddItemForm.tsx";
import { ItemActions } from "./ItemActions.tsx";
import { attributesOf, ItemAttributeCell, useAttributeLabel } from "./ItemCells.tsx";
import { NotesPanel } from "./NotesPanel.tsx";
import { Heading, ProgressBar } from "./PlanBits.tsx";
import { usePlanEditing } from "./PlanContext.tsx";
import { isRowLevel, itemHeading, itemName, levelOf, lowerFirst, useLocalize } from "./plans.format.ts";
import type { LevelDefinition, PlanItemNode, PlanSection, SectionDefinition } from "./plans.types.ts";

/** An items section: its root items as the document lays them out, with progress and "Add …". */
export function ItemsSection({
  section,
  definition,
}: {
  section: PlanSection;
  definition: SectionDefinition;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const { plan } = usePlanEditing();
  const headingId = `section-${section.key}`;
  const rootLevel = definition.rootLevel ? levelOf(plan.template, definition.rootLevel) : undefined;
  const label = localize(definition.label);
  return (
    <section aria-labelledby={headingId} className="plan-section">
      <h2 id={headingId}>{label}</h2>
      {definition.help ? <p className="plan-section__help">{localize(definition.help)}</p> : null}
      <ProgressBar progress={section.progress} label={t("plans.progress.section")} />
      {rootLevel ? (
        <ChildGroup
          items={section.items}
          level={rootLevel}
          parentId={null}
          sectionKey={section.key}
          placeName={label}
          headingLevel={3}
          groupKey={`section-${section.key}`}
        />
      ) : null}
    </section>
  );
}

/** The children of one level under one parent: a table for row levels, blocks for the others. */
function ChildGroup({
  items,
  level,
  parentId,
  sectionKey,
  placeName,
  headingLevel,
  groupKey,
}: {
  items: PlanItemNode[];
  level: LevelDefinition;
  parentId: string | null;
  sectionKey: string;
  placeName: string;
  headingLevel: number;
  groupKey: string;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const { canEdit } = usePlanEditing();
  const ofLevel = items.filter((item) => item.level === level.key);
  const addButtonId = `${groupKey}-${level.key}-add`;
  const add = canEdit ? (
    <AddItem
      level={level}
      parentId={parentId}
      section={sectionKey}
      placeName={placeName}
      buttonId={addButtonId}
    />
  ) : null;
  if (isRowLevel(level)) {
    return (
      <>
        {ofLevel.length > 0 ? (
          <ItemTable
            items={ofLevel}
            level={level}
            placeName={placeName}
            headingLevel={headingLevel}
            addButtonId={addButtonId}
          />
        ) : (
          <p className="plan-empty">{t("plans.emptyLevel", { what: lowerFirst(localize(level.label)) })}</p>
        )}
        {add}
      </>
    );
  }
  return (
    <>
      {ofLevel.length === 0 ? (
        <p className="plan-empty">{t("plans.emptyLevel", { what: lowerFirst(localize(level.label)) })}</p>
      ) : null}
      {ofLevel.map((item, index) => (
        <ItemBlock
          key={item.id}
          item={item}
          level={level}
          index={index}
          siblingCount={ofLevel.length}
          headingLevel={headingLevel}
          addButtonId={addButtonId}
        />
      ))}
      {add}
    </>
  );
}

/** An item with children, as a block: heading, its details as a two-column table, then its children. */
function ItemBlock({
  item,
  level,
  index,
  siblingCount,
  headingLevel,
  addButtonId,
}: {
  item: PlanItemNode;
  level: LevelDefinition;
  index: number;
  siblingCount: number;
  headingLevel: number;
  addButtonId: string;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const attributeLabel = useAttributeLabel();
  const { plan } = usePlanEditing();
  const [notesOpen, setNotesOpen] = useState(false);
  const headingId = `item-${item.id}-heading`;
  const heading = itemHeading(localize, level, item);
  const name = itemName(localize, level, item);
  const notesId = `item-${item.id}-notes`;
  return (
    <article
      id={`item-${item.id}`}
      aria-labelledby={headingId}
      className={`plan-block plan-block--depth-${headingLevel}`}
    >
      <div className="plan-block__header">
        <Heading level={headingLevel} id={headingId} className="plan-block__heading">
          {heading}
        </Heading>
        <ItemActions
          item={item}
          name={heading}
          index={index}
          siblingCount={siblingCount}
          afterDeleteFocusId={addButtonId}
          notes={
            level.tracking.status
              ? { open: notesOpen, toggle: () => setNotesOpen((v) => !v), panelId: notesId }
              : undefined
          }
        />
      </div>
      {level.children.length > 0 ? <ProgressBar progress={item.progress} /> : null}
      <table className="usa-table usa-table--borderless plan-details">
        <caption className="usa-sr-only">{t("plans.detailsOf", { name: heading })}</caption>
        <tbody>
          {attributesOf(level, { includeTitle: true }).map((attribute) => (
            <tr key={attribute.kind === "field" ? `field-${attribute.field.key}` : attribute.kind}>
              <th scope="row">{attributeLabel(level, attribute)}</th>
              <td>
                <ItemAttributeCell item={item} level={level} attribute={attribute} context={name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {notesOpen ? (
        <NotesPanel item={item} name={heading} id={notesId} headingLevel={headingLevel + 1} />
      ) : null}
      {level.children.map((childKey) => {
        const childLevel = levelOf(plan.template, childKey);
        if (!childLevel) return null;
        return (
          <ChildGroup
            key={childKey}
            items={item.children}
            level={childLevel}
            parentId={item.id}
            sectionKey={item.section}
            placeName={heading}
            headingLevel={headingLevel + 1}
            groupKey={`item-${item.id}`}
          />
        );
      })}
    </article>
  );
}

/** Row items (action steps, milestones, deliverables) as the document's table, one row each. */
function ItemTable({
  items,
  level,
  placeName,
  headingLevel,
  addButtonId,
}: {
  items: PlanItemNode[];
  level: LevelDefinition;
  placeName: string;
  headingLevel: number;
  addButtonId: string;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const attributeLabel = useAttributeLabel();
  const columns = attributesOf(level, { includeTitle: false });
  const titleLabel = localize(level.titleLabel);
  const [openNotes, setOpenNotes] = useState<string | null>(null);
  return (
    <div className="plan-table">
      <table className="usa-table usa-table--stacked-header plan-items">
        <caption className="usa-sr-only">
          {t("plans.tableCaption", { what: localize(level.label), place: placeName })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="plan-items__title">
              {titleLabel}
            </th>
            {columns.map((attribute) => (
              <th scope="col" key={attribute.kind === "field" ? attribute.field.key : attribute.kind}>
                {attributeLabel(level, attribute)}
              </th>
            ))}
            <th scope="col">
              <span className="usa-sr-only">{t("plans.columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => {
            const name = itemName(localize, level, item);
            const notesId = `item-${item.id}-notes`;
            const open = openNotes === item.id;
            return (
              <Fragment key={item.id}>
                <tr
                  id={`item-${item.id}`}
                  className={item.dueState === "overdue" ? "plan-row--overdue" : undefined}
                >
                  <th scope="row" data-label={titleLabel} className="plan-items__title">
                    <div className="plan-items__titlecell">
                      {item.number ? <span className="plan-number">{item.number}.</span> : null}
                      <ItemAttributeCell
                        item={item}
                        level={level}
                        attribute={{ kind: "title" }}
                        context={name}
                      />
                    </div>
                  </th>
                  {columns.map((attribute) => (
                    <td
                      key={attribute.kind === "field" ? attribute.field.key : attribute.kind}
                      data-label={attributeLabel(level, attribute)}
                      className={`plan-items__col--${attribute.kind}`}
                    >
                      <ItemAttributeCell item={item} level={level} attribute={attribute} context={name} />
                    </td>
                  ))}
                  <td data-label={t("plans.columns.actions")}>
                    <ItemActions
                      item={item}
                      name={name}
                      index={index}
                      siblingCount={items.length}
                      afterDeleteFocusId={addButtonId}
                      notes={{
                        open,
                        toggle: () => setOpenNotes(open ? null : item.id),
                        panelId: notesId,
                      }}
                    />
                  </td>
                </tr>
                {open ? (
                  <tr className="plan-notes-row">
                    <td colSpan={columns.length + 2}>
                      <NotesPanel item={item} name={name} id={notesId} headingLevel={headingLevel} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
