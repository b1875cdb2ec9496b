// The "Mijn lijstje" page: shows the saved offers (or a list shared as ?aanbod=a,b,c), lets the
// visitor remove them, share the list as a link and print it as a handout.
// Offer data comes from small bucket files written by aanbod/shortlist.py; every value is
// placed with textContent, never as HTML, because offers come from pull requests.
import { t } from "./texts.js";
import * as store from "./shortlist-store.js";

function setUpShortlistPage(root) {
  var dataUrl = new URL(root.getAttribute("data-data"), window.location.href);
  var siteUrl = new URL(root.getAttribute("data-site"), window.location.href);
  var buckets = parseInt(root.getAttribute("data-buckets"), 10) || 1;
  var list = root.querySelector("[data-items]");
  var status = root.querySelector("[data-status]");
  var icons = root.querySelector("template[data-iconen]").content;
  var shared = sharedIds();
  var cache = {};

  function sharedIds() {
    var value = new URLSearchParams(window.location.search).get("aanbod");
    return value === null ? null : store.clean(value.split(","));
  }

  function currentIds() {
    return shared === null ? store.read() : shared;
  }

  // 32-bit FNV-1a; must match bucket_of() in aanbod/shortlist.py.
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
    button.setAttribute("data-weg", id);
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
    li.appendChild(removeButton(id, offer.title));
    return li;
  }

  function shareUrl(ids) {
    var url = new URL(window.location.href);
    url.search = ids.length ? "?aanbod=" + ids.join(",") : "";
    url.hash = "";
    return url.href;
  }

  function showActions(ids) {
    var link = shareUrl(ids);
    root.querySelector("[data-acties]").hidden = ids.length === 0;
    root.querySelector("[data-leeg]").hidden = ids.length !== 0;
    root.querySelector("[data-link]").value = link;
    root.querySelector("[data-link-tekst]").textContent = link;
    root.querySelector("[data-mail]").href = "mailto:?subject=" + encodeURIComponent(t("mailOnderwerp")) +
      "&body=" + encodeURIComponent(t("mailTekst", { link: link }));
    root.querySelector("[data-gedeeld]").hidden = shared === null || ids.length === 0;
  }

  function render() {
    var ids = currentIds();
    showActions(ids);
    if (!ids.length) {
      list.replaceChildren();
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    return load(ids).then(function (offers) {
      list.replaceChildren.apply(list, ids.map(function (id) { return item(id, offers[id]); }));
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
      window.history.replaceState(null, "", shareUrl(ids));
    }
    var items = Array.prototype.slice.call(list.children);
    var index = items.findIndex(function (node) { return node.getAttribute("data-id") === id; });
    render().then(function () {
      status.textContent = t("uitLijstje") + " " + store.countText(ids.length);
      // Keep the keyboard where it was: the next offer's button, or the page heading.
      var buttons = list.querySelectorAll("[data-weg]");
      var next = buttons[Math.min(index, buttons.length - 1)];
      if (next) next.focus(); else root.querySelector("h1").focus();
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-weg]");
    if (button) remove(button.getAttribute("data-weg"));
  });

  root.querySelector("[data-bewaar-alles]").addEventListener("click", function () {
    var mine = store.read();
    var merged = mine.concat(shared.filter(function (id) { return mine.indexOf(id) === -1; }));
    if (!store.write(merged)) {
      status.textContent = t("bewaarDeLink");
      return;
    }
    shared = null;
    window.history.replaceState(null, "", shareUrl([]));
    render().then(function () {
      status.textContent = t("bewaardHier") + " " + store.countText(merged.length);
      root.querySelector("h1").focus();
    });
  });

  root.querySelector("[data-print]").addEventListener("click", function () { window.print(); });

  root.querySelector("[data-kopieer]").addEventListener("click", function () {
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
  root.querySelector("[data-datum]").textContent = new Date().toLocaleDateString(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" });
  window.addEventListener("storage", function (event) {
    if (shared === null && event.key === store.KEY) render();
  });
  render();
}

const shortlistPage = document.querySelector("[data-lijstje-pagina]");
if (shortlistPage) setUpShortlistPage(shortlistPage);
