// What is wrong with one value of the form, by the rules the build publishes from aanbod/content/rules.py
// (the rules validation applies). Pure: the answer is a text key for t() and its values, so node
// tests run it; form.js reads the fields and shows the texts.
import { isEmpty } from "./form-yaml.js";

// A number as the file will have it: the form takes a Dutch decimal comma and writes a point.
export function written(value, rule) {
  return rule.type === "number" ? value.replace(",", ".") : value;
}

// A real day of the calendar, written as the files write dates.
export function isDay(value) {
  const [year, month, date] = value.split("-").map(Number);
  const day = new Date(Date.UTC(year, month - 1, date));
  return day.getUTCFullYear() === year && day.getUTCMonth() === month - 1 && day.getUTCDate() === date;
}

function fullMatch(pattern, value) {
  return new RegExp(`^(?:${pattern})$`, "u").test(value);
}

// A spreadsheet skips spaces and quotes before it looks for =, +, - or @ (aanbod/content/rules.py).
export function startsLikeFormula(text, rules) {
  const start = [...text].findIndex((character) => !rules.formulaPrefix.includes(character));
  return start !== -1 && rules.formulaStarts.includes([...text][start]);
}

const SYNTAX_TEXT = { integer: "heelGetal", number: "getal", date: "datum" };

// The problem with `value` (text, or a list of texts) under `rule`, as [textKey, values], or null.
// A third element `true` asks the caller to add the field's own help (it shows what fits).
// required: the rule's, or a choice that depends on another field and has options now.
// lang: the page's language, for the numbers in a message ("2,5" in Dutch).
export function problem(rule, value, { required = rule.required, choice = false, rules, lang = "nl" }) {
  if (isEmpty(value)) {
    if (!required) return null;
    if (choice || rule.type === "boolean") return ["kiesEen", {}];
    return [rule.type === "list" ? "kiesMinstensEen" : "vulIn", {}];
  }
  if (rule.choices) {
    const codes = Array.isArray(value) ? value : [value];
    return codes.every((code) => Object.hasOwn(rule.choices, code)) ? null : ["kiesEen", {}];
  }
  if (rule.type === "list") {
    const wrong = value.filter((item) => rule.itemPattern && !fullMatch(rule.itemPattern, item));
    return wrong.length ? ["klopt", {}, true] : null;
  }
  if (rule.type === "boolean") return null;
  const text = written(value, rule);
  if (rule.syntax && !fullMatch(rule.syntax, text)) return [SYNTAX_TEXT[rule.type], {}];
  if (rule.type === "date" && !isDay(text)) return ["datum", {}];
  if (rule.type === "integer" || rule.type === "number") {
    const number = parseFloat(text);
    const local = (limit) => Number(limit).toLocaleString(lang);
    if (rule.minimum !== undefined && number < rule.minimum) return ["minimum", { n: local(rule.minimum) }];
    if (rule.maximum !== undefined && number > rule.maximum) return ["maximum", { n: local(rule.maximum) }];
    return null;
  }
  const length = [...text].length; // characters, as Python counts them, not UTF-16 units
  if (rule.maxLength && length > rule.maxLength) return ["teLang", { lengte: length, maximum: rule.maxLength }];
  if (rule.pattern && !fullMatch(rule.pattern, text)) {
    return rule.format === "email" ? ["email", {}] : ["klopt", {}, true];
  }
  if (rule.noFormula && startsLikeFormula(text, rules)) return ["formule", {}];
  return null;
}

// The clock times of one ticked day and dagdeel, as aanbod/content/timetable.py checks them: both or none, each written
// as the schema's pattern says, the start before the end, both inside the dagdeel's span (parts_of_day.csv).
// times: {start, end, spans} from the rules island. Answers [which ("start" or "end"), textKey, values], or null.
export function timeProblem(times, part, start, end) {
  if (start === "" && end === "") return null;
  if (start === "" || end === "") return [start === "" ? "start" : "end", "beideTijden", {}];
  if (!fullMatch(times.start.pattern, start)) return ["start", "tijd", {}];
  if (!fullMatch(times.end.pattern, end)) return ["end", "tijd", {}];
  if (start >= end) return ["end", "eindNaBegin", {}];
  const span = times.spans[part];
  if (span && !(span[0] <= start && end <= span[1])) return [start < span[0] ? "start" : "end", "buitenDagdeel", { van: span[0], tot: span[1] }];
  return null;
}
