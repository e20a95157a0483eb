import { useI18n } from "../../../app/i18n";
import { Field, TextAreaField } from "../../../components/Field";
import { type WhenField, WhenFields } from "../../planning/components/WhenFields";
import type { CouponValues } from "../lib/values";

// When the visit was: the day, then the two times on it; the server's errors about
// the start show under the day.
const WHEN: readonly WhenField<"day" | "startTime" | "endTime">[] = [
  { name: "day", type: "date", label: "coupons.form.day", errors: ["day", "start"] },
  { name: "startTime", type: "time", label: "coupons.form.startTime" },
  {
    name: "endTime",
    type: "time",
    label: "coupons.form.endTime",
    help: "coupons.form.endTimeHelp",
    errors: ["end"],
  },
];

export function CouponFields({
  values,
  onChange,
  errors,
}: {
  values: CouponValues;
  onChange: (values: CouponValues) => void;
  errors: Record<string, string[]>;
}) {
  const { t } = useI18n();
  const set = (name: keyof CouponValues) => (event: { target: { value: string } }) =>
    onChange({ ...values, [name]: event.target.value });
  return (
    <>
      <WhenFields fields={WHEN} values={values} set={set} errors={errors} />
      <Field
        label={t("coupons.form.kilometres")}
        inputMode="decimal"
        autoComplete="off"
        value={values.kilometres}
        onChange={set("kilometres")}
        errors={errors.kilometres}
      />
      <TextAreaField
        label={t("coupons.form.comment")}
        rows={3}
        maxLength={2000}
        value={values.comment}
        onChange={set("comment")}
        errors={errors.comment}
      />
    </>
  );
}
