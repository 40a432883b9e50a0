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
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
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

// Diagnostics of one file that fail the check: error severity, undefined parameters dropped.
function lintFile(file) {
  const query = readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(query, schema, { consoleCommandsEnabled: false });
  return diagnostics
    .filter((d) => d.severity === ERROR && !PARAM_NOT_DEFINED.test(d.message))
    .map((d) => ({ line: d.range.start.line + 1, col: d.range.start.character + 1, message: d.message }));
}

if (!isMainThread) {
  // A worker: lint its share of the files and hand the findings back.
  parentPort.postMessage(workerData.map((file) => [file, lintFile(file)]));
} else {
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    console.error(`cypher-check: cannot read directory ${root}: ${err.message}`);
    process.exit(2);
  }
  const files = [...cypherFiles(root)];
  if (files.length === 0) {
    console.error(`cypher-check: no .cypher files to check under ${root}`);
    process.exit(2);
  }
  // Each query takes the parser a tenth of a second or more: spread the files over the cores.
  const count = Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(files.length / 16)));
  const shares = Array.from({ length: count }, (_, i) => files.filter((_, j) => j % count === i));
  const results = new Map(
    (await Promise.all(shares.map((share) => new Promise((done, fail) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: share, argv: process.argv.slice(2) });
      worker.once('message', done);
      worker.once('error', fail);
    })))).flat(),
  );
  let failures = 0;
  for (const file of files) {
    for (const { line, col, message } of results.get(file)) {
      failures += 1;
      console.log(`${shown(file)}:${line}:${col}: ${message}`);
    }
  }
  console.log(`cypher-check: ${files.length} files checked, ${failures} errors`);
  process.exit(failures ? 1 : 0);
}
