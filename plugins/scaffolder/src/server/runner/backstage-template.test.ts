import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertValidEntity, isTemplateEntity, type TemplateEntity } from '@portico/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBuiltinActions } from '../actions/builtin/index.js';
import { ActionRegistry } from '../actions/registry.js';
import { directoryToBaseUrl } from '../actions/template-source.js';
import { integrationSecrets, type GitIntegration } from '../git/integrations.js';
import { createMemoryLogSink } from '../logging/task-logger.js';
import { cleanupTempDirs, tempDir } from '../test-fixtures/action-harness.js';
import { startGitHttpServer, type GitHttpServer } from '../test-fixtures/git-http-server.js';
import { runTemplateSteps, type StepStatusEvent } from './run-template-steps.js';
import { validateTemplateParameters } from './validate-parameters.js';

const run = promisify(execFile);
const templateDir = fileURLToPath(new URL('../test-fixtures/templates/node-service/', import.meta.url));
const PASSWORD = 'loopback-pass-5521';

let server: GitHttpServer;
let integrations: GitIntegration[];
let template: TemplateEntity;

beforeAll(async () => {
  server = await startGitHttpServer({ username: 'scaffolder', password: PASSWORD });
  // The template names a logical host; the integration says where it really is.
  integrations = [{ host: 'git.portico.test', baseUrl: `${server.baseUrl}/repos`, username: 'scaffolder', password: PASSWORD }];
  const entity = assertValidEntity(parse(await readFile(path.join(templateDir, 'template.yaml'), 'utf8')));
  if (!isTemplateEntity(entity)) throw new Error('template.yaml is not a Template');
  template = entity;
});
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

describe('a Backstage template taken as written', () => {
  it('rejects form values that break its schema, naming the fields', () => {
    expect(validateTemplateParameters(template.spec, { name: 'Not Valid', owner: 'group:default/platform' }).errors).toEqual([
      { path: 'name', message: 'must match pattern "^[a-z0-9-]+$"' },
      { path: 'repoUrl', message: 'is required' },
    ]);
  });

  it('runs to completion: renders the skeleton, publishes to the git server and returns the output links', async () => {
    const values = {
      name: 'payments-api',
      description: 'Takes payments',
      owner: 'group:default/payments',
      withDocs: true,
      repoUrl: 'git.portico.test?owner=payments&repo=payments-api',
    };
    expect(validateTemplateParameters(template.spec, values)).toEqual({ valid: true, errors: [] });

    const workspacePath = await tempDir('task');
    const log = createMemoryLogSink();
    const events: StepStatusEvent[] = [];
    const result = await runTemplateSteps({
      template: template.spec,
      values,
      secrets: {},
      user: { ref: 'user:default/ada' },
      workspacePath,
      actions: new ActionRegistry(createBuiltinActions({ integrations })),
      logger: log,
      templateInfo: { entityRef: 'template:default/node-service', baseUrl: directoryToBaseUrl(templateDir) },
      taskId: 'task-1',
      redact: integrationSecrets(integrations),
      onStepStatus: (event) => events.push(event),
    });

    const remoteUrl = `${server.baseUrl}/repos/payments/payments-api.git`;
    expect(result.output).toEqual({
      links: [
        { title: 'Repository', url: remoteUrl },
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/payments-api' },
        { title: 'Documentation', url: `${server.baseUrl}/repos/payments/payments-api/docs` },
      ],
      text: [{ title: 'Next steps', content: `Clone it with \`git clone ${remoteUrl}\`.\n` }],
    });
    expect(events.filter((event) => event.status === 'completed').map((event) => event.stepId)).toEqual([
      'fetch-base', 'fetch-docs', 'tidy', 'announce', 'publish',
    ]);
    expect(log.text()).toContain('Publishing payments-api to payments/payments-api for user:default/ada');
    expect(JSON.stringify(log.entries)).not.toContain(PASSWORD);

    const clone = await server.clone('repos/payments/payments-api.git');
    const files = (await run('git', ['-C', clone, 'ls-files'])).stdout.split('\n').filter(Boolean).sort();
    expect(files).toEqual(['README.md', 'catalog-info.yaml', 'docs/index.md', 'docs/mkdocs.yml', 'package.json', 'src/payments-api.js']);
    const catalogInfo = parse(await readFile(path.join(clone, 'catalog-info.yaml'), 'utf8'));
    expect(assertValidEntity(catalogInfo)).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        description: 'Takes payments',
        annotations: { 'backstage.io/source-location': 'url:git.portico.test/payments/payments-api', 'backstage.io/techdocs-ref': 'dir:.' },
      },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/payments' },
    });
    expect(JSON.parse(await readFile(path.join(clone, 'package.json'), 'utf8'))).toMatchObject({ name: 'payments-api', main: 'src/payments-api.js' });
    expect(await readFile(path.join(clone, 'src/payments-api.js'), 'utf8')).toContain("response.end('hello from payments-api\\n')");
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toContain('Lives in `payments/payments-api` and is owned by group:default/payments.');
    expect(await readFile(path.join(clone, 'docs/index.md'), 'utf8')).toContain('`${{ values.name }}` stays as written');
  });

  it('skips the docs when the form says so', async () => {
    const workspacePath = await tempDir('task');
    const result = await runTemplateSteps({
      template: template.spec,
      values: { name: 'no-docs', owner: 'group:default/payments', withDocs: false, repoUrl: 'git.portico.test?owner=payments&repo=no-docs' },
      workspacePath,
      actions: new ActionRegistry(createBuiltinActions({ integrations })),
      logger: createMemoryLogSink(),
      templateInfo: { baseUrl: directoryToBaseUrl(templateDir) },
    });
    expect(result.output.links?.map((link) => link.title)).toEqual(['Repository', 'Open in catalog']);
    const clone = await server.clone('repos/payments/no-docs.git');
    const files = (await run('git', ['-C', clone, 'ls-files'])).stdout.split('\n').filter(Boolean).sort();
    expect(files).toEqual(['README.md', 'catalog-info.yaml', 'package.json', 'src/no-docs.js']);
    expect(await readFile(path.join(clone, 'catalog-info.yaml'), 'utf8')).not.toContain('techdocs-ref');
  });
});
