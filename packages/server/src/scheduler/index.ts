export { createScheduler, type KernelScheduler, type SchedulerOptions } from './scheduler.js';
export { schedulerMigrations } from './migrations.js';
export { durationToMs } from './duration.js';
export { defaultTaskTimeoutMs } from './task-definition.js';
