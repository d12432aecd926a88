import {
  formatFieldPath,
  type FieldPath,
  type ProblemRule,
  type ProblemStage,
  type ValidationProblem,
} from './problem.js';

/** Collects the problems of one validation step for one entity. */
export class ProblemList {
  readonly problems: ValidationProblem[] = [];

  constructor(
    readonly stage: ProblemStage,
    readonly entityRef: string | undefined,
  ) {}

  /** Adds a problem; `message` is completed with the field name in front. */
  add(path: FieldPath, rule: ProblemRule, message: string): void {
    const field = formatFieldPath(path);
    this.problems.push({
      ...(this.entityRef === undefined ? {} : { entityRef: this.entityRef }),
      path: [...path],
      field,
      stage: this.stage,
      rule,
      message: `${field || 'The document'} ${message}`,
    });
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }
}
