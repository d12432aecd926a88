import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';

export const catalogDir = fileURLToPath(new URL('../catalog/', import.meta.url));

/** mkdocs.yml files configure a docs site; they sit in the catalog tree but are not entities. */
export const docsConfigName = 'mkdocs.yml';

export type JsonObject = Record<string, unknown>;

export interface CatalogDocument {
  /** Path relative to the catalog folder, with forward slashes. */
  file: string;
  line: number;
  value: unknown;
}

export interface DemoEntity {
  file: string;
  line: number;
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string };
  spec: JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every .yaml/.yml file under `dir`, relative and sorted so failures read the same on every run. */
export function listYamlFiles(dir: string = catalogDir): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length).split(sep).join(posix.sep))
    .map((file) => file.replace(/^\/+/, ''))
    .sort();
}

export function listCatalogFiles(dir: string = catalogDir): string[] {
  return listYamlFiles(dir).filter((file) => posix.basename(file) !== docsConfigName);
}

/** Parses every document of a file; YAML errors throw with the file and line, like the catalog reports them. */
export function readDocuments(file: string, dir: string = catalogDir): CatalogDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(readFileSync(join(dir, file), 'utf8'), { lineCounter });
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => {
    const line = lineCounter.linePos(document.contents?.range[0] ?? 0).line;
    const [error] = document.errors;
    if (error) throw new Error(`${file}:${error.linePos?.[0].line ?? line}: ${error.message}`);
    return { file, line, value: document.toJS() as unknown };
  });
}

/** Returns the entity, or a message naming the file, line and the envelope rule it breaks. */
export function toEntity(document: CatalogDocument): DemoEntity | string {
  const where = `${document.file}:${document.line}`;
  const { value } = document;
  if (!isObject(value)) return `${where}: document is not an object`;
  const { apiVersion, kind, metadata, spec } = value;
  if (typeof apiVersion !== 'string') return `${where}: apiVersion is missing`;
  if (typeof kind !== 'string') return `${where}: kind is missing`;
  if (!isObject(metadata) || typeof metadata.name !== 'string') return `${where}: metadata.name is missing`;
  if (spec !== undefined && !isObject(spec)) return `${where}: spec is not an object`;
  return {
    file: document.file,
    line: document.line,
    apiVersion,
    kind,
    metadata: { ...metadata, name: metadata.name },
    spec: spec ?? {},
  };
}

export function loadDemoEntities(dir: string = catalogDir): { entities: DemoEntity[]; problems: string[] } {
  const entities: DemoEntity[] = [];
  const problems: string[] = [];
  for (const file of listCatalogFiles(dir)) {
    for (const document of readDocuments(file, dir)) {
      const entity = toEntity(document);
      if (typeof entity === 'string') problems.push(entity);
      else entities.push(entity);
    }
  }
  return { entities, problems };
}

export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
