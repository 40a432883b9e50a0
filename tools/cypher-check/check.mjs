// Checks every Cypher file that Neo4j will run with Neo4j's own parser and semantic analysis.
//
// Neo4j cannot run on the build machines, so this is CI's only look at our queries through
// Neo4j's eyes: it catches syntax errors, Neo4j-4-isms and FalkorDB-only functions/procedures.
//
// Usage: node check.mjs [DIR]   (DIR defaults to ../../cypher, the repository's cypher/)
// Walks DIR recursively; every `*.cypher` file except `*.falkordb.cypher` (FalkorDB-only by
// name) is linted as CYPHER 5. Parameters are always passed at run time, so the linter's
// "Parameter $x is not defined" diagnostics are dropped. Any remaining error-severity
// diagnostic fails the run (exit 1), printed as `file:line:col: message`.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const ERROR = 1; // LSP DiagnosticSeverity.Error
const HERE = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(HERE, '..', '..', 'cypher'));

// Neo4j's built-in functions and procedures (the package's recorded catalogue of a real
// server), without the APOC and GDS plugins that neo4j:5 community does not ship. With a
// catalogue given, the linter reports unknown functions and procedures as errors.
function builtIns(registry) {
  const out = {};
  for (const [version, entries] of Object.entries(registry ?? {})) {
    out[version] = Object.fromEntries(
      Object.entries(entries).filter(([name]) => !/^(apoc|gds)\./i.test(name)),
    );
  }
  return out;
}

const schema = {
  defaultLanguage: 'CYPHER 5',
  functions: builtIns(testData.mockSchema.functions),
  procedures: builtIns(testData.mockSchema.procedures),
};

function* cypherFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* cypherFiles(path);
    else if (name.endsWith('.cypher') && !name.endsWith('.falkordb.cypher')) yield path;
  }
}

// A path relative to the working directory when the file is below it, else absolute.
function shown(file) {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

const PARAM_NOT_DEFINED = /^Parameter \$\S+ is not defined\.?$/;

let checked = 0;
let failures = 0;
try {
  if (!statSync(root).isDirectory()) throw new Error('not a directory');
} catch (err) {
  console.error(`cypher-check: cannot read directory ${root}: ${err.message}`);
  process.exit(2);
}

for (const file of cypherFiles(root)) {
  checked += 1;
  const query = readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(query, schema, { consoleCommandsEnabled: false });
  for (const d of diagnostics) {
    if (d.severity !== ERROR || PARAM_NOT_DEFINED.test(d.message)) continue;
    failures += 1;
    const { line, character } = d.range.start;
    console.log(`${shown(file)}:${line + 1}:${character + 1}: ${d.message}`);
  }
}

if (checked === 0) {
  console.error(`cypher-check: no .cypher files to check under ${root}`);
  process.exit(2);
}
console.log(`cypher-check: ${checked} files checked, ${failures} errors`);
process.exit(failures ? 1 : 0);
