/**
 * What travels between replicas: the topic, the payload and the replica it came from. PostgreSQL
 * NOTIFY carries fewer than 8000 bytes, so payloads are capped below that on every dialect: a
 * plugin tested on SQLite must not meet the limit for the first time in production.
 */
export const maxEventPayloadBytes = 7_168;

/** NOTIFY's limit on the whole message (payloads must be shorter than 8000 bytes). */
const maxNotifyBytes = 7_999;

export interface Envelope {
  /** The publishing events service: a replica never delivers its own events a second time. */
  origin: string;
  topic: string;
  /** The payload as JSON; undefined for an event without payload. */
  payloadJson: string | undefined;
}

/** Serialises a payload, or throws an error naming the topic when it cannot travel. */
export function payloadToJson(topic: string, payload: unknown): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    throw new TypeError(`Event '${topic}': the payload is not JSON-serialisable: ${(error as Error).message}`, { cause: error });
  }
  const bytes = json === undefined ? 0 : Buffer.byteLength(json);
  if (bytes > maxEventPayloadBytes) {
    throw new RangeError(
      `Event '${topic}': the payload is ${bytes} bytes of JSON, more than the ${maxEventPayloadBytes} an event may carry ` +
        '(PostgreSQL NOTIFY carries under 8000 bytes); publish ids and keep the data in a table',
    );
  }
  return json;
}

export function encodeEnvelope(envelope: Envelope): string {
  const fields = { o: envelope.origin, t: envelope.topic };
  const text =
    envelope.payloadJson === undefined
      ? JSON.stringify(fields)
      : `${JSON.stringify(fields).slice(0, -1)},"p":${envelope.payloadJson}}`;
  const bytes = Buffer.byteLength(text);
  if (bytes > maxNotifyBytes) {
    throw new RangeError(`Event '${envelope.topic}': the message is ${bytes} bytes, more than NOTIFY's ${maxNotifyBytes}; shorten the topic id or the payload`);
  }
  return text;
}

/** Reads a message from another replica; undefined when it is not one of ours. */
export function decodeEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { o, t, p } = value as { o?: unknown; t?: unknown; p?: unknown };
  if (typeof o !== 'string' || typeof t !== 'string') return undefined;
  return { origin: o, topic: t, payloadJson: p === undefined ? undefined : JSON.stringify(p) };
}
