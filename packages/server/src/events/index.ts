export { createEvents, eventsChannel, type EventsOptions, type KernelEvents } from './events.js';
export { maxEventPayloadBytes } from './envelope.js';
