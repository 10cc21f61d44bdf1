/** What happened in one step of a run. */
export interface StepResult {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly kind: "revision" | "stamp";
  readonly message: string;
  readonly durationMs: number;
  /** The version table's rows after this step. */
  readonly rows: readonly string[];
}

export interface StepInfo {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly kind: "revision" | "stamp";
  readonly message: string;
  readonly index: number;
  readonly total: number;
}

/** Progress callbacks; the CLI prints them, an application may log them. */
export interface RunEvents {
  onStepStart?(step: StepInfo): void;
  onStepEnd?(result: StepResult, step: StepInfo): void;
}
