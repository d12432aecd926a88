/**
 * JavaScript that runs inside the expression isolate, after nunjucks' browser build. It is kept
 * as a plain string (ES5, no template literals) because it never runs in the host: the host only
 * hands it to isolated-vm.
 *
 * Besides the isolate itself (no `process`, `require`, file system or host objects), the runtime
 * refuses member and name lookups of `constructor`, `__proto__`, `prototype` and the legacy
 * accessor helpers. That closes the known nunjucks escapes (`range.constructor(...)`,
 * `[].constructor.constructor`, `cycler.constructor`, ...) with a readable error instead of
 * relying on the isolate alone.
 *
 * Entry points (set on globalThis, called by the host through References):
 *  - __portico_setup(configJson): builds the environments once per isolate.
 *  - __portico_evaluate(requestJson): evaluates a JSON value (Backstage semantics) and returns
 *    `{"value": ...}` as a JSON string.
 */
export const ISOLATE_RUNTIME_SOURCE = String.raw`
(function () {
  'use strict';
  var nunjucks = globalThis.nunjucks;
  var runtime = nunjucks.runtime;
  var BLOCKED = Object.create(null);
  ['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__',
    '__lookupGetter__', '__lookupSetter__'].forEach(function (name) { BLOCKED[name] = true; });

  function refuse(name) {
    throw new Error('Access to "' + name + '" is not allowed in template expressions');
  }
  function keyOf(value) {
    return typeof value === 'number' ? value : String(value);
  }

  var originalMemberLookup = runtime.memberLookup;
  runtime.memberLookup = function (obj, val) {
    var key = keyOf(val);
    if (typeof key === 'string' && BLOCKED[key] === true) refuse(key);
    return originalMemberLookup(obj, key);
  };
  var originalContextOrFrameLookup = runtime.contextOrFrameLookup;
  runtime.contextOrFrameLookup = function (context, frame, name) {
    if (BLOCKED[name] === true) refuse(name);
    return originalContextOrFrameLookup(context, frame, name);
  };

  // Templates are single strings: there are no files to include, import or extend.
  var noFilesLoader = {
    getSource: function (name) {
      throw new Error('Templates cannot include, import or extend other files ("' + name + '")');
    }
  };

  var config = null;
  var environments = Object.create(null);
  var templateCache = new Map();
  var MAX_CACHED_TEMPLATES = 500;
  var captured = { value: undefined };

  function plain(value) {
    if (value instanceof runtime.SafeString) return value.toString();
    return value;
  }

  function hostFilter(callback) {
    return function () {
      var args = Array.prototype.slice.call(arguments).map(plain);
      var out = callback(JSON.stringify(args));
      return out === undefined ? undefined : JSON.parse(out);
    };
  }

  function sourceFunction(source, name) {
    var fn = (0, eval)('(' + source + ')');
    if (typeof fn !== 'function') throw new Error('Template extension "' + name + '" is not a function');
    return fn;
  }

  function environment(options) {
    var key = options.syntax + (options.trimBlocks ? '|trim' : '') + (options.lstripBlocks ? '|lstrip' : '');
    var env = environments[key];
    if (env) return env;
    var settings = { autoescape: false, trimBlocks: !!options.trimBlocks, lstripBlocks: !!options.lstripBlocks };
    if (options.syntax === 'backstage') settings.tags = { variableStart: '$' + '{{', variableEnd: '}}' };
    env = new nunjucks.Environment([noFilesLoader], settings);
    var builtins = globalThis.__portico_builtin_filters;
    Object.keys(builtins).forEach(function (name) { env.addFilter(name, builtins[name](config)); });
    if (options.syntax === 'cookiecutter') {
      env.addFilter('jsonify', function (value) { return JSON.stringify(plain(value)); });
    }
    config.filters.forEach(function (filter) {
      env.addFilter(filter.name, filter.kind === 'source'
        ? sourceFunction(filter.source, filter.name)
        : hostFilter(globalThis['__portico_host_' + filter.index]));
    });
    config.globals.forEach(function (entry) {
      if (entry.kind === 'value') env.addGlobal(entry.name, entry.value);
      else if (entry.kind === 'source') env.addGlobal(entry.name, sourceFunction(entry.source, entry.name));
      else env.addGlobal(entry.name, hostFilter(globalThis['__portico_host_' + entry.index]));
    });
    env.addGlobal('__portico_capture', function (value) { captured.value = plain(value); return ''; });
    environments[key] = env;
    return env;
  }

  function compiled(source, options) {
    var cacheKey = options.syntax + (options.trimBlocks ? 't' : '') + (options.lstripBlocks ? 'l' : '') + '\u0000' + source;
    var template = templateCache.get(cacheKey);
    if (template) return template;
    if (templateCache.size >= MAX_CACHED_TEMPLATES) templateCache.clear();
    template = new nunjucks.Template(source, environment(options), undefined, true);
    templateCache.set(cacheKey, template);
    return template;
  }

  function checkLength(text) {
    if (text.length > config.maxOutputLength) {
      throw new Error('Template output is ' + text.length + ' characters, more than the limit of ' + config.maxOutputLength);
    }
    return text;
  }

  // Exactly one expression and nothing around it but whitespace: Backstage returns its raw value.
  var SINGLE_EXPRESSION = /^\s*\$\{\{((?:(?!\}\}|\$\{\{)[\s\S])*)\}\}\s*$/;
  var NEEDS_RENDERING = /\$\{\{|\{%|\{#/;

  function evaluateString(text, data, options) {
    if (options.syntax === 'backstage' && options.raw) {
      var match = SINGLE_EXPRESSION.exec(text);
      if (match) {
        captured.value = undefined;
        compiled('$' + '{{ __portico_capture(' + match[1] + ') }}', options).render(data);
        var value = captured.value;
        captured.value = undefined;
        if (typeof value === 'string') checkLength(value);
        return value;
      }
      if (!NEEDS_RENDERING.test(text)) return text;
    }
    return checkLength(compiled(text, options).render(data));
  }

  function evaluateValue(value, data, options) {
    if (typeof value === 'string') return evaluateString(value, data, options);
    if (Array.isArray(value)) {
      return value.map(function (item) {
        var out = evaluateValue(item, data, options);
        return out === undefined ? null : out;
      });
    }
    if (value !== null && typeof value === 'object') {
      var result = {};
      Object.keys(value).forEach(function (key) {
        var out = evaluateValue(value[key], data, options);
        if (out !== undefined) {
          Object.defineProperty(result, key, { value: out, enumerable: true, writable: true, configurable: true });
        }
      });
      return result;
    }
    return value;
  }

  function jsonSafe(value) {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return undefined;
    return value;
  }

  globalThis.__portico_setup = function (configJson) {
    config = JSON.parse(configJson);
  };

  globalThis.__portico_evaluate = function (requestJson) {
    var request = JSON.parse(requestJson);
    var value = jsonSafe(evaluateValue(request.value, request.data, request.options));
    return checkLength(JSON.stringify({ value: value }) || '{}');
  };
})();
`;
