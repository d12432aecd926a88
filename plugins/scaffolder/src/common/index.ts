export type {
  ActionDescription,
  ActionExample,
  DirectoryContent,
  LogLevel,
  ParameterFieldError,
  StepStatus,
  TaskLogEntry,
  TaskOutput,
  TaskOutputLink,
  TaskOutputText,
} from './types.js';
