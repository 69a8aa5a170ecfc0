import { CONFIG_KEYS } from './load.js';
import type { Transform } from '../engine/transform.js';

/** Where the published schema lives in the package, for `"$schema"` in a config file. */
export const SCHEMA_PATH = 'schema/config.schema.json';

type Schema = Record<string, unknown>;

const strings: Schema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** Option values per transform: the built-ins' options spelled out, custom transforms' allowed. */
function optionsSchema(transforms: readonly Transform[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const transform of transforms) {
    const options: Record<string, Schema> = {};
    for (const spec of transform.options) {
      options[spec.name] = { type: spec.type, description: spec.description, default: spec.default, ...(spec.choices ? { enum: [...spec.choices] } : {}) };
    }
    properties[transform.id] = { type: 'object', description: transform.description, properties: options, additionalProperties: false };
  }
  return {
    type: 'object',
    properties,
    // A custom transform's options are checked when it is loaded.
    additionalProperties: { type: 'object' },
  };
}

/** The JSON Schema of a config file, generated from the keys the loader accepts, the built-in transforms' options and the output formats. */
export function configSchema(transforms: readonly Transform[], formats: readonly string[]): Schema {
  const options = optionsSchema(transforms);
  const kinds: Record<(typeof CONFIG_KEYS)[number]['kind'], Schema> = {
    boolean: { type: 'boolean' },
    seconds: { type: 'number', exclusiveMinimum: 0 },
    string: { type: 'string' },
    strings,
    size: { anyOf: [{ type: 'integer', exclusiveMinimum: 0 }, { type: 'string', pattern: '^\\d+(\\.\\d+)?\\s*[kKmM]?[bB]?$' }] },
    format: { enum: [...formats] },
    options,
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        properties: { files: strings, transforms: strings, options },
        required: ['files'],
        additionalProperties: false,
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/dockerfile-codemod/schema/config.schema.json',
    title: 'dockerfile-codemod configuration',
    description: 'dockerfile-codemod.config.json, .dockerfile-codemodrc[.json|.yaml] or the "dockerfile-codemod" key of package.json. Keys are the camelCase names of the command-line flags; flags win.',
    type: 'object',
    properties: Object.fromEntries(CONFIG_KEYS.map(({ key, kind, description }) => [key, { ...kinds[kind], description }])),
    additionalProperties: false,
  };
}
