import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, type JsonObject } from '@portico/model';
import { SecureTemplater } from './secure-templater.js';

/**
 * Known ways out of a nunjucks "sandbox" (and out of JavaScript sandboxes in general). Each must
 * be refused with a clear error or stay inert; the host must be untouched: the canary global is
 * never set, no uncaught error reaches the host, and the templater still works afterwards.
 */
const CANARY = '__porticoSandboxCanary';
const SET_CANARY = `globalThis.${CANARY} = 1; return typeof process === 'object' ? process.pid : 'no process'`;

const refused: { name: string; template: string; error: RegExp }[] = [
  { name: 'range.constructor', template: `\${{ range.constructor("${SET_CANARY}")() }}`, error: /Access to "constructor" is not allowed/ },
  { name: 'cycler.constructor', template: `\${{ cycler.constructor("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: 'joiner.constructor', template: `\${{ joiner.constructor("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: 'lipsum.constructor', template: `\${{ lipsum.constructor("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: '[].constructor.constructor', template: `\${{ [].constructor.constructor("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: 'string subscript constructor', template: `\${{ ""["constructor"]["constructor"]("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: 'list used as a key', template: `\${{ range[["constructor"]][["constructor"]]("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: 'concatenated key', template: `\${{ range["constr" ~ "uctor"]("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: 'bare constructor name', template: `\${{ constructor.constructor("${SET_CANARY}")() }}`, error: /"constructor" is not allowed/ },
  { name: '__proto__ of a value', template: '${{ parameters.__proto__ }}', error: /"__proto__" is not allowed/ },
  { name: 'prototype of a global', template: '${{ range.prototype }}', error: /"prototype" is not allowed/ },
  { name: '__defineGetter__', template: '${{ parameters.__defineGetter__("x", range) }}', error: /"__defineGetter__" is not allowed/ },
  { name: 'pick into __proto__', template: '${{ parameters | pick("__proto__.polluted") }}', error: /"__proto__" is not allowed/ },
  { name: 'set via set tag and member', template: '{% set p = parameters["__proto__"] %}${{ p }}', error: /"__proto__" is not allowed/ },
  { name: 'require', template: '${{ require("child_process").execSync("touch /tmp/pwned") }}', error: /Unable to call `require`/ },
  { name: 'dynamic import', template: '${{ import("node:fs") }}', error: /Template expression failed/ },
  { name: 'include a host file', template: '{% include "/etc/passwd" %}', error: /cannot include, import or extend other files \("\/etc\/passwd"\)/ },
  { name: 'import a template file', template: '{% import "macros.njk" as m %}${{ m.x() }}', error: /cannot include, import or extend other files/ },
  { name: 'extends a file', template: '{% extends "../../../etc/hosts" %}', error: /cannot include, import or extend other files/ },
  { name: 'from-import', template: '{% from "/etc/passwd" import x %}', error: /cannot include, import or extend other files/ },
  { name: 'endless recursion', template: '{% macro f(n) %}${{ f(n + 1) }}{% endmacro %}${{ f(0) }}', error: /Maximum call stack|ran longer than/ },
];

const inert: { name: string; template: string; expected: unknown }[] = [
  { name: 'this', template: '${{ this }}', expected: undefined },
  { name: 'globalThis.process', template: '${{ globalThis.process }}', expected: undefined },
  { name: 'process.env', template: '${{ process.env.HOME }}', expected: undefined },
  { name: 'process via string', template: 'pid=${{ process.pid }}', expected: 'pid=' },
  { name: 'global', template: '${{ global }}', expected: undefined },
  { name: 'valueOf of the context', template: '${{ valueOf }}', expected: undefined },
];

describe('expression sandbox', () => {
  let templater: SecureTemplater;
  const hostErrors: unknown[] = [];
  const onHostError = (error: unknown) => hostErrors.push(error);

  beforeAll(() => {
    templater = new SecureTemplater();
    process.on('uncaughtException', onHostError);
    process.on('unhandledRejection', onHostError);
  });
  afterAll(() => {
    process.off('uncaughtException', onHostError);
    process.off('unhandledRejection', onHostError);
    templater.dispose();
  });

  const data = { parameters: { name: 'svc' }, secrets: { token: 't0ken' } };

  it.each(refused)('refuses $name', ({ template, error }) => {
    const attempt = () => templater.evaluate(template, data);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(error);
    expect(Reflect.get(globalThis, CANARY)).toBeUndefined();
  });

  it.each(inert)('keeps $name inert', ({ template, expected }) => {
    expect(templater.evaluate(template, data)).toEqual(expected);
  });

  it('gives code that does run inside the isolate no process, require, fetch or import', () => {
    const probe = new SecureTemplater({
      filters: {
        probe: {
          source: `function () {
            globalThis.${CANARY} = 1;
            return [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof Buffer, typeof module].join(",");
          }`,
        },
        dynamicImport: { source: 'function () { import("node:fs"); return "imported"; }' },
      },
    });
    try {
      expect(probe.evaluate('${{ 0 | probe }}', data)).toBe('undefined,undefined,undefined,undefined,undefined,undefined');
      expect(() => probe.evaluate('${{ 0 | dynamicImport }}', data)).toThrow(/Not supported|Template expression failed/);
    } finally {
      probe.dispose();
    }
    expect(Reflect.get(globalThis, CANARY)).toBeUndefined();
  });

  it('stops an endless loop at the time limit', () => {
    const loop = '{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}done';
    const started = Date.now();
    expect(() => templater.evaluate(loop, data)).toThrow(/ran longer than 1000 ms and was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(templater.evaluate('${{ parameters.name }}', data)).toBe('svc');
  });

  it('stops a memory bomb at the memory limit and recovers with a fresh isolate', () => {
    const bomb = '{% set xs = [] %}{% for i in range(3000) %}{% for j in range(3000) %}${{ xs.push("item-" ~ i ~ "-" ~ j) }}{% endfor %}{% endfor %}';
    const bounded = new SecureTemplater({ timeoutMs: 20_000 });
    try {
      expect(() => bounded.evaluate(bomb, data)).toThrow(/used more than 64 MB of memory and was stopped/);
      expect(bounded.evaluate('still ${{ parameters.name }}', data)).toBe('still svc');
    } finally {
      bounded.dispose();
    }
  });

  it('refuses huge string output', () => {
    expect(() => templater.evaluate('{% set s = "xxxxxxxxxx" %}{% for i in range(20) %}{% set s = s ~ s %}{% endfor %}${{ s }}', data)).toThrow(
      /Template output is 10485760 characters, more than the limit of 10000000/,
    );
    expect(() => templater.evaluate('${{ "x" | center(200000000) }}', data)).toThrow(
      /more than the limit of 10000000|used more than 64 MB|ran longer than/,
    );
    expect(() => templater.evaluate('{% set s = "xxxxxxxxxx" %}{% for i in range(30) %}{% set s = s ~ s %}{% endfor %}${{ s }}', data)).toThrow(
      /more than the limit|Invalid string length|used more than 64 MB/,
    );
  });

  it('keeps __proto__ keys from data as plain data on the host', () => {
    const polluted = JSON.parse('{"__proto__": {"polluted": "yes"}}') as JsonObject;
    const out = templater.evaluate('${{ parameters.obj }}', { parameters: { obj: polluted } }) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('left the host untouched', () => {
    expect(Reflect.get(globalThis, CANARY)).toBeUndefined();
    expect(hostErrors).toEqual([]);
    expect(templater.evaluate('ok ${{ parameters.name }}', data)).toBe('ok svc');
  });
});
