// "Aanbod aanmelden" (and "Organisatie aanmelden" on the same page): checks every field while the
// provider types and writes the YAML file. Every rule comes from the JSON island the form names in
// data-rules, which the build writes from aanbod/content/rules.py (the rules validation applies, from
// schema/); nothing here knows a field or a limit. The code follows the name (data-slug-from) until
// the provider edits it. The checks (form-checks.js) and the YAML (form-yaml.js) are pure modules;
// this one reads the fields and shows what they say.
import { announce, element, part, showText } from "./dom.js";
import { problem, timeProblem, written } from "./form-checks.js";
import { isEmpty, slot, slug, yamlDocument } from "./form-yaml.js";
import { t } from "./texts.js";

// The fields directly in `scope` (the form, or one item of a list such as a location), not those
// of the items inside it or of the template new items are made from.
function fieldsIn(scope) {
  const own = scope.matches("[data-item]") ? scope : null;
  return [...scope.querySelectorAll("[data-field]")].filter((field) => field.closest("[data-item], [data-item-template], template") === own);
}

function fieldNamed(scope, name) {
  return fieldsIn(scope).find((field) => field.dataset.field === name) ?? null;
}

function valueOf(field) {
  if (field.tagName === "FIELDSET") {
    const checked = [...field.querySelectorAll("input")].filter((input) => input.checked).map((input) => input.value);
    return field.dataset.type === "list" ? checked : (checked[0] ?? "");
  }
  // A list without fixed choices, typed with commas: "a, b" or "[a, b]".
  if (field.dataset.type === "list") {
    return field.value.replace(/^\s*\[|\]\s*$/g, "").split(",").map((item) => item.trim()).filter(Boolean);
  }
  return field.value.trim();
}

// What the file gets: a text area keeps its lines and inner spaces.
function fileValueOf(field) {
  if (field.tagName !== "TEXTAREA") return valueOf(field);
  return field.value.replace(/\r\n?/g, "\n").trimEnd();
}

function labelOf(field) {
  return field.dataset.label.toLowerCase();
}

function setUp(form) {
  const rules = JSON.parse(document.getElementById(form.dataset.rules).textContent);
  const { group: groupField, key: keyField, slugFrom } = form.dataset;
  const result = (name) => part(form, name);
  const lang = document.documentElement.lang;
  const touched = new WeakSet();
  let showAll = false;
  let keyEdited = false;
  let itemCounter = 0;
  let downloadUrl = null;

  // The rules of a field: those of its table, the offer's own or a section's (locations).
  function ruleOf(field) {
    const section = field.closest("[data-child]");
    const table = section ? rules.sections[section.dataset.child] : rules.table;
    return rules.fields[table][field.dataset.field] || {};
  }

  // The options of a choice that depends on another field (subtype on kind) that fit its value now.
  function fittingOptions(select, parentValue) {
    const rule = ruleOf(select);
    return [...select.options].filter((option) => option.value && (!rule.parent || rule.choices[option.value] === parentValue));
  }

  function parentValue(scope, rule) {
    const parent = fieldNamed(scope, rule.parent);
    return parent ? valueOf(parent) : "";
  }

  function narrow(scope) {
    for (const select of fieldsIn(scope)) {
      const rule = ruleOf(select);
      if (!rule.parent || select.tagName !== "SELECT") continue;
      const value = parentValue(scope, rule);
      for (const option of select.options) {
        const fits = !option.value || rule.choices[option.value] === value;
        option.hidden = !fits;
        option.disabled = !fits;
      }
      if (select.selectedOptions[0]?.disabled) select.value = "";
      const wrapper = select.closest(".form-field");
      wrapper.hidden = fittingOptions(select, value).length === 0;
      if (wrapper.hidden) select.value = "";
    }
  }

  function problemWith(field, scope) {
    const rule = ruleOf(field);
    const choice = field.tagName === "SELECT";
    const required = rule.required || (Boolean(rule.parent) && choice && fittingOptions(field, parentValue(scope, rule)).length > 0);
    const found = problem(rule, valueOf(field), { required, choice, rules, lang });
    if (!found) return null;
    const [key, values, withHelp] = found;
    const help = withHelp ? document.getElementById(`${field.id}-help`) : null;
    return help ? `${t(key, values)} ${help.textContent.trim()}` : t(key, values);
  }

  // The rules across fields (aanbod/content/rules.py CROSS_FIELD) that compare two fields of one scope.
  function crossProblems(scope, table) {
    const found = new Map();
    for (const rule of rules.crossField.filter((each) => each.table === table)) {
      if (rule.rule === "order") {
        const low = fieldNamed(scope, rule.low);
        const high = fieldNamed(scope, rule.high);
        if (!low || !high || problemWith(low, scope) || problemWith(high, scope)) continue;
        const a = written(valueOf(low), ruleOf(low));
        const b = written(valueOf(high), ruleOf(high));
        if (a === "" || b === "") continue;
        const wrong = ruleOf(low).type === "date" ? a > b : parseFloat(a) > parseFloat(b);
        if (wrong) found.set(high, t("nietVoor", { veld: labelOf(low) }));
      } else if (rule.rule === "together") {
        const members = rule.fields.map((name) => fieldNamed(scope, name)).filter(Boolean);
        const empty = members.filter((member) => isEmpty(valueOf(member)));
        if (empty.length && empty.length < members.length) {
          for (const member of empty) found.set(member, t("samen", { velden: members.map(labelOf).join(" en ") }));
        }
      }
    }
    return found;
  }

  // --- lists of items (locations) ---

  const listSections = () => [...form.querySelectorAll("[data-child][data-shape='list']")];
  const itemsOf = (section) => [...section.querySelectorAll("[data-items] > [data-item]")];
  const inUse = (item) => fieldsIn(item).some((field) => !isEmpty(valueOf(field)));

  function addItem(section) {
    const template = section.querySelector("template[data-item-template]");
    itemCounter += 1;
    // Every id in the template holds __N__, so the ids of each item are its own.
    const holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__N__/g, String(itemCounter));
    const item = holder.firstElementChild;
    part(section, "items").append(item);
    part(item, "remove").addEventListener("click", () => {
      item.remove();
      renumber(section);
      update();
    });
    renumber(section);
    narrow(item);
    return item;
  }

  function renumber(section) {
    const items = itemsOf(section);
    items.forEach((item, index) => {
      part(item, "number").textContent = String(index + 1);
      part(item, "remove").hidden = items.length === 1;
    });
  }

  // "address-or-online": the section may stay empty when the flag field of the offer says yes.
  function mustHaveOne(section) {
    const rule = rules.crossField.find((each) => each.rule === "address-or-online" && rules.sections[section.dataset.child] === each.table);
    if (!rule) return false;
    const flag = fieldNamed(form, rule.flag);
    return !(flag && ruleOf(flag).trueValues.includes(valueOf(flag)));
  }

  // --- clock times of the schedule (rules.times: the start and end rules and each dagdeel's span) ---

  const mappingSections = () => [...form.querySelectorAll("[data-child][data-shape='mapping']")];

  // The start and end inputs of a ticked box, or null when its section has no clock times.
  function timesOf(box) {
    const cell = box.hasAttribute("aria-controls") ? document.getElementById(box.getAttribute("aria-controls")) : null;
    return cell ? { cell, start: cell.querySelector("[data-time='start']"), end: cell.querySelector("[data-time='end']") } : null;
  }

  function checkTimes(found) {
    for (const section of mappingSections()) {
      const times = rules.times?.[section.dataset.child];
      for (const box of section.querySelectorAll("input[type=checkbox][data-key]")) {
        const inputs = timesOf(box);
        if (!times || !inputs) continue;
        inputs.cell.hidden = !box.checked;
        const wrong = box.checked ? timeProblem(times, box.value, inputs.start.value, inputs.end.value) : null;
        for (const which of ["start", "end"]) {
          const message = wrong && wrong[0] === which ? t(wrong[1], wrong[2]) : null;
          show(inputs[which], message);
          if (message) found.push({ field: inputs[which], message, where: "" });
        }
      }
    }
  }

  // --- the file ---

  function fieldEntry(field) {
    return { name: field.dataset.field, type: field.dataset.type, value: fileValueOf(field), code: field.tagName === "SELECT" };
  }

  function buildYaml() {
    const mappings = mappingSections().map((section) => {
      const rows = new Map();
      for (const box of section.querySelectorAll("input[type=checkbox][data-key]")) {
        if (!rows.has(box.dataset.key)) rows.set(box.dataset.key, []);
        const inputs = timesOf(box);
        if (box.checked) rows.get(box.dataset.key).push(inputs ? slot(box.value, inputs.start.value, inputs.end.value) : box.value);
      }
      return { key: section.dataset.child, rows: [...rows] };
    });
    return yamlDocument({
      modeline: form.dataset.modeline,
      fields: fieldsIn(form).map(fieldEntry),
      lists: listSections().map((section) => ({
        key: section.dataset.child,
        items: itemsOf(section).map((item) => fieldsIn(item).map(fieldEntry)),
      })),
      mappings,
    });
  }

  function fileName() {
    const key = fieldNamed(form, keyField);
    const name = key && valueOf(key) ? valueOf(key) : "<code>";
    if (!groupField) return `${form.dataset.folder}/${name}.yaml`;
    const group = fieldNamed(form, groupField);
    const folder = group && valueOf(group) ? valueOf(group) : "<aanbieder>";
    return `${form.dataset.folder}/${folder}/${name}.yaml`;
  }

  // --- showing problems ---

  function show(field, message) {
    const visible = Boolean(message) && (showAll || touched.has(field));
    const error = document.getElementById(`${field.id}-error`);
    if (error) showText(error, visible ? message : "");
    if (visible) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    const folded = field.closest("details");
    if (visible && folded) folded.open = true; // a problem is never hidden in a folded part
  }

  function checkAll() {
    const found = [];
    const check = (field, scope, cross, where) => {
      const message = problemWith(field, scope) || cross.get(field) || null;
      show(field, message);
      if (message) found.push({ field, message, where });
    };
    narrow(form);
    const topCross = crossProblems(form, rules.table);
    for (const field of fieldsIn(form)) check(field, form, topCross, "");
    for (const section of listSections()) {
      const title = section.querySelector("legend").textContent.trim();
      const table = rules.sections[section.dataset.child];
      const needsOne = mustHaveOne(section);
      itemsOf(section).forEach((item, index) => {
        narrow(item);
        const needed = inUse(item) || (needsOne && index === 0);
        const cross = needed ? crossProblems(item, table) : new Map();
        for (const field of fieldsIn(item)) {
          if (needed) check(field, item, cross, `${title} ${index + 1}: `);
          else show(field, null);
        }
      });
      const sectionError = document.getElementById(`${section.dataset.child}-error`);
      const missing = needsOne && !itemsOf(section).some(inUse);
      if (sectionError) showText(sectionError, missing && showAll ? t("adresOfOnline") : "");
    }
    checkTimes(found);
    return found;
  }

  function update() {
    const found = checkAll();
    const yaml = buildYaml();
    const path = fileName();
    result("yaml").value = yaml;
    result("file-name").textContent = path;
    result("form-status").textContent = found.length ? t("nogTeDoen", { n: found.length }) : t("klaar");
    const summary = result("form-errors");
    summary.querySelector("ul").replaceChildren(...found.map(({ field, message, where }) => element("li", {},
      element("a", { href: `#${field.id}` }, `${where}${field.dataset.label}: ${message}`))));
    summary.hidden = !(showAll && found.length);
    const github = result("github-link");
    if (github && found.length) {
      github.href = `#${summary.id}`;
      github.setAttribute("aria-disabled", "true");
    } else if (github) {
      github.href = `${form.dataset.repository}/new/${encodeURIComponent(form.dataset.branch)}?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(yaml)}`;
      github.removeAttribute("aria-disabled");
    }
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    const download = result("download-yaml");
    download.href = downloadUrl;
    download.download = path.split("/").pop();
    return found;
  }

  // --- events ---

  function touch(event) {
    const field = event.target.closest("[data-field], [data-time]");
    if (field) touched.add(field);
    const topLevel = field && !field.closest("[data-item]");
    if (topLevel && field.dataset.field === keyField) keyEdited = field.value.trim() !== "";
    if (topLevel && field.dataset.field === slugFrom && !keyEdited) {
      const key = fieldNamed(form, keyField);
      if (key) key.value = slug(field.value);
    }
    update();
  }

  form.addEventListener("input", touch);
  form.addEventListener("change", touch);
  form.addEventListener("submit", (event) => event.preventDefault());

  for (const section of listSections()) {
    addItem(section);
    part(section, "add").addEventListener("click", () => {
      const item = addItem(section);
      update();
      item.querySelector("input, select, textarea")?.focus();
    });
  }

  // Only a date the provider must give starts as today (the day they checked the offer); optional dates stay empty.
  for (const field of fieldsIn(form)) {
    if (field.dataset.today === "true" && !field.value) field.value = new Date().toLocaleDateString("sv");
  }

  result("github-link")?.addEventListener("click", (event) => {
    showAll = true;
    if (update().length) {
      event.preventDefault();
      result("form-errors").focus();
    }
  });

  result("copy-yaml").addEventListener("click", async () => {
    showAll = true;
    update();
    const text = result("yaml");
    const status = result("form-status");
    if (!navigator.clipboard?.writeText) {
      text.select();
      announce(status, t("geselecteerd"));
      return;
    }
    try {
      await navigator.clipboard.writeText(text.value);
      announce(status, t("klembord"));
    } catch (error) {
      text.select();
      announce(status, t("kopierenMislukt"));
    }
  });

  update();
}

for (const form of document.querySelectorAll("form[data-rules]")) setUp(form);
