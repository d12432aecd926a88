/** Templates the task tests register in the catalog (file locations), in Backstage's format. */

const template = (name: string, body: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: ${name}
spec:
  type: test
${body}`;

/** Two steps and an output; one required field with a pattern. */
export const greeterTemplate = template(
  'greeter',
  `  parameters:
    - title: Who
      description: Say who to greet
      required: [name]
      properties:
        name:
          type: string
          pattern: '^[a-z]+$'
        times:
          type: number
          maximum: 3
    - title: Extras
      properties:
        shout:
          type: boolean
  steps:
    - id: hello
      name: Say hello
      action: debug:log
      input:
        message: Hello \${{ parameters.name }}
    - id: record
      name: Record
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: greet
  output:
    text:
      - title: Greeting
        content: Greeted \${{ parameters.name }} \${{ steps.record.output.runs }} time(s)
`,
);

/** Waits in its second step until the test releases or cancels it. */
export const waiterTemplate = template(
  'waiter',
  `  parameters:
    - properties:
        key:
          type: string
  steps:
    - id: before
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: before
    - id: wait
      action: test:wait
      input:
        key: \${{ parameters.key }}
    - id: after
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: after
`,
);

/** Fails in its second step the first time. */
export const flakyTemplate = template(
  'flaky',
  `  parameters:
    - properties:
        key:
          type: string
  steps:
    - id: prepare
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: prepare
    - id: call
      name: Call the service
      action: test:fail-once
      input:
        key: \${{ parameters.key }}
    - id: finish
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: finish
  output:
    text:
      - content: prepare ran \${{ steps.prepare.output.runs }} time(s)
`,
);

/** Uses a secret in a log line, an output and a file name. */
export const secretTemplate = template(
  'secretive',
  `  parameters:
    - required: [token]
      properties:
        token:
          type: string
          ui:field: Secret
  steps:
    - id: use
      action: debug:log
      input:
        message: The token is \${{ secrets.token }}
    - id: fail
      action: fs:rename
      input:
        files:
          - from: missing-\${{ secrets.token }}.txt
            to: b.txt
`,
);

/** Opts in to being started over when its worker dies. */
export const recoverableTemplate = template(
  'recoverable',
  `  EXPERIMENTAL_recovery:
    EXPERIMENTAL_strategy: startOver
  steps:
    - id: record
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: recovered-run
`,
);

export const TASK_TEMPLATE_FILES: Record<string, string> = {
  'greeter.yaml': greeterTemplate,
  'waiter.yaml': waiterTemplate,
  'flaky.yaml': flakyTemplate,
  'secretive.yaml': secretTemplate,
  'recoverable.yaml': recoverableTemplate,
};
