// The "Mijn lijstje" page: shows the saved offers (or a list shared as ?aanbod=a,b,c), lets the
// visitor remove them, share the list as a link and print it as a handout; and (issue 15) the
// week plan made with them, and "Aanmelden voor iemand" for each offer.
// Offer data comes from small bucket files written by aanbod/site/shortlist.py; every value is
// placed with textContent, never as HTML, because offers come from pull requests.
import { t } from "./texts.js";
import * as store from "./shortlist-store.js";
import { buildPlan, chosenSlots, decodeShare, encodeShare, forOffers, searchQuery, slotKey } from "./week-plan.js";
import { openReferral } from "./referral.js";

function setUpShortlistPage(root) {
  var dataUrl = new URL(root.getAttribute("data-data"), window.location.href);
  var siteUrl = new URL(root.getAttribute("data-site"), window.location.href);
  var buckets = parseInt(root.getAttribute("data-buckets"), 10) || 1;
  var list = root.querySelector("[data-items]");
  var status = root.querySelector("[data-status]");
  var icons = root.querySelector("template[data-icons]").content;
  var planSection = root.querySelector("[data-week-plan]");
  var days = Array.prototype.map.call(planSection.querySelectorAll("th[data-day]"), function (th) { return th.getAttribute("data-day"); });
  var parts = Array.prototype.map.call(planSection.querySelectorAll("th[data-part]"), function (th) { return th.getAttribute("data-part"); });
  var referralTemplate = root.querySelector("template[data-referral-template]");
  var shared = sharedIds();
  // The plan of a shared list lives in its link, like the list itself.
  var sharedPlan = shared === null ? null : decodeShare(window.location.search).plan;
  var cache = {};
  var loaded = {};

  function sharedIds() {
    var value = new URLSearchParams(window.location.search).get("aanbod");
    return value === null ? null : store.clean(value.split(","));
  }

  function currentIds() {
    return shared === null ? store.read() : shared;
  }

  function currentPlan() {
    return forOffers(shared === null ? store.readPlan() : sharedPlan, currentIds());
  }

  // 32-bit FNV-1a; must match bucket_of() in aanbod/site/shortlist.py.
  function bucketOf(id) {
    var value = 0x811c9dc5;
    for (var i = 0; i < id.length; i++) value = Math.imul(value ^ id.charCodeAt(i), 0x01000193) >>> 0;
    return value % buckets;
  }

  function load(ids) {
    var needed = {};
    ids.forEach(function (id) { needed[bucketOf(id)] = true; });
    return Promise.all(Object.keys(needed).map(function (bucket) {
      if (cache[bucket]) return cache[bucket];
      cache[bucket] = fetch(new URL("aanbod-" + bucket + ".json", dataUrl)).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) { return data.offers; });
      return cache[bucket];
    })).then(function (parts) {
      var offers = {};
      parts.forEach(function (part) { Object.keys(part).forEach(function (id) { offers[id] = part[id]; }); });
      return offers;
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fact(name, text) {
    var template = icons.querySelector('[data-fact="' + CSS.escape(name) + '"]');
    if (!template) return null;
    var node = template.cloneNode(true);
    node.removeAttribute("data-fact");
    if (text !== undefined) node.querySelector("span").textContent = text;
    return node;
  }

  function safeLink(href, text) {
    var link = element("a", "", text);
    link.href = href;
    return link;
  }

  function row(facts, label, nodes) {
    nodes = nodes.filter(Boolean);
    if (!nodes.length) return;
    var wrapper = element("div");
    wrapper.appendChild(element("dt", "", label));
    var dd = element("dd");
    nodes.forEach(function (node, index) {
      if (index) dd.appendChild(document.createElement("br"));
      dd.appendChild(typeof node === "string" ? document.createTextNode(node) : node);
    });
    wrapper.appendChild(dd);
    facts.appendChild(wrapper);
  }

  function contactNodes(contact) {
    var nodes = [];
    if (contact.name) nodes.push(contact.name);
    if (contact.phone && /^tel:\+?[0-9]+$/.test(contact.tel || "")) {
      var phone = element("span", "", t("bel") + " ");
      phone.appendChild(safeLink(contact.tel, contact.phone));
      nodes.push(phone);
    }
    if (contact.email && /^[^\s@<>"]+@[^\s@<>"]+$/.test(contact.email)) {
      var mail = element("span", "", t("mail") + " ");
      mail.appendChild(safeLink("mailto:" + contact.email, contact.email));
      nodes.push(mail);
    }
    if (contact.website && /^https?:\/\//i.test(contact.website)) {
      var site = element("span", "", t("website") + " ");
      site.appendChild(safeLink(contact.website, contact.website));
      nodes.push(site);
    }
    return nodes;
  }

  function removeButton(id, title) {
    var button = element("button", "tool no-print");
    button.type = "button";
    button.setAttribute("data-unsave", id);
    button.appendChild(element("span", "", t("haalUit")));
    button.appendChild(element("span", "visually-hidden", ": " + title));
    return button;
  }

  function item(id, offer) {
    var li = element("li", "card shortlist-item");
    li.setAttribute("data-id", id);
    if (!offer) {
      li.appendChild(element("h2", "card-title", t("nietMeer")));
      li.appendChild(element("p", "", t("nietMeerUitleg")));
      li.appendChild(removeButton(id, t("bestaatNiet")));
      return li;
    }
    var url = new URL(offer.url, siteUrl).href;
    var heading = element("h2", "card-title");
    heading.appendChild(safeLink(url, offer.title));
    li.appendChild(heading);
    var meta = element("p", "card-meta");
    meta.appendChild(element("span", "", offer.what));
    meta.appendChild(element("span", "", offer.provider));
    li.appendChild(meta);

    var keyFacts = element("ul", "key-facts");
    [
      fact("kind-" + offer.kind),
      fact("kosten", offer.cost || t("onbekend")),
      fact(offer.referral ? "verwijzing" : "zelf"),
    ].concat((offer.pictograms || []).map(function (code) { return fact("access-" + code); }), [
      offer.paused ? fact("pauze") : null,
    ]).forEach(function (node) { if (node) keyFacts.appendChild(node); });
    li.appendChild(keyFacts);

    var facts = element("dl", "shortlist-facts");
    row(facts, t("waar"), (offer.addresses || []).concat(offer.online ? [t("online")] : []));
    row(facts, t("wanneer"), (offer.times || []).concat(offer.hours ? [offer.hours] : []));
    row(facts, t("verwijzingNodig"), [t(offer.referral ? "verwijzingJa" : "verwijzingNee")]);
    row(facts, t("aanmelden"), [offer.apply]);
    row(facts, t("contact"), contactNodes(offer.contact || {}));
    row(facts, t("toegankelijkheid"), offer.access || []);
    row(facts, t("meerInformatie"), [element("span", "offer-url", url.replace(/^https?:\/\//, ""))]);
    li.appendChild(facts);
    var choice = slotChoice(id, offer);
    if (choice) li.appendChild(choice);
    var tools = element("div", "shortlist-item-tools no-print");
    tools.appendChild(referralButton(id, offer.title));
    tools.appendChild(removeButton(id, offer.title));
    li.appendChild(tools);
    li.appendChild(element("div", "referral-place no-print"));
    li.lastChild.setAttribute("data-referral-place", "");
    return li;
  }

  function shareUrl(ids, plan) {
    var url = new URL(window.location.href);
    url.search = ids.length ? encodeShare(ids, forOffers(plan, ids)) : "";
    url.hash = "";
    return url.href;
  }

  function showActions(ids) {
    var link = shareUrl(ids, currentPlan());
    root.querySelector("[data-actions]").hidden = ids.length === 0;
    root.querySelector("[data-empty-list]").hidden = ids.length !== 0;
    root.querySelector("[data-link]").value = link;
    root.querySelector("[data-link-text]").textContent = link;
    root.querySelector("[data-mail]").href = "mailto:?subject=" + encodeURIComponent(t("mailOnderwerp")) +
      "&body=" + encodeURIComponent(t("mailTekst", { link: link }));
    root.querySelector("[data-shared]").hidden = shared === null || ids.length === 0;
  }

  // --- The week plan (issue 15) ---

  function slotLabel(key) {
    var split = key.split("-");
    var day = planSection.querySelector('th[data-day="' + CSS.escape(split[0]) + '"]');
    var part = planSection.querySelector('th[data-part="' + CSS.escape(split[1]) + '"]');
    return day.textContent.trim() + " " + part.textContent.trim().toLowerCase();
  }

  function clock(entry) {
    if (entry.start && entry.end) return entry.start + "\u2013" + entry.end;
    return entry.start || "";
  }

  function titleOf(id) {
    return loaded[id] ? loaded[id].title : id;
  }

  function joinTitles(ids) {
    var titles = ids.map(function (id) { return "\u201c" + titleOf(id) + "\u201d"; });
    return titles.length < 2 ? titles.join("") : titles.slice(0, -1).join(", ") + " " + t("en") + " " + titles[titles.length - 1];
  }

  function savePlan(plan) {
    var ids = currentIds();
    if (shared === null) {
      if (!store.writePlan(forOffers(plan, ids))) status.textContent = t("kanNietVeranderen");
    } else {
      sharedPlan = plan;
      window.history.replaceState(null, "", shareUrl(ids, plan));
    }
    showActions(ids);
    return renderPlan();
  }

  function fillCell(cell, key, entries, clashing, free) {
    var nodes = [];
    if (entries.length) {
      var activities = element("ul", "week-activities");
      entries.forEach(function (entry) {
        var li = element("li", "", titleOf(entry.id));
        if (clock(entry)) li.appendChild(element("span", "week-clock", " " + clock(entry)));
        activities.appendChild(li);
      });
      nodes.push(activities);
      if (clashing) nodes.push(element("strong", "week-clash", t("botsingKort")));
    } else {
      var button = element("button", "week-free");
      button.type = "button";
      button.setAttribute("data-free", key);
      button.setAttribute("aria-pressed", free ? "true" : "false");
      // One name for screen readers ("Vrij: Maandag ochtend"), starting with the visible word.
      button.textContent = t("vrij");
      button.setAttribute("aria-label", t("vrij") + ": " + slotLabel(key));
      nodes.push(button);
    }
    cell.classList.toggle("week-busy", entries.length > 0);
    cell.classList.toggle("week-clashing", clashing);
    cell.replaceChildren.apply(cell, nodes);
  }

  function printedPlan(plan, result) {
    var nodes = [element("h2", "", t("mijnWeekplan"))];
    var helper = plan.helper;
    if (helper.name && helper.phone) nodes.push(element("p", "print-helper", t("vragen", { naam: helper.name, telefoon: helper.phone })));
    else if (helper.name) nodes.push(element("p", "print-helper", t("vragenNaam", { naam: helper.name })));
    else if (helper.phone) nodes.push(element("p", "print-helper", t("vragenTelefoon", { telefoon: helper.phone })));
    if (!result.active) nodes.push(element("p", "", t("nietInPlan")));
    days.forEach(function (day) {
      var planned = parts.filter(function (part) { return result.cells.has(slotKey(day, part)); });
      if (!planned.length) return;
      var block = element("section", "print-day");
      block.appendChild(element("h3", "", planSection.querySelector('th[data-day="' + CSS.escape(day) + '"]').textContent.trim()));
      planned.forEach(function (part) {
        var key = slotKey(day, part);
        result.cells.get(key).forEach(function (entry) {
          var offer = loaded[entry.id];
          var when = planSection.querySelector('th[data-part="' + CSS.escape(part) + '"]').textContent.trim();
          block.appendChild(element("h4", "", when + (clock(entry) ? " " + clock(entry) : "") + ": " + offer.title));
          var facts = element("dl", "print-facts");
          var contact = offer.contact || {};
          row(facts, t("waar"), (offer.addresses || []).concat(offer.online ? [t("online")] : []));
          row(facts, t("metWie"), [[contact.name, offer.provider].filter(Boolean).join(", ")]);
          row(facts, t("telefoon"), contact.phone ? [contact.phone] : []);
          row(facts, t("neemMee"), offer.documents || []);
          row(facts, (offer.steps || []).length ? t("verder") : t("aanmelden"), (offer.steps || []).length ? offer.steps : [offer.apply]);
          block.appendChild(facts);
        });
      });
      nodes.push(block);
    });
    if (result.unscheduled.length) nodes.push(element("p", "", t("geenDagen", { wat: joinTitles(result.unscheduled) })));
    root.querySelector("[data-print-plan]").replaceChildren.apply(root.querySelector("[data-print-plan]"), nodes);
  }

  function renderPlan() {
    var ids = currentIds().filter(function (id) { return loaded[id]; });
    var plan = currentPlan();
    var result = buildPlan(plan, ids, loaded, days, parts);
    var focused = document.activeElement && document.activeElement.getAttribute("data-free");
    var clashing = {};
    result.clashes.forEach(function (clash) { clashing[clash.slot] = true; });
    planSection.querySelectorAll("td[data-slot]").forEach(function (cell) {
      var key = cell.getAttribute("data-slot");
      fillCell(cell, key, result.cells.get(key) || [], !!clashing[key], plan.free.indexOf(key) !== -1);
    });
    if (focused) {
      var again = planSection.querySelector('[data-free="' + CSS.escape(focused) + '"]');
      if (again) again.focus();
    }
    planSection.querySelector("[data-plan-count]").textContent = result.active ? t("actief", { n: result.active }) : t("nietsGepland");
    planSection.querySelector("[data-plan-clashes]").replaceChildren.apply(planSection.querySelector("[data-plan-clashes]"), result.clashes.map(function (clash) {
      return element("li", "", t("botsing", { dagdeel: slotLabel(clash.slot), wat: joinTitles(clash.ids) }));
    }));
    var unscheduled = planSection.querySelector("[data-plan-unscheduled]");
    unscheduled.textContent = result.unscheduled.length ? t("geenDagen", { wat: joinTitles(result.unscheduled) }) : "";
    unscheduled.hidden = !result.unscheduled.length;
    var search = planSection.querySelector("[data-plan-search]");
    search.hidden = !result.free.length;
    search.href = new URL(planSection.getAttribute("data-search"), window.location.href).href + searchQuery(result.free, days, parts);
    planSection.querySelector("[data-plan-free-hint]").hidden = result.free.length > 0;
    planSection.querySelectorAll("[data-helper]").forEach(function (field) {
      if (field !== document.activeElement) field.value = plan.helper[field.getAttribute("data-helper")];
    });
    printedPlan(plan, result);
    return result;
  }

  function slotChoice(id, offer) {
    if (!offer.slots || offer.slots.length < 2) return null;
    var chosen = {};
    chosenSlots(currentPlan(), id, offer).forEach(function (slot) { chosen[slot.key] = true; });
    var fieldset = element("fieldset", "slot-choice no-print");
    fieldset.appendChild(element("legend", "", t("wanneerGaJe", { titel: offer.title })));
    offer.slots.forEach(function (slot) {
      var key = slotKey(slot.day, slot.part);
      var label = element("label", "check");
      var box = element("input");
      box.type = "checkbox";
      box.value = key;
      box.checked = !!chosen[key];
      box.setAttribute("data-slot-choice", id);
      label.appendChild(box);
      label.appendChild(element("span", "", " " + slotLabel(key) + (clock(slot) ? " " + clock(slot) : "")));
      fieldset.appendChild(label);
    });
    return fieldset;
  }

  function chooseSlots(id) {
    var boxes = list.querySelectorAll('[data-slot-choice="' + CSS.escape(id) + '"]');
    var keys = Array.prototype.filter.call(boxes, function (box) { return box.checked; }).map(function (box) { return box.value; });
    var plan = currentPlan();
    if (keys.length === boxes.length) delete plan.choices[id];
    else plan.choices[id] = keys;
    var result = savePlan(plan);
    status.textContent = t("planVeranderd") + " " + (result.active ? t("actief", { n: result.active }) : t("nietsGepland"));
  }

  function referralButton(id, title) {
    var button = element("button", "tool no-print");
    button.type = "button";
    button.setAttribute("data-refer", id);
    button.setAttribute("aria-expanded", "false");
    button.textContent = t("aanmeldenVoor");
    button.setAttribute("aria-label", t("aanmeldenVoor") + ": " + title);
    return button;
  }

  function openForm(button) {
    var id = button.getAttribute("data-refer");
    var item = button.closest("[data-id]");
    var place = item.querySelector("[data-referral-place]");
    if (place.firstElementChild) {
      place.querySelector("h3").focus();
      return;
    }
    button.setAttribute("aria-expanded", "true");
    openReferral({
      place: place, template: referralTemplate, id: id, record: loaded[id], url: new URL(loaded[id].url, siteUrl).href,
      onClose: function (message) {
        button.setAttribute("aria-expanded", "false");
        status.textContent = message;
        button.focus();
      },
    });
  }

  function render() {
    var ids = currentIds();
    showActions(ids);
    planSection.hidden = ids.length === 0;
    if (!ids.length) {
      list.replaceChildren();
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    return load(ids).then(function (offers) {
      loaded = offers;
      list.replaceChildren.apply(list, ids.map(function (id) { return item(id, offers[id]); }));
      renderPlan();
    }, function () {
      status.textContent = t("ladenFout");
    }).then(function () {
      list.removeAttribute("aria-busy");
    });
  }

  function remove(id) {
    var ids = currentIds().filter(function (other) { return other !== id; });
    if (shared === null) {
      if (!store.write(ids)) {
        status.textContent = t("kanNietVeranderen");
        return;
      }
    } else {
      shared = ids;
      window.history.replaceState(null, "", shareUrl(ids, currentPlan()));
    }
    var items = Array.prototype.slice.call(list.children);
    var index = items.findIndex(function (node) { return node.getAttribute("data-id") === id; });
    render().then(function () {
      status.textContent = t("uitLijstje") + " " + store.countText(ids.length);
      // Keep the keyboard where it was: the next offer's button, or the page heading.
      var buttons = list.querySelectorAll("[data-unsave]");
      var next = buttons[Math.min(index, buttons.length - 1)];
      if (next) next.focus(); else root.querySelector("h1").focus();
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-unsave]");
    if (button) remove(button.getAttribute("data-unsave"));
    var refer = event.target.closest("[data-refer]");
    if (refer) openForm(refer);
  });

  list.addEventListener("change", function (event) {
    var id = event.target.getAttribute("data-slot-choice");
    if (id) chooseSlots(id);
  });

  planSection.addEventListener("click", function (event) {
    var button = event.target.closest("[data-free]");
    if (!button) return;
    var key = button.getAttribute("data-free");
    var plan = currentPlan();
    plan.free = plan.free.indexOf(key) === -1 ? plan.free.concat([key]) : plan.free.filter(function (other) { return other !== key; });
    var result = savePlan(plan);
    status.textContent = t("vrijeDagdelen", { n: result.free.length });
  });

  planSection.querySelectorAll("[data-helper]").forEach(function (field) {
    field.addEventListener("input", function () {
      var plan = currentPlan();
      plan.helper[field.getAttribute("data-helper")] = field.value;
      savePlan(plan);
    });
  });

  root.querySelector("[data-save-all]").addEventListener("click", function () {
    var mine = store.read();
    var merged = mine.concat(shared.filter(function (id) { return mine.indexOf(id) === -1; }));
    var myPlan = store.readPlan();
    var plan = {
      choices: Object.assign({}, myPlan.choices, sharedPlan.choices),
      free: sharedPlan.free.length ? sharedPlan.free : myPlan.free,
      helper: sharedPlan.helper.name || sharedPlan.helper.phone ? sharedPlan.helper : myPlan.helper,
    };
    if (!store.write(merged) || !store.writePlan(forOffers(plan, merged))) {
      status.textContent = t("bewaarDeLink");
      return;
    }
    shared = null;
    sharedPlan = null;
    window.history.replaceState(null, "", shareUrl([], plan));
    render().then(function () {
      status.textContent = t("bewaardHier") + " " + store.countText(merged.length);
      root.querySelector("h1").focus();
    });
  });

  root.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
  // Only the week plan: the print style hides the handout while data-printing is "plan".
  root.querySelector("[data-print-plan-button]").addEventListener("click", function () {
    var html = document.documentElement;
    html.setAttribute("data-printing", "plan");
    window.addEventListener("afterprint", function () { html.removeAttribute("data-printing"); }, { once: true });
    window.print();
  });

  root.querySelector("[data-copy-link]").addEventListener("click", function () {
    var field = root.querySelector("[data-link]");
    var done = function () { status.textContent = t("gekopieerdPlak"); };
    var fallback = function () {
      field.focus();
      field.select();
      status.textContent = document.execCommand && document.execCommand("copy") ? t("gekopieerd") : t("kopieerZelf");
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(done, fallback);
    else fallback();
  });

  root.querySelector("h1").setAttribute("tabindex", "-1");
  root.querySelector("[data-date]").textContent = new Date().toLocaleDateString(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" });
  window.addEventListener("storage", function (event) {
    if (shared === null && (event.key === store.KEY || event.key === store.PLAN_KEY)) render();
  });
  render();
}

const shortlistPage = document.querySelector("[data-shortlist-page]");
if (shortlistPage) setUpShortlistPage(shortlistPage);
