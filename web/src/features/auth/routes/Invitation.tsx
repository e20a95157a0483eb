import { OneTimeLinkPassword } from "../components/OneTimeLinkPassword";

/** « invitation?token=… »: the person chooses their first password, then is in. */
export default function Invitation() {
  return <OneTimeLinkPassword link="invitation" />;
}
