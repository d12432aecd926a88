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
export { TASK_STATUSES } from './tasks.js';
export type {
  CreateTaskRequest,
  DryRunRequest,
  DryRunResponse,
  ListTasksResponse,
  SerializedTask,
  SerializedTaskEvent,
  TaskEventBody,
  TaskEventType,
  TaskSpec,
  TaskState,
  TaskStatus,
  TaskStep,
  TemplateParameterSchema,
  TemplateValidationError,
} from './tasks.js';
