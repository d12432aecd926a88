import type { Entity } from '../entity.js';
import type { JsonObject, JsonValue } from '../json.js';
import { RELATION_OWNED_BY } from '../relation-types.js';
import { anyText, field, object, required, text, type Shape } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { OWNER_HINT } from './hints.js';

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

export type TemplateStep = {
  id?: string;
  name?: string;
  action: string;
  input?: JsonObject;
  if?: string | boolean;
  each?: JsonValue;
  [key: string]: JsonValue | undefined;
};

export type TemplateOutput = {
  links?: { url?: string; entityRef?: string; title?: string; icon?: string; if?: string | boolean }[];
  text?: { title?: string; icon?: string; content?: string; if?: string | boolean }[];
  [key: string]: JsonValue | undefined;
};

export type TemplateSpec = {
  type: string;
  owner?: string;
  lifecycle?: string;
  /** JSON Schema form steps (one object, or a list of them). */
  parameters?: JsonObject | JsonObject[];
  steps: TemplateStep[];
  output?: TemplateOutput;
  secrets?: JsonObject;
  presentation?: JsonObject;
  formDecorators?: JsonObject[];
  [key: string]: JsonValue | undefined;
};

export interface TemplateEntity extends Entity<TemplateSpec> {
  apiVersion: typeof TEMPLATE_API_VERSION;
  kind: 'Template';
  spec: TemplateSpec;
}

const condition = field({ type: 'stringOrBoolean' }, 'a condition: a boolean or a "${{ }}" expression');
const permissions = field(object({ tags: field({ type: 'array', items: { type: 'string' } }) }));
const inputObject = field({ type: 'object' });
const decorators: Shape = { type: 'array', items: object({ id: anyText(), input: inputObject }) };

export const templateKind: KindDefinition = {
  kind: 'Template',
  apiVersions: [TEMPLATE_API_VERSION],
  description: 'a software template the scaffolder runs to create something new',
  spec: object({
    type: required(text('what the template creates, e.g. service or website')),
    owner: text(OWNER_HINT),
    lifecycle: text(),
    parameters: field(
      {
        type: 'objectOrArray',
        object: object({ 'backstage:permissions': permissions }),
        array: { type: 'array', items: object({ when: condition, 'backstage:permissions': permissions }) },
      },
      'the form steps, each a JSON Schema object',
    ),
    secrets: field(object({ schema: inputObject })),
    presentation: field(
      object({
        buttonLabels: field(
          object({ backButtonText: anyText(), createButtonText: anyText(), reviewButtonText: anyText() }),
        ),
      }),
    ),
    EXPERIMENTAL_recovery: field(object({ EXPERIMENTAL_strategy: anyText() })),
    formDecorators: field(decorators),
    EXPERIMENTAL_formDecorators: field(decorators),
    steps: required(
      field(
        {
          type: 'array',
          items: object({
            id: anyText(),
            name: anyText(),
            action: required(anyText('the action to run, e.g. fetch:template or publish:github')),
            input: inputObject,
            if: condition,
            'backstage:permissions': permissions,
          }),
        },
        'the list of actions to run, each with an "action"',
      ),
    ),
    output: field(
      object(
        {
          links: field({
            type: 'array',
            items: object({ if: condition, url: text(), entityRef: text(), title: text(), icon: text() }),
          }),
          text: field({
            type: 'array',
            items: object({ if: condition, title: text(), icon: text(), content: anyText() }),
          }),
        },
        { type: 'string' },
      ),
    ),
  }),
  relations: [relationField('owner', RELATION_OWNED_BY)],
};

export function isTemplateEntity(entity: Entity): entity is TemplateEntity {
  return entity.kind === 'Template' && entity.apiVersion === TEMPLATE_API_VERSION;
}
