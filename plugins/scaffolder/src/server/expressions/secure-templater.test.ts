import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '@portico/model';
import { SecureTemplater, type TemplaterOptions } from './secure-templater.js';

const templaters: SecureTemplater[] = [];
function templater(options?: TemplaterOptions): SecureTemplater {
  const created = new SecureTemplater(options);
  templaters.push(created);
  return created;
}
afterEach(() => {
  for (const t of templaters.splice(0)) t.dispose();
});

const data = {
  parameters: { name: 'billing', count: 3, enabled: false, tags: ['a', 'b'], owner: 'group:default/team-a', repoUrl: 'github.com?owner=acme&repo=billing' },
  steps: { fetch: { output: { files: 4 } }, 'publish-repo': { output: { remoteUrl: 'https://git.example/acme/billing.git' } } },
  user: { ref: 'user:default/ada', entity: { metadata: { name: 'ada' }, spec: { profile: { email: 'ada@example.com' } } } },
  secrets: { token: 's3cr3t' },
  each: { key: '0', value: { name: 'first' } },
  context: { task: { id: 'task-1' } },
};

describe('SecureTemplater.evaluate (Backstage semantics)', () => {
  it('interpolates expressions inside longer strings', () => {
    expect(templater().evaluate('svc-${{ parameters.name }}-${{ parameters.count }}', data)).toBe('svc-billing-3');
  });

  it('returns the raw value when the string is exactly one expression', () => {
    const t = templater();
    expect(t.evaluate('${{ parameters.count }}', data)).toBe(3);
    expect(t.evaluate('  ${{ parameters.enabled }} ', data)).toBe(false);
    expect(t.evaluate('${{ parameters.tags }}', data)).toEqual(['a', 'b']);
    expect(t.evaluate('${{ user.entity.metadata }}', data)).toEqual({ name: 'ada' });
    expect(t.evaluate('${{ parameters.count + 1 }}', data)).toBe(4);
  });

  it('treats two expressions as text, not as one', () => {
    expect(templater().evaluate('${{ parameters.count }}${{ parameters.count }}', data)).toBe('33');
  });

  it('reads steps both as steps.id.output and steps["id"].output, plus user, each and context', () => {
    const t = templater();
    expect(t.evaluate("${{ steps['publish-repo'].output.remoteUrl }}", data)).toBe('https://git.example/acme/billing.git');
    expect(t.evaluate('${{ steps.fetch.output.files }}', data)).toBe(4);
    expect(t.evaluate('${{ user.ref }} ${{ user.entity.spec.profile.email }}', data)).toBe('user:default/ada ada@example.com');
    expect(t.evaluate('${{ each.value.name }}', data)).toBe('first');
    expect(t.evaluate('${{ context.task.id }}', data)).toBe('task-1');
  });

  it('evaluates objects and lists member by member and drops undefined results', () => {
    const out = templater().evaluate(
      { title: 'Repo ${{ parameters.name }}', n: '${{ parameters.count }}', missing: '${{ parameters.nope }}', list: ['${{ parameters.tags }}', 7, true, null] },
      data,
    );
    expect(out).toEqual({ title: 'Repo billing', n: 3, list: [['a', 'b'], 7, true, null] });
  });

  it('leaves plain strings and Jinja-style {{ }} untouched', () => {
    const t = templater();
    expect(t.evaluate('no expressions here', data)).toBe('no expressions here');
    expect(t.evaluate('{{ parameters.name }} stays', data)).toBe('{{ parameters.name }} stays');
  });

  it('never evaluates a parameter value a second time', () => {
    const values = { parameters: { name: '${{ secrets.token }} {% include "x" %} {{ 7*7 }}' }, secrets: { token: 'x' } };
    expect(templater().evaluate('${{ parameters.name }}', values)).toBe('${{ secrets.token }} {% include "x" %} {{ 7*7 }}');
  });

  it('offers the nunjucks built-in filters and tags', () => {
    const t = templater();
    expect(t.evaluate('${{ parameters.tags | join(",") | upper }}', data)).toBe('A,B');
    expect(t.evaluate('${{ parameters.nope | default("fallback") }}', data)).toBe('fallback');
    expect(t.evaluate('${{ parameters.tags | dump }}', data)).toBe('["a","b"]');
    expect(t.evaluate('{% for t in parameters.tags %}[${{ t }}]{% endfor %}', data)).toBe('[a][b]');
    expect(t.evaluate('{% if parameters.enabled %}on{% else %}off{% endif %}', data)).toBe('off');
  });

  it('offers parseRepoUrl, parseEntityRef, pick and projectSlug', () => {
    const t = templater();
    expect(t.evaluate('${{ parameters.repoUrl | parseRepoUrl }}', data)).toEqual({ host: 'github.com', owner: 'acme', repo: 'billing' });
    expect(t.evaluate('${{ (parameters.repoUrl | parseRepoUrl).repo }}', data)).toBe('billing');
    expect(t.evaluate('${{ parameters.owner | parseEntityRef }}', data)).toEqual({ kind: 'group', namespace: 'default', name: 'team-a' });
    expect(t.evaluate('${{ "team-b" | parseEntityRef({ defaultKind: "Group" }) | pick("kind") }}', data)).toBe('Group');
    expect(t.evaluate('${{ user.entity | pick("spec.profile.email") }}', data)).toBe('ada@example.com');
    expect(t.evaluate('${{ parameters.repoUrl | projectSlug }}', data)).toBe('acme/billing');
  });

  it('names the problem when a filter gets bad input', () => {
    const t = templater();
    expect(() => t.evaluate('${{ "github.com?repo=x" | parseRepoUrl }}', data)).toThrow(/missing "owner"/);
    expect(() => t.evaluate('${{ "github.com?owner=a&owner=b&repo=x" | parseRepoUrl }}', data)).toThrow(/"owner" more than once/);
    expect(() => t.evaluate('${{ "billing" | parseEntityRef }}', data)).toThrow(/has no kind/);
  });

  it('knows which query parameters a host type needs', () => {
    const t = templater({ repoUrlHosts: { 'bitbucket.acme.io': 'bitbucketServer', 'gerrit.acme.io': 'gerrit' } });
    expect(t.evaluate('${{ "bitbucket.acme.io?project=P&repo=r" | parseRepoUrl }}', data)).toEqual({ host: 'bitbucket.acme.io', project: 'P', repo: 'r' });
    expect(t.evaluate('${{ "gerrit.acme.io?repo=r" | parseRepoUrl }}', data)).toEqual({ host: 'gerrit.acme.io', repo: 'r' });
    expect(() => t.evaluate('${{ "bitbucket.org?workspace=w&repo=r" | parseRepoUrl }}', data)).toThrow(/missing "project"/);
  });

  it('reports syntax errors as InputError with the expression', () => {
    const t = templater();
    const attempt = () => t.evaluate('${{ parameters.name | }}', data);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/Template expression failed: .*in: \$\{\{ parameters.name \| \}\}/);
  });
});

describe('SecureTemplater.renderString', () => {
  it('always renders text, even for a single expression', () => {
    expect(templater().renderString('${{ parameters.count }}', data)).toBe('3');
  });

  it('renders cookiecutter syntax with jsonify when asked', () => {
    const out = templater().renderString('name={{ cookiecutter.name }} tags={{ cookiecutter.tags | jsonify }} cost=${{ cookiecutter.name }}', {
      cookiecutter: { name: 'svc', tags: ['a'] },
    }, { syntax: 'cookiecutter' });
    expect(out).toBe('name=svc tags=["a"] cost=$svc');
  });

  it('honours trimBlocks and lstripBlocks', () => {
    const source = 'a\n  {% if true %}\nb\n  {% endif %}\nc';
    const t = templater();
    expect(t.renderString(source, {})).toBe('a\n  \nb\n  \nc');
    expect(t.renderString(source, {}, { trimBlocks: true, lstripBlocks: true })).toBe('a\nb\nc');
  });
});

describe('template extensions', () => {
  it('runs source filters and globals inside the isolate', () => {
    const t = templater({
      filters: { shout: { source: 'function (s) { return String(s).toUpperCase() + "!" }' } },
      globals: { company: { value: { name: 'Acme' } }, greet: { source: 'function (n) { return "hi " + n }' } },
    });
    expect(t.evaluate('${{ parameters.name | shout }} ${{ company.name }} ${{ greet("ada") }}', data)).toBe('BILLING! Acme hi ada');
  });

  it('calls host filters with copied JSON and copies their JSON result back', () => {
    const seen: unknown[] = [];
    const t = templater({
      filters: {
        describeAll: {
          host: (value, suffix) => {
            seen.push(value);
            return { kind: Array.isArray(value) ? 'list' : typeof value, suffix: suffix ?? null };
          },
        },
      },
    });
    expect(t.evaluate('${{ parameters.tags | describeAll("x") }}', data)).toEqual({ kind: 'list', suffix: 'x' });
    expect(seen).toEqual([['a', 'b']]);
  });

  it('refuses extension names a template could not use safely', () => {
    expect(() => new SecureTemplater({ filters: { constructor: { source: 'function(){}' } } })).toThrow(/not allowed/);
    expect(() => new SecureTemplater({ globals: { 'a-b': { value: 1 } } })).toThrow(/not allowed/);
  });

  it('keeps state made inside one templater away from every other templater', () => {
    const options: TemplaterOptions = {
      filters: { bump: { source: 'function () { globalThis.counter = (globalThis.counter || 0) + 1; return globalThis.counter; }' } },
    };
    const first = templater(options);
    expect(first.evaluate('${{ 0 | bump }}', data)).toBe(1);
    expect(first.evaluate('${{ 0 | bump }}', data)).toBe(2);
    const second = templater(options);
    expect(second.evaluate('${{ 0 | bump }}', data)).toBe(1);
  });

  it('cannot be used after dispose', () => {
    const t = new SecureTemplater();
    t.dispose();
    expect(() => t.evaluate('${{ 1 }}', {})).toThrow(/disposed/);
  });
});
