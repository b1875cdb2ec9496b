/* "Aanbod aanmelden" (and "Organisatie aanmelden" on the same page): checks every field while the provider
   types and writes the YAML file. Every rule comes from the JSON island the form names in data-rules, which the
   build writes from aanbod/rules.py (the rules validation applies, from schema/); nothing here knows a field or
   a limit. The code follows the name (data-slug-from) until the provider edits it. YAML text is written the
   way aanbod/yaml_text.py writes it. */
import { t } from "./teksten.js";

function setUp(form) {
  "use strict";

  var RULES = JSON.parse(document.getElementById(form.dataset.rules).textContent);
  var INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
  var TYPED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
  var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
  var UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

  var groupField = form.dataset.group;
  var keyField = form.dataset.key;
  var slugFrom = form.dataset.slugFrom;
  // The parts of the result (the file, its name, the status, the buttons), found inside this form.
  function part(name) { return form.querySelector("[data-result='" + name + "']"); }
  var touched = new WeakSet();
  var showAll = false;
  var keyEdited = false;

  /* ---------- reading values ---------- */

  function fieldsIn(scope) {
    return Array.prototype.filter.call(scope.querySelectorAll("[data-field]"), function (element) {
      return element.closest("[data-item], [data-item-template], template") === (scope.matches && scope.matches("[data-item]") ? scope : null);
    });
  }

  function topFields() { return fieldsIn(form); }

  function valueOf(element) {
    if (element.tagName === "FIELDSET") {
      var checked = Array.prototype.filter.call(element.querySelectorAll("input"), function (input) { return input.checked; })
        .map(function (input) { return input.value; });
      return element.dataset.type === "list" ? checked : (checked[0] || "");
    }
    if (element.dataset.type === "list") {  // a list without fixed choices, typed with commas: "a, b" or "[a, b]"
      return element.value.replace(/^\s*\[|\]\s*$/g, "").split(",").map(function (item) { return item.trim(); }).filter(Boolean);
    }
    return element.value.trim();
  }

  function isEmpty(value) { return Array.isArray(value) ? value.length === 0 : value === ""; }

  function fieldNamed(scope, name) {
    return fieldsIn(scope).filter(function (element) { return element.dataset.field === name; })[0] || null;
  }

  /* ---------- rules ---------- */

  // The rules of a field: those of its table, the offer's own or a section's (locations).
  function ruleOf(element) {
    var section = element.closest("[data-child]");
    var table = section ? RULES.sections[section.dataset.child] : RULES.table;
    return RULES.fields[table][element.dataset.field] || {};
  }

  function optionsFor(select, parentValue) {
    var rule = ruleOf(select);
    return Array.prototype.filter.call(select.options, function (option) {
      return option.value && (!rule.parent || rule.choices[option.value] === parentValue);
    });
  }

  function narrow(scope) {
    fieldsIn(scope).forEach(function (element) {
      var rule = ruleOf(element);
      if (!rule.parent || element.tagName !== "SELECT") { return; }
      var parent = fieldNamed(scope, rule.parent);
      var parentValue = parent ? valueOf(parent) : "";
      Array.prototype.forEach.call(element.options, function (option) {
        var fits = !option.value || rule.choices[option.value] === parentValue;
        option.hidden = !fits;
        option.disabled = !fits;
      });
      if (element.value && element.selectedOptions[0] && element.selectedOptions[0].disabled) { element.value = ""; }
      var wrapper = element.closest(".form-field");
      wrapper.hidden = optionsFor(element, parentValue).length === 0;
      if (wrapper.hidden) { element.value = ""; }
    });
  }

  // A limit from the schema ("2.5") as the page's language writes numbers ("2,5" in Dutch).
  function localNumber(text) { return Number(text).toLocaleString(document.documentElement.lang); }

  // A real day of the calendar, written as the files write dates.
  function isDay(value) {
    var parts = value.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return day.getUTCFullYear() === parts[0] && day.getUTCMonth() === parts[1] - 1 && day.getUTCDate() === parts[2];
  }

  function fullMatch(pattern, value) { return new RegExp("^(?:" + pattern + ")$", "u").test(value); }
  // A spreadsheet skips spaces and quotes before it looks for =, +, - or @ (aanbod/rules.py).
  function startsLikeFormula(text) {
    var start = 0;
    while (start < text.length && RULES.formulaPrefix.indexOf(text.charAt(start)) !== -1) { start += 1; }
    return start < text.length && RULES.formulaStarts.indexOf(text.charAt(start)) !== -1;
  }

  // A number as the file will have it: the form takes a Dutch decimal comma and writes a point.
  function written(value, rule) { return rule.type === "number" ? value.replace(",", ".") : value; }

  function problemWith(element, scope) {
    var rule = ruleOf(element);
    var value = valueOf(element);
    var required = rule.required;
    if (rule.parent && element.tagName === "SELECT") {
      var parent = fieldNamed(scope, rule.parent);
      required = required || optionsFor(element, parent ? valueOf(parent) : "").length > 0;
    }
    if (isEmpty(value)) {
      if (!required) { return null; }
      if (element.tagName === "SELECT" || rule.type === "boolean") { return t("kiesEen"); }
      return t(rule.type === "list" ? "kiesMinstensEen" : "vulIn");
    }
    if (rule.choices) {
      var codes = Array.isArray(value) ? value : [value];
      return codes.every(function (code) { return Object.prototype.hasOwnProperty.call(rule.choices, code); }) ? null : t("kiesEen");
    }
    if (rule.type === "list") {
      var wrong = value.filter(function (item) { return rule.itemPattern && !fullMatch(rule.itemPattern, item); });
      if (!wrong.length) { return null; }
      var hint = document.getElementById(element.id + "-hulp");
      return t("klopt") + " " + (hint ? hint.textContent.trim() : "");
    }
    if (rule.type === "boolean") { return null; }
    var text = written(value, rule);
    if (rule.syntax && !fullMatch(rule.syntax, text)) {
      return t({ integer: "heelGetal", number: "getal", date: "datum" }[rule.type]);
    }
    if (rule.type === "date" && !isDay(text)) { return t("datum"); }
    if (rule.type === "integer" || rule.type === "number") {
      var number = parseFloat(text);
      if (rule.minimum !== undefined && number < rule.minimum) { return t("minimum", { n: localNumber(rule.minimum) }); }
      if (rule.maximum !== undefined && number > rule.maximum) { return t("maximum", { n: localNumber(rule.maximum) }); }
      return null;
    }
    var length = Array.from(text).length;  // characters, as Python counts them, not UTF-16 units
    if (rule.maxLength && length > rule.maxLength) {
      return t("teLang", { lengte: length, maximum: rule.maxLength });
    }
    if (rule.pattern && !fullMatch(rule.pattern, text)) {
      if (rule.format === "email") { return t("email"); }
      var help = document.getElementById(element.id + "-hulp");
      return t("klopt") + " " + (help ? help.textContent.trim() : "");
    }
    if (rule.noFormula && startsLikeFormula(text)) { return t("formule"); }
    return null;
  }

  // The rules across fields (aanbod/rules.py CROSS_FIELD) that compare two fields of one scope.
  function crossProblems(scope, table) {
    var found = [];
    RULES.crossField.forEach(function (rule) {
      if (rule.table !== table) { return; }
      if (rule.rule === "order") {
        var low = fieldNamed(scope, rule.low), high = fieldNamed(scope, rule.high);
        if (!low || !high || problemWith(low, scope) || problemWith(high, scope)) { return; }
        var a = written(valueOf(low), ruleOf(low)), b = written(valueOf(high), ruleOf(high));
        if (a === "" || b === "") { return; }
        var wrong = ruleOf(low).type === "date" ? a > b : parseFloat(a) > parseFloat(b);
        if (wrong) { found.push({ element: high, message: t("nietVoor", { veld: low.dataset.label.toLowerCase() }) }); }
      } else if (rule.rule === "together") {
        var members = rule.fields.map(function (name) { return fieldNamed(scope, name); }).filter(Boolean);
        var filled = members.filter(function (element) { return !isEmpty(valueOf(element)); });
        if (filled.length && filled.length < members.length) {
          members.forEach(function (element) {
            if (isEmpty(valueOf(element))) {
              found.push({ element: element, message: t("samen", { velden: members.map(function (m) { return m.dataset.label.toLowerCase(); }).join(" en ") }) });
            }
          });
        }
      }
    });
    return found;
  }

  /* ---------- locations and other lists of items ---------- */

  function listSections() { return Array.prototype.slice.call(form.querySelectorAll("[data-child][data-shape='list']")); }

  function items(section) { return Array.prototype.slice.call(section.querySelectorAll("[data-items] > [data-item]")); }

  function itemInUse(item) {
    return fieldsIn(item).some(function (element) { return !isEmpty(valueOf(element)) && element.dataset.field !== undefined; });
  }

  var counter = 0;
  function addItem(section) {
    var template = section.querySelector("template[data-item-template]");
    counter += 1;
    var html = template.innerHTML.replace(/__N__/g, String(counter));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var item = holder.firstElementChild;
    section.querySelector("[data-items]").appendChild(item);
    item.querySelector("[data-remove]").addEventListener("click", function () {
      item.remove();
      renumber(section);
      update();
    });
    renumber(section);
    narrow(item);
    return item;
  }

  function renumber(section) {
    items(section).forEach(function (item, index) {
      item.querySelector("[data-number]").textContent = String(index + 1);
      item.querySelector("[data-remove]").hidden = items(section).length === 1;
    });
  }

  // "address-or-online": the section may stay empty when the flag field of the offer says yes.
  function flagIsTrue(rule) {
    var flag = fieldNamed(form, rule.flag);
    return Boolean(flag) && ruleOf(flag).trueValues.indexOf(valueOf(flag)) !== -1;
  }

  function addressRule(section) {
    return RULES.crossField.filter(function (rule) {
      return rule.rule === "address-or-online" && RULES.sections[section.dataset.child] === rule.table;
    })[0] || null;
  }

  /* ---------- YAML ---------- */

  function plainSafe(text) {
    return text !== "" && text === text.trim() && INDICATORS.indexOf(text.charAt(0)) === -1 && text.indexOf(": ") === -1 &&
      text.indexOf(" #") === -1 && text.charAt(text.length - 1) !== ":" && !TYPED.test(text) && !UNSAFE.test(text);
  }

  function quoted(text) {
    return JSON.stringify(text).replace(UNSAFE_ALL, function (character) {
      return "\\u" + ("0000" + character.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function scalar(text, indent) {
    var lines = text.replace(/^\n+|\n+$/g, "").split("\n");
    var blockOk = lines.length > 1 && !UNSAFE.test(lines.join("")) && lines[0].charAt(0) !== " " &&
      lines.every(function (line) { return line === line.replace(/\s+$/, ""); });
    if (blockOk) {
      return "|\n" + lines.map(function (line) { return line ? indent + line : ""; }).join("\n");
    }
    return plainSafe(text) ? text : quoted(text);
  }

  function yamlValue(element, indent) {
    var value = valueOf(element);
    var type = element.dataset.type;
    if (type === "list") { return "[" + value.join(", ") + "]"; }
    if (type === "number") { return value.replace(",", "."); }
    if (type === "integer" || type === "date" || type === "boolean" || element.tagName === "SELECT") { return value; }
    return scalar(element.tagName === "TEXTAREA" ? element.value.replace(/\r\n?/g, "\n").replace(/\s+$/, "") : value, indent);
  }

  function buildYaml() {
    var lines = [form.dataset.modeline];
    topFields().forEach(function (element) {
      if (!isEmpty(valueOf(element))) { lines.push(element.dataset.field + ": " + yamlValue(element, "  ")); }
    });
    listSections().forEach(function (section) {
      var used = items(section).filter(itemInUse);
      if (!used.length) { return; }
      lines.push(section.dataset.child + ":");
      used.forEach(function (item) {
        var first = true;
        fieldsIn(item).forEach(function (element) {
          if (isEmpty(valueOf(element))) { return; }
          lines.push((first ? "  - " : "    ") + element.dataset.field + ": " + yamlValue(element, "      "));
          first = false;
        });
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-child][data-shape='mapping']"), function (section) {
      var byKey = {};
      var order = [];
      Array.prototype.forEach.call(section.querySelectorAll("input[type=checkbox][data-key]"), function (box) {
        if (!box.checked) { return; }
        if (!byKey[box.dataset.key]) { byKey[box.dataset.key] = []; order.push(box.dataset.key); }
        byKey[box.dataset.key].push(box.value);
      });
      if (!order.length) { return; }
      lines.push(section.dataset.child + ":");
      order.forEach(function (key) { lines.push("  " + key + ": [" + byKey[key].join(", ") + "]"); });
    });
    return lines.join("\n") + "\n";
  }

  /* ---------- showing problems ---------- */

  function show(element, message) {
    var error = document.getElementById(element.id + "-fout");
    var visible = message && (showAll || touched.has(element));
    if (error) {
      error.textContent = visible ? message : "";
      error.hidden = !visible;
    }
    if (visible) { element.setAttribute("aria-invalid", "true"); } else { element.removeAttribute("aria-invalid"); }
    var folded = element.closest("details");
    if (visible && folded) { folded.open = true; }  // a problem is never hidden in a folded part
  }

  function slug(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  function checkAll() {
    var found = [];
    function record(element, scope, where) {
      var message = problemWith(element, scope) || (crossFound.get(element) || null);
      show(element, message);
      if (message) { found.push({ element: element, message: message, where: where }); }
    }
    var crossFound = new Map();
    function collectCross(scope, table) {
      crossProblems(scope, table).forEach(function (problem) { crossFound.set(problem.element, problem.message); });
    }
    narrow(form);
    collectCross(form, RULES.table);
    topFields().forEach(function (element) { record(element, form, ""); });
    listSections().forEach(function (section) {
      var sectionError = document.getElementById(section.dataset.child + "-fout");
      var title = section.querySelector("legend").textContent.trim();
      var rule = addressRule(section);
      var mustHaveOne = Boolean(rule) && !flagIsTrue(rule);
      items(section).forEach(function (item, index) {
        narrow(item);
        var needed = itemInUse(item) || (mustHaveOne && index === 0);
        if (needed) { collectCross(item, RULES.sections[section.dataset.child]); }
        fieldsIn(item).forEach(function (element) {
          if (needed) { record(element, item, title + " " + (index + 1) + ": "); } else { show(element, null); }
        });
      });
      var anyUsed = items(section).some(itemInUse);
      var message = mustHaveOne && !anyUsed ? t("adresOfOnline") : "";
      if (sectionError) {
        sectionError.textContent = message && showAll ? message : "";
        sectionError.hidden = !(message && showAll);
      }
    });
    return found;
  }

  function fileName() {
    var group = groupField ? fieldNamed(form, groupField) : null;
    var key = fieldNamed(form, keyField);
    var name = key && valueOf(key) ? valueOf(key) : "<code>";
    if (!groupField) { return form.dataset.folder + "/" + name + ".yaml"; }
    var folder = group && valueOf(group) ? valueOf(group) : "<aanbieder>";
    return form.dataset.folder + "/" + folder + "/" + name + ".yaml";
  }

  var downloadUrl = null;

  function update() {
    var found = checkAll();
    var yaml = buildYaml();
    var path = fileName();
    part("yaml").value = yaml;
    part("file-name").textContent = path;
    var status = part("form-status");
    status.textContent = found.length ?
      t("nogTeDoen", { n: found.length }) : t("klaar");
    var summary = part("form-errors");
    var list = summary.querySelector("ul");
    list.textContent = "";
    found.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + problem.element.id;
      link.textContent = problem.where + problem.element.dataset.label + ": " + problem.message;
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = !(showAll && found.length);
    var github = part("github-link");
    if (github) {
      if (found.length) {
        github.href = "#" + part("form-errors").id;
        github.setAttribute("aria-disabled", "true");
      } else {
        github.href = form.dataset.repository + "/new/" + encodeURIComponent(form.dataset.branch) +
          "?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(yaml);
        github.removeAttribute("aria-disabled");
      }
    }
    if (downloadUrl) { URL.revokeObjectURL(downloadUrl); }
    downloadUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    var download = part("download-yaml");
    download.href = downloadUrl;
    download.download = path.split("/").pop();
    return found;
  }

  /* ---------- wiring ---------- */

  function touch(event) {
    var element = event.target.closest("[data-field]");
    if (element) { touched.add(element); }
    if (element && element.dataset.field === keyField && !element.closest("[data-item]")) { keyEdited = element.value.trim() !== ""; }
    if (element && element.dataset.field === slugFrom && !element.closest("[data-item]") && !keyEdited) {
      var key = fieldNamed(form, keyField);
      if (key) { key.value = slug(element.value); }
    }
    update();
  }

  form.addEventListener("input", touch);
  form.addEventListener("change", touch);
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  listSections().forEach(function (section) {
    addItem(section);
    section.querySelector("[data-add]").addEventListener("click", function () {
      var item = addItem(section);
      update();
      var first = item.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    });
  });

  // Only a date the provider must give starts as today (the day they checked the offer); optional dates stay empty.
  topFields().forEach(function (element) {
    if (element.dataset.today === "true" && !element.value) {
      var now = new Date();
      element.value = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
    }
  });

  var github = part("github-link");
  if (github) {
    github.addEventListener("click", function (event) {
      showAll = true;
      if (update().length) {
        event.preventDefault();
        part("form-errors").focus();
      }
    });
  }

  part("copy-yaml").addEventListener("click", function () {
    showAll = true;
    update();
    var text = part("yaml");
    var status = part("form-status");
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.value).then(function () { status.textContent = t("klembord"); },
        function () { text.select(); status.textContent = t("kopierenMislukt"); });
    } else {
      text.select();
      status.textContent = t("geselecteerd");
    }
  });

  update();
}

Array.prototype.forEach.call(document.querySelectorAll("form[data-rules]"), setUp);
