import { ConflictError, NotFoundError } from '@portico/model';
import { describeAction, type ActionDescription, type AnyTemplateAction } from './types.js';

const ACTION_ID = /^[a-zA-Z0-9][a-zA-Z0-9:._-]*$/;

/** The actions a scaffolder can run, by id. Plugins add theirs through the extension point. */
export class ActionRegistry {
  readonly #actions = new Map<string, AnyTemplateAction>();

  constructor(actions: Iterable<AnyTemplateAction> = []) {
    for (const action of actions) this.register(action);
  }

  register(action: AnyTemplateAction): void {
    if (!ACTION_ID.test(action.id)) throw new Error(`Action id "${action.id}" is not valid; use letters, digits and ":._-"`);
    if (this.#actions.has(action.id)) throw new ConflictError(`Action "${action.id}" is already registered`);
    this.#actions.set(action.id, action);
  }

  has(id: string): boolean {
    return this.#actions.has(id);
  }

  get(id: string): AnyTemplateAction {
    const action = this.#actions.get(id);
    if (!action) {
      throw new NotFoundError(`Template action "${id}" is not installed; available: ${[...this.#actions.keys()].sort().join(', ')}`);
    }
    return action;
  }

  list(): AnyTemplateAction[] {
    return [...this.#actions.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  describe(): ActionDescription[] {
    return this.list().map(describeAction);
  }
}
