// Prints an Arrow IPC file (file format) as JSON: schema (names, types, metadata), row count, and every column's values.
// Used by the .NET tests to check our files with an independent Arrow implementation.
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const path = process.argv[2];
if (!path) {
  console.error('usage: node read-arrow.mjs FILE.arrow');
  process.exit(2);
}
const table = tableFromIPC(readFileSync(path));
const metadata = (m) => Object.fromEntries(m ?? new Map());
const convert = (v) => (typeof v === 'bigint' ? v.toString() : v);
const result = {
  rows: table.numRows,
  batches: table.batches.length,
  metadata: metadata(table.schema.metadata),
  fields: table.schema.fields.map((f) => ({
    name: f.name,
    type: f.type.toString(),
    typeId: f.typeId,
    nullable: f.nullable,
    unit: f.type.unit,
    timezone: f.type.timezone ?? null,
    metadata: metadata(f.metadata),
  })),
  columns: Object.fromEntries(
    table.schema.fields.map((f, i) => {
      const column = table.getChildAt(i);
      const values = [];
      for (let r = 0; r < table.numRows; r++) values.push(convert(column.get(r)));
      return [f.name, values];
    }),
  ),
};
console.log(JSON.stringify(result));
