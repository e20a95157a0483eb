import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Field, FieldErrors, SelectField } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { isApiError } from "../../../lib/errors";
import type { MessageKey } from "../../../locales";
import {
  createItem,
  type Entry,
  type Intervention,
  type ItemInput,
  PLANNING_KEY,
  type PlanningItem,
  reloadItem,
  updateItem,
} from "../api/planning";
import type { ItemKind } from "../lib/actions";
import { isDay, isTime, offsetIso, type Range, wallClockSpan, zonedInstant } from "../lib/dates";
import { planningProblem, type Problem } from "../lib/problems";
import { ProblemNotice } from "./ProblemNotice";
import { type WhenField, WhenFields } from "./WhenFields";

export type Editing =
  { mode: "create"; kind: ItemKind; day: string } | { mode: "change"; entry: Entry };

const TITLES: Record<"create" | "change", Record<ItemKind, MessageKey>> = {
  create: {
    interventions: "planning.form.new.interventions",
    availabilities: "planning.form.new.availabilities",
    absences: "planning.form.new.absences",
  },
  change: {
    interventions: "planning.form.change.interventions",
    availabilities: "planning.form.change.availabilities",
    absences: "planning.form.change.absences",
  },
};
const SAVED: Record<"create" | "change", Record<ItemKind, MessageKey>> = {
  create: {
    interventions: "planning.created.interventions",
    availabilities: "planning.created.availabilities",
    absences: "planning.created.absences",
  },
  change: {
    interventions: "planning.changed.interventions",
    availabilities: "planning.changed.availabilities",
    absences: "planning.changed.absences",
  },
};

// The start and the end are each typed as a day and a time; the server's errors
// about either are shown under its day.
const WHEN: readonly WhenField<"startDay" | "startTime" | "endDay" | "endTime">[] = [
  { name: "startDay", type: "date", label: "planning.form.startDay", errors: ["start"] },
  { name: "startTime", type: "time", label: "planning.form.startTime" },
  { name: "endDay", type: "date", label: "planning.form.endDay", errors: ["end"] },
  { name: "endTime", type: "time", label: "planning.form.endTime" },
];

// The free text a kind carries, typed under the times.
const TEXT_FIELDS: Partial<Record<ItemKind, { name: "reason" | "service"; label: MessageKey }>> = {
  absences: { name: "reason", label: "planning.form.reasonOptional" },
  interventions: { name: "service", label: "planning.form.service" },
};

interface Values {
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  reason: string;
  service: string;
  client: string;
}

function valuesOf(item: PlanningItem, zone: string): Values {
  return {
    ...wallClockSpan(item.start, item.end, zone),
    reason: "reason" in item ? item.reason : "",
    service: "service" in item ? item.service : "",
    client: "client" in item ? String(item.client.id) : "",
  };
}

interface Change {
  label: string;
  before: string;
  after: string;
}

/** Create or change one item: times on the agency's clock; a change carries the
 * version it was read at (`If-Match`), and a 412 shows the item as it now is. */
export function ItemForm({
  editing,
  portalKind,
  range,
  knownVisits,
  onCancel,
  onDone,
}: {
  editing: Editing;
  portalKind: "client" | "intervenant";
  range: Range;
  knownVisits: Intervention[];
  onCancel: () => void;
  onDone: (message: string, day: string) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const zone = format.timeZone;
  const queryClient = useQueryClient();
  const kind = editing.mode === "create" ? editing.kind : editing.entry.kind;
  const text = TEXT_FIELDS[kind];
  // A care worker adding a visit says for whom.
  const choosesClient =
    kind === "interventions" && editing.mode === "create" && portalKind === "intervenant";
  const [base, setBase] = useState<PlanningItem | null>(
    editing.mode === "change" ? editing.entry.item : null,
  );
  const [values, setValues] = useState<Values>(() =>
    editing.mode === "change"
      ? valuesOf(editing.entry.item, zone)
      : {
          startDay: editing.day,
          startTime: "09:00",
          endDay: editing.day,
          endTime: "10:00",
          reason: "",
          service: "",
          client: "",
        },
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [gone, setGone] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  useEffect(() => heading.current?.focus(), []);

  const clients = useMemo(() => {
    const byId = new Map<number, string>();
    for (const visit of knownVisits) {
      const name = [visit.client.first_name, visit.client.last_name].filter(Boolean).join(" ");
      byId.set(visit.client.id, name || String(visit.client.id));
    }
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [knownVisits]);

  const set = (name: keyof Values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const describe = (item: PlanningItem): Change[] => {
    if (!base) return [];
    const found: Change[] = [];
    const compare = (label: string, before: string, after: string) => {
      if (before !== after) found.push({ label, before, after });
    };
    compare(t("planning.form.start"), format.dateTime(base.start), format.dateTime(item.start));
    compare(t("planning.form.end"), format.dateTime(base.end), format.dateTime(item.end));
    if ("reason" in base && "reason" in item) {
      compare(t("planning.form.reason"), base.reason || "—", item.reason || "—");
    }
    if ("service" in base && "service" in item) {
      compare(t("planning.form.service"), base.service || "—", item.service || "—");
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setFieldErrors({});
    const { startDay, startTime, endDay, endTime } = values;
    if (!isDay(startDay) || !isTime(startTime) || !isDay(endDay) || !isTime(endTime)) {
      setFieldErrors({ start: [t("planning.form.incomplete")] });
      return;
    }
    const start = zonedInstant(startDay, startTime, zone);
    const end = zonedInstant(endDay, endTime, zone);
    if (end <= start) {
      setFieldErrors({ end: [t("planning.form.endBeforeStart")] });
      return;
    }
    const body: ItemInput = { start: offsetIso(start, zone), end: offsetIso(end, zone) };
    if (text) body[text.name] = values[text.name].trim();
    if (choosesClient && values.client) body.client = Number(values.client);
    setBusy(true);
    try {
      if (editing.mode === "create") {
        await createItem(kind, body);
      } else {
        const id = editing.entry.item.id;
        await updateItem(kind, id, base?.version ?? editing.entry.item.version, body);
      }
      await queryClient.invalidateQueries({ queryKey: [PLANNING_KEY] });
      onDone(t(SAVED[editing.mode][kind]), startDay);
    } catch (error) {
      setProblem(planningProblem(error, t));
      if (isApiError(error) && error.status === 400) setFieldErrors(error.fields);
      if (isApiError(error) && error.status === 412 && editing.mode === "change") {
        // Read it again: say what changed, and let a second « Enregistrer » apply the
        // person's values over the new version.
        try {
          const current = await reloadItem(
            queryClient,
            kind,
            editing.entry.item.id,
            range.from,
            range.to,
          );
          if (current) {
            setChanges(describe(current));
            setBase(current);
          } else {
            setGone(true);
          }
        } catch {
          setChanges([]);
        }
      } else {
        setChanges(null);
      }
    } finally {
      setBusy(false);
    }
  };

  const errorsOf = (name: string) => fieldErrors[name] ?? [];

  return (
    <section className="pl-form" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {t(TITLES[editing.mode][kind])}
      </h2>
      {problem && (
        <ProblemNotice problem={problem}>
          {gone ? (
            <p>{t("planning.stale.gone")}</p>
          ) : (
            changes && (
              <>
                {changes.length > 0 && (
                  <>
                    <p>{t("planning.stale.changes")}</p>
                    <ul>
                      {changes.map((change) => (
                        <li key={change.label}>{t("planning.stale.change", { ...change })}</li>
                      ))}
                    </ul>
                  </>
                )}
                <p>{t("planning.stale.again")}</p>
              </>
            )
          )}
        </ProblemNotice>
      )}
      <form className="form pl-fields" onSubmit={(event) => void submit(event)} noValidate>
        <WhenFields fields={WHEN} values={values} set={set} errors={fieldErrors} />
        {text && (
          <Field
            label={t(text.label)}
            maxLength={200}
            value={values[text.name]}
            onChange={set(text.name)}
            errors={errorsOf(text.name)}
          />
        )}
        {choosesClient && (
          <SelectField
            label={t("planning.form.client")}
            required
            value={values.client}
            onChange={set("client")}
            none={t("planning.form.chooseClient")}
            options={clients}
            errors={errorsOf("client")}
          />
        )}
        <FieldErrors errors={errorsOf("non_field_errors")} />
        <FormActions
          submit={gone ? undefined : busy ? t("planning.form.saving") : t("planning.form.save")}
          busy={busy}
          second={gone ? t("planning.form.close") : t("planning.form.cancel")}
          onSecond={onCancel}
        />
      </form>
    </section>
  );
}
