/* "Aanbod aanmelden": checks every field while the provider types and writes the YAML file.
   Every rule comes from data- attributes that form.html renders from schema/. The one rule across fields,
   "an address, or online", names those fields as aanbod/validation.py does; the code of the offer follows
   the title until the provider edits it. YAML text is written the way aanbod/yaml_text.py writes it. */
import { t } from "./teksten.js";

(function () {
  "use strict";

  var form = document.getElementById("aanmelden");
  if (!form) { return; }

  var FORMULA = /^[=+\-@\t\r]/;
  var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  var INTEGER = /^[0-9]+$/;
  var NUMBER = /^[0-9]+([.,][0-9]+)?$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
  var TYPED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
  var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
  var UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

  var groupField = form.dataset.group;
  var keyField = form.dataset.key;
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
    return element.value.trim();
  }

  function isEmpty(value) { return Array.isArray(value) ? value.length === 0 : value === ""; }

  function fieldNamed(scope, name) {
    return fieldsIn(scope).filter(function (element) { return element.dataset.field === name; })[0] || null;
  }

  /* ---------- rules ---------- */

  function optionsFor(select, parentValue) {
    return Array.prototype.filter.call(select.options, function (option) {
      return option.value && (!option.dataset.parentCode || option.dataset.parentCode === parentValue);
    });
  }

  function narrow(scope) {
    fieldsIn(scope).forEach(function (element) {
      if (!element.dataset.parent || element.tagName !== "SELECT") { return; }
      var parent = fieldNamed(scope, element.dataset.parent);
      var parentValue = parent ? valueOf(parent) : "";
      Array.prototype.forEach.call(element.options, function (option) {
        var fits = !option.value || !option.dataset.parentCode || option.dataset.parentCode === parentValue;
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

  function problemWith(element, scope) {
    var value = valueOf(element);
    var data = element.dataset;
    var required = data.required === "true";
    if (data.parent && element.tagName === "SELECT") {
      var parent = fieldNamed(scope, data.parent);
      required = required || optionsFor(element, parent ? valueOf(parent) : "").length > 0;
    }
    if (isEmpty(value)) {
      if (!required) { return null; }
      if (element.tagName === "SELECT" || data.type === "boolean") { return t("kiesEen"); }
      return t(data.type === "list" ? "kiesMinstensEen" : "vulIn");
    }
    if (data.type === "list" || element.tagName === "SELECT") { return null; }
    if (data.type === "integer") {
      if (!INTEGER.test(value)) { return t("heelGetal"); }
    } else if (data.type === "number") {
      if (!NUMBER.test(value)) { return t("getal"); }
    } else if (data.type === "date") {
      if (!DATE.test(value) || isNaN(new Date(value + "T00:00:00Z").getTime())) { return t("datum"); }
    }
    if (data.type === "integer" || data.type === "number") {
      var number = parseFloat(value.replace(",", "."));
      if (data.min !== undefined && number < parseFloat(data.min)) { return t("minimum", { n: localNumber(data.min) }); }
      if (data.max !== undefined && number > parseFloat(data.max)) { return t("maximum", { n: localNumber(data.max) }); }
      return null;
    }
    if (data.maxlength && value.length > parseInt(data.maxlength, 10)) {
      return t("teLang", { lengte: value.length, maximum: data.maxlength });
    }
    if (data.pattern && !new RegExp("^(?:" + data.pattern + ")$", "u").test(value)) {
      var help = document.getElementById(element.id + "-hulp");
      return t("klopt") + " " + (help ? help.textContent.trim() : "");
    }
    if (!data.pattern && FORMULA.test(value)) { return t("formule"); }
    if (element.type === "email" && !EMAIL.test(value)) { return t("email"); }
    return null;
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

  function onlineIsTrue() {
    var online = fieldNamed(form, "online");
    if (!online) { return false; }
    var yes = online.querySelector("input[type=radio]");
    return yes && valueOf(online) === yes.value;
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
  }

  function slug(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  function checkAll() {
    var found = [];
    function record(element, scope, where) {
      var message = problemWith(element, scope);
      show(element, message);
      if (message) { found.push({ element: element, message: message, where: where }); }
    }
    narrow(form);
    topFields().forEach(function (element) { record(element, form, ""); });
    var online = onlineIsTrue();
    listSections().forEach(function (section) {
      var sectionError = document.getElementById(section.dataset.child + "-fout");
      var title = section.querySelector("legend").textContent.trim();
      items(section).forEach(function (item, index) {
        narrow(item);
        var needed = itemInUse(item) || (!online && index === 0);
        fieldsIn(item).forEach(function (element) {
          if (needed) { record(element, item, title + " " + (index + 1) + ": "); } else { show(element, null); }
        });
      });
      var anyUsed = items(section).some(itemInUse);
      var message = !online && !anyUsed && section.dataset.child === "locations" ?
        t("adresOfOnline") : "";
      if (sectionError) {
        sectionError.textContent = message && showAll ? message : "";
        sectionError.hidden = !(message && showAll);
      }
    });
    return found;
  }

  function fileName() {
    var group = fieldNamed(form, groupField);
    var key = fieldNamed(form, keyField);
    var folder = group && valueOf(group) ? valueOf(group) : "<aanbieder>";
    var name = key && valueOf(key) ? valueOf(key) : "<code>";
    return form.dataset.folder + "/" + folder + "/" + name + ".yaml";
  }

  var downloadUrl = null;

  function update() {
    var found = checkAll();
    var yaml = buildYaml();
    var path = fileName();
    document.getElementById("yaml").value = yaml;
    document.getElementById("file-name").textContent = path;
    var status = document.getElementById("form-status");
    status.textContent = found.length ?
      t("nogTeDoen", { n: found.length }) : t("klaar");
    var summary = document.getElementById("form-errors");
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
    var github = document.getElementById("github-link");
    if (github) {
      if (found.length) {
        github.href = "#form-errors";
        github.setAttribute("aria-disabled", "true");
      } else {
        github.href = form.dataset.repository + "/new/" + encodeURIComponent(form.dataset.branch) +
          "?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(yaml);
        github.removeAttribute("aria-disabled");
      }
    }
    if (downloadUrl) { URL.revokeObjectURL(downloadUrl); }
    downloadUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    var download = document.getElementById("download-yaml");
    download.href = downloadUrl;
    download.download = path.split("/").pop();
    return found;
  }

  /* ---------- wiring ---------- */

  function touch(event) {
    var element = event.target.closest("[data-field]");
    if (element) { touched.add(element); }
    if (element && element.dataset.field === keyField && !element.closest("[data-item]")) { keyEdited = element.value.trim() !== ""; }
    if (element && element.dataset.field === "title" && !element.closest("[data-item]") && !keyEdited) {
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

  topFields().forEach(function (element) {
    if (element.dataset.type === "date" && !element.value) {
      var now = new Date();
      element.value = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
    }
  });

  var github = document.getElementById("github-link");
  if (github) {
    github.addEventListener("click", function (event) {
      showAll = true;
      if (update().length) {
        event.preventDefault();
        document.getElementById("form-errors").focus();
      }
    });
  }

  document.getElementById("copy-yaml").addEventListener("click", function () {
    showAll = true;
    update();
    var text = document.getElementById("yaml");
    var status = document.getElementById("form-status");
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.value).then(function () { status.textContent = t("klembord"); },
        function () { text.select(); status.textContent = t("kopierenMislukt"); });
    } else {
      text.select();
      status.textContent = t("geselecteerd");
    }
  });

  update();
}());
