import type { JsonValue } from '../json.js';
import { field, object, text } from '../validation/shape.js';

/** How a user or group is shown: name, e-mail and picture. */
export type EntityProfile = {
  displayName?: string;
  email?: string;
  picture?: string;
  [key: string]: JsonValue | undefined;
};

export const profileField = field(
  object({
    displayName: text(),
    email: text(),
    picture: text('a URL of an image'),
  }),
);
