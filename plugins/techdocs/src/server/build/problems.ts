import { InputError } from '@portico/model';

/** One thing wrong with a docs folder, located as precisely as we know. */
export interface DocsProblem {
  /** Path relative to the docs source folder, e.g. `mkdocs.yml` or `docs/guide.md`. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(problem: DocsProblem): string {
  const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${problem.message}`;
}

/**
 * The build's error for bad input. It stays an InputError (not a subclass) so the kernel maps it
 * to 400 by name; every problem is listed in the message and kept in `details`.
 */
export function docsInputError(problems: readonly DocsProblem[]): InputError {
  const lines = problems.map(formatProblem);
  const message =
    lines.length === 1 ? `Cannot build docs: ${lines[0]}` : `Cannot build docs (${lines.length} problems):\n${lines.join('\n')}`;
  return new InputError(message, { details: problems });
}

/** Collects problems across a whole build so the author sees all of them at once. */
export class ProblemList {
  readonly errors: DocsProblem[] = [];
  readonly warnings: DocsProblem[] = [];

  error(problem: DocsProblem): void {
    this.errors.push(problem);
  }

  warn(problem: DocsProblem): void {
    this.warnings.push(problem);
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw docsInputError(this.errors);
  }
}
