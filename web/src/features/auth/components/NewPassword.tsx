import { useId, useState } from "react";
import { useI18n } from "../../../app/i18n";
import { Field } from "../../../components/Field";
import { PasswordRules } from "../../../components/PasswordRules";

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

const EMPTY: NewPasswordValue = { password: "", confirm: "" };

/** The state of NewPasswordFields: `confirmed()` checks the two typings on submit
 * and shows the mismatch, if any, under the second one. */
export function useNewPassword() {
  const [value, setValue] = useState<NewPasswordValue>(EMPTY);
  const [mismatch, setMismatch] = useState(false);
  const confirmed = () => {
    const different = value.password !== value.confirm;
    setMismatch(different);
    return !different;
  };
  return { value, setValue, mismatch, confirmed, clear: () => setValue(EMPTY) };
}

export type NewPasswordState = ReturnType<typeof useNewPassword>;

/** The new password typed twice, with the rules shown before it. */
export function NewPasswordFields({
  state: { value, setValue: onChange, mismatch },
  serverErrors,
}: {
  state: NewPasswordState;
  serverErrors: string[];
}) {
  const { t } = useI18n();
  const rulesId = useId();
  const [shown, setShown] = useState(false);
  const type = shown ? "text" : "password";
  return (
    <>
      <PasswordRules id={rulesId} />
      <Field
        label={t("auth.newPassword")}
        type={type}
        name="new_password"
        autoComplete="new-password"
        required
        minLength={10}
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.target.value })}
        describedBy={rulesId}
        errors={serverErrors}
      />
      <Field
        label={t("auth.confirmPassword")}
        type={type}
        name="confirm_password"
        autoComplete="new-password"
        required
        value={value.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.target.value })}
        errors={mismatch ? [t("auth.passwordMismatch")] : []}
      />
      <ShowPassword shown={shown} onChange={setShown} />
    </>
  );
}

export function ShowPassword({
  shown,
  onChange,
}: {
  shown: boolean;
  onChange: (shown: boolean) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={shown}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{t("auth.showPassword")}</label>
    </div>
  );
}
