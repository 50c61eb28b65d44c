#!/usr/bin/env node
'use strict';
/*
 * Offline checks of the Bicep files with tree-sitter-bicep (no Bicep CLI or Azure access needed).
 *
 *   node .ci/bicep/check.js <bicep-dir> [--names out.json]
 *
 * For every *.bicep under <bicep-dir> (recursive):
 *   1. syntax: every ERROR or MISSING node is reported as file:line:col.
 *   2. undefined names: every identifier reference that is not declared in the file (param, var, resource incl.
 *      nested ones, module, output, type, func, import names; for-loop item/index variables and lambda parameters
 *      within their scope) and is not a Bicep built-in (BUILTINS below) is reported as file:line: undefined name 'x'.
 *      Property names after '.', object keys, decorator names, declaration names, types and the child name in
 *      'parent::child' are not references.
 *   3. module params: every key of a module's `params: { ... }` must be a `param` of the target file, and every
 *      target param without a default (and not nullable) must be passed.
 * Any finding: exit 1.
 *
 * --names out.json writes { queues, tables, appSettings, outputs } extracted from the trees:
 *   queues      names of 'Microsoft.ServiceBus/namespaces/queues@...' resources,
 *   tables      names of 'Microsoft.Storage/storageAccounts/tableServices/tables@...' resources,
 *   appSettings keys of the properties object of 'Microsoft.Web/sites/config@...' resources named 'appsettings'
 *               (or of the object literals in its `union(...)`; or the name: values of a siteConfig.appSettings array in 'Microsoft.Web/sites@...'),
 *   outputs     output names of <bicep-dir>/main.bicep.
 * A resource name is resolved as: a string literal; or the loop variable of `[for x in <source>: ...]` where
 * <source> is an identifier, resolved to an array literal of strings. An identifier is resolved in its own file
 * (var, or param default); a param without a usable default is resolved through the `params:` value that some
 * module declaration in another file passes for it (e.g. main.bicep's `queueNames: queueNames` -> main's var).
 * If no queues, tables or app settings are found at all: exit 2.
 */

const fs = require('fs');
const path = require('path');
const Parser = require('tree-sitter');
const Bicep = require('tree-sitter-bicep');

// Bicep built-in functions and namespaces (https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions).
const BUILTINS = new Set([
  // namespaces
  'az', 'sys', 'this',
  // any / conversions
  'any', 'array', 'bool', 'int', 'json', 'string', 'object', 'parseCidr', 'cidrSubnet', 'cidrHost',
  // arrays and objects
  'concat', 'contains', 'empty', 'filter', 'first', 'flatten', 'groupBy', 'indexOf', 'intersection', 'items',
  'join', 'last', 'lastIndexOf', 'length', 'map', 'mapValues', 'max', 'min', 'objectKeys', 'range', 'reduce',
  'shallowMerge', 'skip', 'sort', 'take', 'toObject', 'tryGet', 'union', 'coalesce',
  // dates
  'dateTimeAdd', 'dateTimeFromEpoch', 'dateTimeToEpoch', 'utcNow',
  // deployment / scope
  'deployer', 'deployment', 'environment', 'managementGroup', 'resourceGroup', 'subscription', 'tenant',
  'extensionResourceId', 'managementGroupResourceId', 'resourceId', 'subscriptionResourceId', 'tenantResourceId',
  'reference', 'list', 'listKeys', 'listAccountSas', 'listServiceSas', 'listSecrets', 'listCallbackUrl',
  'pickZones', 'providers', 'getSecret', 'readEnvironmentVariable', 'externalInput',
  // files
  'loadFileAsBase64', 'loadJsonContent', 'loadTextContent', 'loadYamlContent', 'loadDirectoryFileInfo',
  // logical / numeric
  'bool', 'if', 'not', 'and', 'or', 'equals', 'less', 'lessOrEquals', 'greater', 'greaterOrEquals', 'add', 'sub',
  'mul', 'div', 'mod',
  // strings
  'base64', 'base64ToJson', 'base64ToString', 'dataUri', 'dataUriToString', 'endsWith', 'format', 'guid',
  'newGuid', 'padLeft', 'replace', 'split', 'startsWith', 'substring', 'toLower', 'toUpper', 'trim',
  'uniqueString', 'uri', 'uriComponent', 'uriComponentToString', 'buildUri', 'parseUri',
]);
// listKeys, listSecrets, listFoo...: list* resource functions
const LIST_FUNCTION = /^list[A-Z]/;

const DECLARATIONS = new Set([
  'parameter_declaration', 'variable_declaration', 'resource_declaration', 'module_declaration',
  'output_declaration', 'type_declaration', 'user_defined_function', 'metadata_declaration', 'test_block',
  'assert_statement',
]);
// Subtrees that hold no expression references we check (types, import lists, `using`).
const SKIPPED = new Set([
  'type', 'primitive_type', 'parameterized_type', 'array_type', 'union_type', 'nullable_type', 'negated_type',
  'parenthesized_type', 'type_arguments', 'import_functionality', 'import_statement', 'using_statement',
  'comment', 'diagnostic_comment',
]);

function usage() {
  console.error('usage: node check.js <bicep-dir> [--names out.json]');
  process.exit(64);
}

function listBicepFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...listBicepFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.bicep')) {
      out.push(full);
    }
  }
  return out.sort();
}

function parseFile(parser, file) {
  const text = fs.readFileSync(file, 'utf8');
  // tree-sitter's node binding reads a string input in chunks; a callback avoids its 32 KiB string limit.
  const tree = parser.parse((index) => text.slice(index, index + 4096));
  return { file, text, tree, root: tree.rootNode };
}

// Node objects are created per access, so compare nodes by position and type, never with ===.
const same = (a, b) => !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
const pos = (node) => `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
const line = (node) => `${node.startPosition.row + 1}`;

function* walk(node) {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** The identifier naming a declaration (first named child that is an identifier). */
function declarationName(decl) {
  return decl.childForFieldName('name') || decl.namedChildren.find((c) => c.type === 'identifier') || null;
}

/** The unquoted value of a plain string literal ('abc'), or null when it has interpolations or is not a string. */
function stringLiteral(node) {
  if (!node || node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return null;
  const t = node.text;
  if (t.startsWith("'''")) return t.slice(3, -3);
  return t.slice(1, -1).replace(/\\(.)/g, (_, ch) => ({ n: '\n', r: '\r', t: '\t' }[ch] || ch));
}

function relative(file) {
  return path.relative(process.cwd(), file) || file;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. syntax

function syntaxErrors(unit) {
  const problems = [];
  for (const node of walk(unit.root)) {
    if (node.type === 'ERROR') {
      const snippet = node.text.split('\n')[0].slice(0, 40);
      problems.push(`${relative(unit.file)}:${pos(node)}: syntax error near '${snippet}'`);
    } else if (node.isMissing) {
      problems.push(`${relative(unit.file)}:${pos(node)}: syntax error: missing '${node.type}'`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. undefined names

function fileDeclarations(unit) {
  const names = new Set();
  for (const node of walk(unit.root)) {
    if (DECLARATIONS.has(node.type)) {
      const id = declarationName(node);
      if (id) names.add(id.text);
    } else if (node.type === 'import_functionality') {
      // import { a, b as c } from '...' / import * as ns from '...': the last identifier of each item is the local name
      const ids = node.namedChildren.filter((c) => c.type === 'identifier');
      const children = node.children;
      for (const id of ids) {
        const next = children[children.findIndex((c) => same(c, id)) + 1];
        if (!(next && next.type === 'as')) names.add(id.text);
      }
    } else if (node.type === 'import_statement' || node.type === 'import_with_statement') {
      const ids = node.children.filter((c) => c.type === 'identifier');
      if (ids.length) names.add(ids[ids.length - 1].text); // import 'x@1' as alias
    }
  }
  return names;
}

/** Identifiers bound by a lambda's left side: `x => ...` or `(a, b) => ...`. */
function lambdaParams(lambda) {
  const left = lambda.namedChildren[0];
  if (!left) return [];
  if (left.type === 'identifier') return [left.text];
  if (left.type === 'parenthesized_expression') return left.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  return [];
}

/**
 * Lambda parameters of lambdas inside an argument expression, not looking into nested calls' arguments. The grammar
 * binds `x => x.a + x.b` as `((x => x).a) + x.b`, so a lambda's parameters are put in scope for the whole argument.
 */
function lambdaParamsIn(node) {
  const names = [];
  (function visit(n) {
    if (n.type === 'lambda_expression') names.push(...lambdaParams(n));
    for (const c of n.namedChildren) if (c.type !== 'arguments') visit(c);
  })(node);
  return names;
}

function undefinedNames(unit) {
  const declared = fileDeclarations(unit);
  const problems = [];
  const isDeclared = (name, scopes) => declared.has(name) || scopes.some((s) => s.has(name));

  function reference(id, scopes, isCallee) {
    const name = id.text;
    if (isDeclared(name, scopes) || BUILTINS.has(name) || (isCallee && LIST_FUNCTION.test(name))) return;
    problems.push(`${relative(unit.file)}:${line(id)}: undefined name '${name}'`);
  }

  function visit(node, scopes) {
    if (SKIPPED.has(node.type)) return;
    switch (node.type) {
      case 'identifier':
        reference(node, scopes, false);
        return;
      case 'decorator': {
        // @name(args) / @sys.name(args): the name is not a reference, the arguments are.
        const call = node.namedChildren.find((c) => c.type === 'call_expression');
        const args = call && call.childForFieldName('arguments');
        if (args) visit(args, scopes);
        return;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        if (fn && fn.type === 'identifier') reference(fn, scopes, true);
        else if (fn) visit(fn, scopes);
        for (const c of node.namedChildren) if (!same(c, fn)) visit(c, scopes);
        return;
      }
      case 'arguments':
        for (const c of node.namedChildren) {
          const bound = lambdaParamsIn(c);
          visit(c, bound.length ? [...scopes, new Set(bound)] : scopes);
        }
        return;
      case 'lambda_expression': {
        const body = node.namedChildren.slice(1);
        const inner = [...scopes, new Set(lambdaParams(node))];
        for (const c of body) visit(c, inner);
        return;
      }
      case 'for_statement': {
        const bound = new Set();
        const init = node.childForFieldName('initializer');
        if (init) bound.add(init.text);
        const params = node.namedChildren.find((c) => c.type === 'for_loop_parameters');
        if (params) for (const c of params.namedChildren) bound.add(c.text);
        const body = node.childForFieldName('body');
        for (const c of node.namedChildren) {
          if (same(c, init) || same(c, params)) continue;
          visit(c, same(c, body) ? [...scopes, bound] : scopes); // the source array is in the outer scope
        }
        return;
      }
      case 'member_expression': {
        const obj = node.childForFieldName('object');
        if (obj) visit(obj, scopes); // property_identifier is not a reference
        return;
      }
      case 'resource_expression': {
        const obj = node.childForFieldName('object');
        if (obj) visit(obj, scopes); // parent::child: child is a nested resource name
        return;
      }
      case 'object_property': {
        const [key, ...rest] = node.namedChildren;
        if (key && key.type === 'resource_declaration') { visit(key, scopes); return; }
        if (key && key.type === 'string') visit(key, scopes); // '${x}': ... interpolations are references
        for (const c of rest) visit(c, scopes);
        return;
      }
      case 'user_defined_function': {
        const params = node.namedChildren.find((c) => c.type === 'parameters');
        const bound = new Set(params ? params.namedChildren.map((p) => p.namedChildren[0] && p.namedChildren[0].text) : []);
        const name = declarationName(node);
        for (const c of node.namedChildren) {
          if (same(c, name) || same(c, params)) continue;
          visit(c, [...scopes, bound]);
        }
        return;
      }
      default:
        if (DECLARATIONS.has(node.type)) {
          const name = declarationName(node);
          for (const c of node.namedChildren) if (!same(c, name)) visit(c, scopes);
          return;
        }
        for (const c of node.namedChildren) visit(c, scopes);
    }
  }

  visit(unit.root, []);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. module params

/** The object of a resource/module body: `= {..}`, `= if (c) {..}`, `= [for x in y: {..}]` (null when not found). */
function bodyObject(decl) {
  let body = decl.namedChildren.find((c) => c.type === 'object' || c.type === 'if_statement' || c.type === 'for_statement');
  if (body && body.type === 'for_statement') body = body.childForFieldName('body');
  if (body && body.type === 'if_statement') body = body.namedChildren.find((c) => c.type === 'object');
  return body && body.type === 'object' ? body : null;
}

function propertyKey(prop) {
  const key = prop.namedChildren[0];
  if (!key) return null;
  if (key.type === 'identifier') return key.text;
  if (key.type === 'compatible_identifier') return key.text.replace(/\?$/, '');
  if (key.type === 'string') return stringLiteral(key);
  return null;
}

/** Map key -> value node of an object literal's properties. */
function objectProperties(obj) {
  const props = new Map();
  if (!obj) return props;
  for (const prop of obj.namedChildren) {
    if (prop.type !== 'object_property') continue;
    const key = propertyKey(prop);
    if (key !== null) props.set(key, prop.namedChildren[prop.namedChildren.length - 1]);
  }
  return props;
}

function paramDeclarations(unit) {
  const params = new Map();
  for (const node of unit.root.namedChildren) {
    if (node.type !== 'parameter_declaration') continue;
    const name = declarationName(node);
    const type = node.namedChildren.find((c) => c.type === 'type');
    const hasDefault = node.children.some((c) => c.type === '=');
    const nullable = !!type && (type.text.trim().endsWith('?') || type.namedChildren.some((c) => c.type === 'nullable_type'));
    const valueNode = hasDefault ? node.namedChildren[node.namedChildren.length - 1] : null;
    params.set(name.text, { node, required: !hasDefault && !nullable, value: valueNode });
  }
  return params;
}

function moduleDeclarations(unit) {
  const modules = [];
  for (const node of walk(unit.root)) {
    if (node.type !== 'module_declaration') continue;
    const pathNode = node.namedChildren.find((c) => c.type === 'string');
    const target = stringLiteral(pathNode);
    const body = bodyObject(node);
    const params = objectProperties(body).get('params');
    modules.push({ node, target, file: target && !/^(br|ts)[:/]/.test(target) ? path.resolve(path.dirname(unit.file), target) : null, params: params && params.type === 'object' ? params : null });
  }
  return modules;
}

function moduleParamProblems(unit, unitsByFile) {
  const problems = [];
  for (const mod of moduleDeclarations(unit)) {
    if (!mod.file) continue;
    const target = unitsByFile.get(mod.file);
    if (!target) {
      problems.push(`${relative(unit.file)}:${line(mod.node)}: module file '${mod.target}' not found`);
      continue;
    }
    const declared = paramDeclarations(target);
    const passed = objectProperties(mod.params);
    for (const [key, value] of passed) {
      if (!declared.has(key)) problems.push(`${relative(unit.file)}:${line(value.parent || mod.node)}: module '${mod.target}' has no param '${key}'`);
    }
    for (const [name, decl] of declared) {
      if (decl.required && !passed.has(name)) problems.push(`${relative(unit.file)}:${line(mod.node)}: module '${mod.target}' needs param '${name}'`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// --names

function resourceType(decl) {
  return stringLiteral(decl.namedChildren.find((c) => c.type === 'string')) || '';
}

/** Top-level var/param with this name: the value node (var) or default value (param); plus whether it is a param. */
function topLevelValue(unit, name) {
  for (const node of unit.root.namedChildren) {
    if (node.type !== 'variable_declaration' && node.type !== 'parameter_declaration') continue;
    const id = declarationName(node);
    if (!id || id.text !== name) continue;
    const hasValue = node.children.some((c) => c.type === '=');
    return { isParam: node.type === 'parameter_declaration', value: hasValue ? node.namedChildren[node.namedChildren.length - 1] : null };
  }
  return null;
}

/** Resolve an expression to a list of string literals, following identifiers and module params. */
function resolveStrings(unit, node, units, depth = 0) {
  if (!node || depth > 8) return null;
  const s = stringLiteral(node);
  if (s !== null) return [s];
  if (node.type === 'array') {
    const values = [];
    for (const item of node.namedChildren) {
      if (item.type === 'decorators') continue;
      const v = resolveStrings(unit, item, units, depth + 1);
      if (!v) return null;
      values.push(...v);
    }
    return values;
  }
  if (node.type === 'identifier') {
    const found = topLevelValue(unit, node.text);
    if (!found) return null;
    if (found.value && (!found.isParam || found.value.type === 'array' || found.value.type === 'string')) {
      const v = resolveStrings(unit, found.value, units, depth + 1);
      if (v && v.length) return v;
    }
    if (found.isParam) {
      // what do callers pass for this param?
      for (const caller of units) {
        for (const mod of moduleDeclarations(caller)) {
          if (mod.file !== unit.file) continue;
          const passed = objectProperties(mod.params).get(node.text);
          const v = passed && resolveStrings(caller, passed, units, depth + 1);
          if (v) return v;
        }
      }
    }
  }
  return null;
}

/** Names of resources of a type: literal name, or every value of a `for x in source` loop whose name is x. */
function resourceNames(units, typePattern, problems) {
  const names = [];
  for (const unit of units) {
    for (const decl of walk(unit.root)) {
      if (decl.type !== 'resource_declaration' || !typePattern.test(resourceType(decl))) continue;
      const forStatement = decl.namedChildren.find((c) => c.type === 'for_statement');
      const nameNode = objectProperties(bodyObject(decl)).get('name');
      let values = null;
      if (forStatement) {
        const init = forStatement.childForFieldName('initializer');
        const params = forStatement.namedChildren.find((c) => c.type === 'for_loop_parameters');
        const item = init ? init.text : params ? params.namedChildren[0].text : null;
        const loopBody = forStatement.childForFieldName('body');
        const source = forStatement.namedChildren.find((c) => !same(c, init) && !same(c, params) && !same(c, loopBody));
        if (nameNode && nameNode.type === 'identifier' && nameNode.text === item) values = resolveStrings(unit, source, units);
      } else {
        values = resolveStrings(unit, nameNode, units);
      }
      if (values) names.push(...values);
      else problems.push(`${relative(unit.file)}:${line(decl)}: cannot resolve the names of '${resourceType(decl)}' resource '${declarationName(decl).text}'`);
    }
  }
  return [...new Set(names)];
}

/**
 * The object literals an app-settings `properties:` is made of: the literal itself, or the literal arguments of
 * `union(...)` (a computed argument, such as settings indexed by a loop, has no names to read).
 */
function settingObjects(node) {
  if (!node) return [];
  if (node.type === 'object') return [node];
  if (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (fn && fn.text === 'union' && args) return args.namedChildren.filter((c) => c.type === 'object');
  }
  return [];
}

function appSettingNames(units) {
  const names = [];
  for (const unit of units) {
    for (const decl of walk(unit.root)) {
      if (decl.type !== 'resource_declaration') continue;
      const type = resourceType(decl);
      const body = objectProperties(bodyObject(decl));
      if (/^Microsoft\.Web\/sites\/config@/i.test(type) && stringLiteral(body.get('name')) === 'appsettings') {
        for (const obj of settingObjects(body.get('properties'))) names.push(...objectProperties(obj).keys());
      } else if (/^Microsoft\.Web\/sites@/i.test(type)) {
        const siteConfig = objectProperties(body.get('properties')).get('siteConfig');
        const settings = siteConfig && siteConfig.type === 'object' ? objectProperties(siteConfig).get('appSettings') : null;
        if (settings && settings.type === 'array') {
          for (const item of settings.namedChildren) {
            const n = item.type === 'object' ? stringLiteral(objectProperties(item).get('name')) : null;
            if (n) names.push(n);
          }
        }
      }
    }
  }
  return [...new Set(names)];
}

function extractNames(dir, units) {
  const problems = [];
  const mainFile = path.resolve(dir, 'main.bicep');
  const main = units.find((u) => u.file === mainFile);
  const summary = {
    queues: resourceNames(units, /^Microsoft\.ServiceBus\/namespaces\/queues@/i, problems),
    tables: resourceNames(units, /^Microsoft\.Storage\/storageAccounts\/tableServices\/tables@/i, problems),
    appSettings: appSettingNames(units),
    outputs: main ? main.root.namedChildren.filter((c) => c.type === 'output_declaration').map((c) => declarationName(c).text) : [],
  };
  if (!main) problems.push(`${relative(mainFile)}: not found`);
  for (const key of ['queues', 'tables', 'appSettings']) {
    if (summary[key].length === 0) problems.push(`no ${key} found`);
  }
  return { summary, problems };
}

// ---------------------------------------------------------------------------------------------------------------

function main(argv) {
  let dir = null;
  let namesOut = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--names') {
      namesOut = argv[++i];
      if (!namesOut) usage();
    } else if (argv[i].startsWith('-')) usage();
    else if (dir === null) dir = argv[i];
    else usage();
  }
  if (!dir) usage();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`${dir}: not a directory`);
    process.exit(64);
  }

  const parser = new Parser();
  parser.setLanguage(Bicep);
  const files = listBicepFiles(dir);
  if (files.length === 0) {
    console.error(`${dir}: no .bicep files`);
    process.exit(1);
  }
  const units = files.map((f) => parseFile(parser, path.resolve(f)));
  const unitsByFile = new Map(units.map((u) => [u.file, u]));

  const problems = [];
  for (const unit of units) {
    const syntax = syntaxErrors(unit);
    problems.push(...syntax);
    if (syntax.length) continue; // names in a broken tree are noise
    problems.push(...undefinedNames(unit));
    problems.push(...moduleParamProblems(unit, unitsByFile));
  }
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`bicep check: ${problems.length} problem(s) in ${files.length} file(s)`);
    process.exit(1);
  }

  if (namesOut) {
    const { summary, problems: nameProblems } = extractNames(dir, units);
    for (const p of nameProblems) console.error(p);
    if (summary.queues.length === 0 || summary.tables.length === 0 || summary.appSettings.length === 0) {
      console.error('bicep check: could not extract queues, tables or app settings');
      process.exit(2);
    }
    if (nameProblems.length) process.exit(2);
    fs.writeFileSync(namesOut, JSON.stringify(summary, null, 2) + '\n');
    console.log(`names written to ${namesOut}`);
  }
  console.log(`bicep check: ${files.length} file(s) OK`);
}

main(process.argv.slice(2));
