import { useId } from "react";
import { useI18n } from "../../../app/i18n";
import { Field, FieldErrors } from "../../../components/Field";
import type { CouponValues } from "../lib/values";

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
  const commentId = useId();
  const set = (name: keyof CouponValues) => (event: { target: { value: string } }) =>
    onChange({ ...values, [name]: event.target.value });
  return (
    <>
      <Field
        label={t("coupons.form.day")}
        type="date"
        required
        value={values.day}
        onChange={set("day")}
        errors={[...(errors.day ?? []), ...(errors.start ?? [])]}
      />
      <Field
        label={t("coupons.form.startTime")}
        type="time"
        required
        value={values.startTime}
        onChange={set("startTime")}
      />
      <Field
        label={t("coupons.form.endTime")}
        help={t("coupons.form.endTimeHelp")}
        type="time"
        required
        value={values.endTime}
        onChange={set("endTime")}
        errors={errors.end ?? []}
      />
      <Field
        label={t("coupons.form.kilometres")}
        inputMode="decimal"
        autoComplete="off"
        value={values.kilometres}
        onChange={set("kilometres")}
        errors={errors.kilometres ?? []}
      />
      <div className="field">
        <label htmlFor={commentId}>{t("coupons.form.comment")}</label>
        <textarea
          id={commentId}
          rows={3}
          maxLength={2000}
          value={values.comment}
          onChange={set("comment")}
        />
        <FieldErrors errors={errors.comment ?? []} />
      </div>
    </>
  );
}
