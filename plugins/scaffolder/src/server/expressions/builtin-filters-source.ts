/**
 * The Backstage filters (`parseRepoUrl`, `parseEntityRef`, `pick`, `projectSlug`) as plain
 * JavaScript that runs inside the expression isolate. They work on the copied JSON context only,
 * so a filter can never hand the template a host object. `parseEntityRef` follows
 * @portico/model's parser; builtin-filters.test.ts checks both agree.
 *
 * Each entry is a factory taking the isolate config (for the repo host types) and returning
 * the filter function.
 */
export const BUILTIN_FILTERS_SOURCE = String.raw`
(function () {
  'use strict';
  var BLOCKED = Object.create(null);
  ['constructor', '__proto__', 'prototype'].forEach(function (key) { BLOCKED[key] = true; });
  var REF_FORM = '[kind:][namespace/]name, e.g. "component:default/my-service"';
  var REPO_URL_FORM = '"host?owner=<owner>&repo=<repo>", e.g. "github.com?owner=acme&repo=web"';

  function describe(value) {
    if (value === undefined) return 'nothing (undefined)';
    if (value === null) return 'null';
    if (typeof value === 'string') return '"' + value + '"';
    return 'a ' + (Array.isArray(value) ? 'list' : typeof value);
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch (error) {
      throw new Error('parseRepoUrl: "' + text + '" is not valid URL encoding');
    }
  }

  function parseRepoUrlWith(config, repoUrl) {
    if (typeof repoUrl !== 'string' || repoUrl.trim() === '') {
      throw new Error('parseRepoUrl needs a repo URL like ' + REPO_URL_FORM + ', got ' + describe(repoUrl));
    }
    var question = repoUrl.indexOf('?');
    var host = question === -1 ? repoUrl : repoUrl.slice(0, question);
    if (!host || /[\/\\\s@#?]/.test(host)) {
      throw new Error('parseRepoUrl: "' + repoUrl + '" has no valid host before "?"; write it as ' + REPO_URL_FORM);
    }
    var params = Object.create(null);
    var query = question === -1 ? '' : repoUrl.slice(question + 1);
    query.split('&').forEach(function (pair) {
      if (pair === '') return;
      var equals = pair.indexOf('=');
      var key = decode(equals === -1 ? pair : pair.slice(0, equals));
      var value = equals === -1 ? '' : decode(pair.slice(equals + 1));
      if (key in params) throw new Error('parseRepoUrl: "' + repoUrl + '" gives "' + key + '" more than once');
      params[key] = value;
    });
    var result = { host: host };
    ['owner', 'repo', 'organization', 'workspace', 'project'].forEach(function (key) {
      if (params[key]) result[key] = params[key];
    });
    var type = (config.repoUrlHosts && own(config.repoUrlHosts, host)) ? config.repoUrlHosts[host] : undefined;
    if (host === 'bitbucket.org' && !type) type = 'bitbucketCloud';
    var needed = ['repo'];
    if (type === 'bitbucketCloud') needed.push('workspace', 'project');
    else if (type === 'bitbucketServer' || type === 'azure') needed.push('project');
    else if (type !== 'gerrit') needed.push('owner');
    needed.forEach(function (key) {
      if (!result[key]) {
        throw new Error('parseRepoUrl: "' + repoUrl + '" is missing "' + key + '"; write it as ' + REPO_URL_FORM);
      }
    });
    return result;
  }

  function splitRef(ref) {
    var colon = ref.indexOf(':');
    var slash = ref.indexOf('/');
    if (slash !== -1 && slash < colon) colon = -1;
    var kind = colon === -1 ? undefined : ref.slice(0, colon);
    var namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
    var name = ref.slice(Math.max(colon + 1, slash + 1));
    if (kind === '') throw new Error('Entity ref "' + ref + '" has an empty kind before ":"; write it as ' + REF_FORM);
    if (namespace === '') throw new Error('Entity ref "' + ref + '" has an empty namespace before "/"; write it as ' + REF_FORM);
    if (name === '') throw new Error('Entity ref "' + ref + '" has no name; write it as ' + REF_FORM);
    return { kind: kind, namespace: namespace, name: name };
  }

  function parseEntityRef(ref, context) {
    context = context || {};
    if (typeof ref === 'string' ? ref.length === 0 : !ref) throw new Error('Entity ref must not be empty');
    if (typeof ref !== 'string' && typeof ref !== 'object') {
      throw new Error('parseEntityRef needs a string like ' + REF_FORM + ', got ' + describe(ref));
    }
    var parts = typeof ref === 'string' ? splitRef(ref) : ref;
    var kind = parts.kind !== undefined ? parts.kind : context.defaultKind;
    var namespace = parts.namespace !== undefined ? parts.namespace : (context.defaultNamespace || 'default');
    var shown = typeof ref === 'string' ? '"' + ref + '"' : JSON.stringify(ref);
    if (!kind) {
      throw new Error('Entity ref ' + shown + ' has no kind and this field has no default kind; write it as "<kind>:' +
        parts.name + '", e.g. "component:' + parts.name + '"');
    }
    if (!namespace) throw new Error('Entity ref ' + shown + ' has an empty namespace; write it as ' + REF_FORM);
    if (!parts.name) throw new Error('Entity ref ' + shown + ' has no name; write it as ' + REF_FORM);
    return { kind: kind, namespace: namespace, name: parts.name };
  }

  function pick(object, path) {
    if (typeof path !== 'string' || path === '') throw new Error('pick needs a property path like "a.b", got ' + describe(path));
    var current = object;
    var keys = path.split('.');
    for (var i = 0; i < keys.length; i++) {
      if (BLOCKED[keys[i]] === true) throw new Error('Access to "' + keys[i] + '" is not allowed in template expressions');
      if (current === null || typeof current !== 'object' || !own(current, keys[i])) return undefined;
      current = current[keys[i]];
    }
    return current;
  }

  globalThis.__portico_builtin_filters = {
    parseRepoUrl: function (config) {
      return function (repoUrl) { return parseRepoUrlWith(config, repoUrl); };
    },
    parseEntityRef: function () {
      return function (ref, context) { return parseEntityRef(ref, context); };
    },
    pick: function () {
      return pick;
    },
    projectSlug: function (config) {
      return function (repoUrl) {
        var parsed = parseRepoUrlWith(config, repoUrl);
        return (parsed.owner || parsed.workspace || parsed.organization || parsed.project) + '/' + parsed.repo;
      };
    }
  };
})();
`;
