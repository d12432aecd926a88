export type {
  ActionDescription,
  ActionExample,
  LogLevel,
  ParameterFieldError,
  StepStatus,
  TaskLogEntry,
  TaskOutput,
  TaskOutputLink,
  TaskOutputText,
} from './types.js';
