import type { ReactNode } from "react";
import type { Problem } from "../lib/problems";

/** A refused write, announced as soon as it shows. */
export function ProblemNotice({ problem, children }: { problem: Problem; children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{problem.title}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {children}
    </div>
  );
}
