// The YAML file the form writes, as aanbod/content/yaml_text.py writes it: plain where YAML would read the
// text back as the same text, quoted (JSON style) where it would not, a block (|) for several lines.
// Pure: form.js reads the fields, this module only writes text, so node tests run it.

// A first character that YAML reads as syntax, not text.
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
// What YAML 1.1 and 1.2 read as null, a boolean or a number: it must be quoted to stay text.
const TYPED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
// Control characters, line and paragraph separators and the byte order mark: written escaped.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

export function isEmpty(value) {
  return Array.isArray(value) ? value.length === 0 : value === "";
}

function plainSafe(text) {
  return text !== "" && text === text.trim() && !INDICATORS.includes(text.charAt(0)) && !text.includes(": ")
    && !text.includes(" #") && !text.endsWith(":") && !TYPED.test(text) && !UNSAFE.test(text);
}

function quoted(text) {
  return JSON.stringify(text).replace(UNSAFE_ALL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// Text as a YAML scalar; `indent` goes before every line of a block.
export function scalar(text, indent) {
  const lines = text.replace(/^\n+|\n+$/g, "").split("\n");
  const blockOk = lines.length > 1 && !UNSAFE.test(lines.join("")) && !lines[0].startsWith(" ")
    && lines.every((line) => line === line.trimEnd());
  if (blockOk) return "|\n" + lines.map((line) => (line ? indent + line : "")).join("\n");
  return plainSafe(text) ? text : quoted(text);
}

// field: {name, type, value, code}. A list is written as [a, b]; a number with a point; a code
// (a choice from a list), date, integer or yes/no as it is; any other text as a scalar.
export function yamlValue({ type, value, code = false }, indent) {
  if (type === "list") return `[${value.join(", ")}]`;
  if (type === "number") return value.replace(",", ".");
  if (code || ["integer", "date", "boolean"].includes(type)) return value;
  return scalar(value, indent);
}

// The whole file. fields: the offer's own; lists: [{key, items: [[field, ...], ...]}] (locations);
// mappings: [{key, rows: [[rowKey, [code, ...]], ...]}] (the schedule). Empty values are left out.
export function yamlDocument({ modeline, fields = [], lists = [], mappings = [] }) {
  const lines = [modeline];
  for (const field of fields) {
    if (!isEmpty(field.value)) lines.push(`${field.name}: ${yamlValue(field, "  ")}`);
  }
  for (const { key, items } of lists) {
    const used = items.map((item) => item.filter((field) => !isEmpty(field.value))).filter((item) => item.length);
    if (!used.length) continue;
    lines.push(`${key}:`);
    for (const item of used) {
      item.forEach((field, index) => lines.push(`${index ? "    " : "  - "}${field.name}: ${yamlValue(field, "      ")}`));
    }
  }
  for (const { key, rows } of mappings) {
    const filled = rows.filter(([, codes]) => codes.length);
    if (!filled.length) continue;
    lines.push(`${key}:`);
    for (const [rowKey, codes] of filled) lines.push(`  ${rowKey}: [${codes.join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

// One item of the schedule as aanbod/content/timetable.py join_slot writes it: "ochtend 09:30-12:00", or "ochtend" without times.
export function slot(part, start, end) {
  return start && end ? `${part} ${start}-${end}` : part;
}

// The code a name gives, as a file name: "Café De Spaak!" -> "cafe-de-spaak".
export function slug(text) {
  return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
}
