// pdx preview: draws a Pipedrive JSON panel or JSON modal from the data embedded in the page.
// Every text from a file or a response goes through textContent or the small markdown renderer below, never
// through innerHTML; links keep only http(s), mailto and tel addresses.
"use strict";

(function () {
  const DATA = JSON.parse(document.getElementById("pdx-preview-data").textContent);
  const LIMITS = DATA.limits;
  // Pipedrive cuts long panel texts with an ellipsis.
  function cut(s, max) {
    const chars = Array.from(String(s));
    return chars.length > max ? chars.slice(0, max).join("") + "\u2026" : String(s);
  }

  // ---- DOM helpers -------------------------------------------------------------------------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function safeHref(url) {
    return typeof url === "string" && /^(https?:|mailto:|tel:)/i.test(url.trim()) ? url.trim() : null;
  }
  function link(text, url, external) {
    const href = safeHref(url);
    const a = el(href ? "a" : "span", external && href ? "pdx-external" : "", text);
    if (href) {
      a.href = href;
      if (external) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    }
    return a;
  }
  function ptr(...parts) {
    return parts.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
  }
  function pretty(v) { return JSON.stringify(v, null, 2); }

  // ---- Markdown: headings, paragraphs, **strong**, [links](url), > quotes, lists; built as DOM nodes ---------
  function inline(parent, text) {
    const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
    let last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) parent.appendChild(el("strong", "", m[1]));
      else parent.appendChild(link(m[2], m[3], true));
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }
  function markdown(text) {
    const root = el("div", "pdx-markdown");
    let list = null, para = null;
    for (const raw of String(text).split("\n")) {
      const line = raw.trim();
      let m;
      if (line === "") { list = null; para = null; continue; }
      if ((m = /^#{1,6}\s+(.*)$/.exec(line))) { list = para = null; const h = el("h3"); inline(h, m[1]); root.appendChild(h); continue; }
      if ((m = /^>\s?(.*)$/.exec(line))) { list = para = null; const q = el("blockquote"); inline(q, m[1]); root.appendChild(q); continue; }
      const bullet = /^[-*]\s+(.*)$/.exec(line), numbered = /^\d+\.\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        const tag = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== tag) { list = el(tag); root.appendChild(list); }
        para = null;
        const li = el("li"); inline(li, (bullet || numbered)[1]); list.appendChild(li);
        continue;
      }
      list = null;
      if (!para) { para = el("p"); root.appendChild(para); } else para.appendChild(el("br"));
      inline(para, line);
    }
    return root;
  }

  // ---- Problems next to what they concern ----------------------------------------------------------------------
  // Each drawn element is marked with the JSON pointers (in the file or in the response) it shows; a problem goes
  // into the element with the longest pointer that contains its own.
  function Anchors() { this.list = []; }
  Anchors.prototype.mark = function (element, doc, pointer) { this.list.push({ element, doc, pointer }); };
  Anchors.prototype.place = function (problems, fallback) {
    for (const p of problems || []) {
      let best = null;
      for (const a of this.list) {
        if (a.doc !== p.doc) continue;
        if (p.pointer === a.pointer || p.pointer.startsWith(a.pointer + "/") || a.pointer === "") {
          if (!best || a.pointer.length > best.pointer.length) best = a;
        }
      }
      (best ? best.element : fallback).appendChild(problemNote(p));
    }
  };
  function problemNote(p) {
    const d = el("div", "pdx-problem" + (p.severity === "warning" ? " pdx-warning" : ""));
    d.dataset.pointer = p.pointer;
    d.appendChild(el("code", "", (p.doc || "") + ":" + (p.pointer || "/") + " "));
    d.appendChild(document.createTextNode((p.severity === "warning" ? "warning: " : "") + p.message));
    return d;
  }

  // ---- Menus ---------------------------------------------------------------------------------------------------
  function menu(buttonText, items, cls) {
    const wrap = el("span", "pdx-menu " + (cls || ""));
    const button = el("button", "pdx-icon-button", buttonText);
    button.type = "button";
    const list = el("div", "pdx-menu-list");
    for (const item of items) list.appendChild(item);
    button.addEventListener("click", () => wrap.classList.toggle("pdx-open"));
    wrap.append(button, list);
    return wrap;
  }
  function menuItem(text, url, external) {
    const a = url ? link(text, url, external) : el("span", "", text);
    a.classList.add("pdx-menu-item");
    return a;
  }

  // ---- Panel field values, as Pipedrive shows each field type ---------------------------------------------------
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  function showDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return m ? MONTHS[Number(m[2]) - 1] + " " + Number(m[3]) + ", " + m[1] : String(s);
  }
  function showTime(s) {
    const m = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
    if (!m) return String(s);
    return m[1] + ":" + m[2] + (m[3] ? " " + (m[3] === "Z" ? "UTC" : "UTC" + m[3]) : "");
  }
  function showDateTime(s) {
    const d = new Date(s);
    if (typeof s !== "string" || isNaN(d.getTime())) return String(s);
    const iso = d.toISOString();
    return showDate(iso.slice(0, 10)) + ", " + iso.slice(11, 16) + " UTC";
  }
  function showNumber(n) {
    return typeof n === "number" ? new Intl.NumberFormat("en-US", { maximumFractionDigits: 20 }).format(n) : String(n);
  }
  function showCurrency(v) {
    if (!v || typeof v !== "object") return String(v);
    try {
      return new Intl.NumberFormat("en-US", { style: "currency", currency: v.code }).format(v.value);
    } catch (_) {
      // A company's custom currency: Pipedrive shows the amount with the code.
      return showNumber(v.value) + " " + v.code;
    }
  }
  function fieldValue(type, v) {
    if (v === null || v === undefined) return el("span", "pdx-empty-value", "\u2014");
    switch (type) {
      case "text":
        if (v && typeof v === "object" && v.markdown) return markdown(cut(v.value, LIMITS.text));
        return el("span", "", cut(typeof v === "string" ? v : JSON.stringify(v), LIMITS.text));
      case "numerical": return el("span", "pdx-number", showNumber(v));
      case "date": return el("span", "pdx-date", showDate(v));
      case "time": return el("span", "pdx-time", showTime(v));
      case "date-time": return el("span", "pdx-date-time", showDateTime(v));
      case "email": return link(v, "mailto:" + v, false);
      case "phone": return link(v, "tel:" + String(v).replace(/[^+\d]/g, ""), false);
      case "address": return el("span", "pdx-address", v);
      case "link":
        if (typeof v === "string") return link(v, v, false);
        return link(v.label ? cut(v.label, LIMITS.linkLabel) : v.value, v.value, v.external === true);
      case "currency": {
        const s = el("span", "pdx-currency", showCurrency(v));
        if (v && v.code) s.title = v.code;
        return s;
      }
      case "label": {
        const color = v && typeof v.color === "string" ? v.color : "grey";
        const s = el("span", "pdx-label pdx-label-" + color, v && cut(v.label, LIMITS.label));
        s.dataset.color = color;
        return s;
      }
      case "tags": {
        const s = el("span", "pdx-tags");
        for (const t of Array.isArray(v) ? v : [v]) s.appendChild(el("span", "pdx-tag", t));
        return s;
      }
      default: return el("span", "", typeof v === "string" ? v : JSON.stringify(v));
    }
  }
  function refType(def) {
    const r = def && typeof def.$ref === "string" ? def.$ref : "";
    return r.replace(/^#\/definitions\//, "");
  }

  // ---- The sidebar panel ---------------------------------------------------------------------------------------
  function renderPanel(host, cfg) {
    host.textContent = "";
    const anchors = new Anchors();
    const structure = cfg.structure || {};
    const multiple = structure.type === "array";
    const objectDef = (multiple ? structure.items : structure) || {};
    const objectPtr = multiple ? "/items" : "";
    const props = objectDef.properties && typeof objectDef.properties === "object" ? objectDef.properties : {};
    const headerKey = Object.keys(props).find((k) => refType(props[k]) === "header");
    const response = cfg.response;
    const body = response && response.body !== undefined ? response.body : null;
    const actions = cfg.actions || { global: [], object: [], field: {} };

    const panel = el("section", "pdx-panel");
    panel.dataset.panel = cfg.name;
    anchors.mark(panel, "structure", "");
    anchors.mark(panel, "response", "");
    const head = el("header", "pdx-panel-head");
    head.appendChild(el("span", "pdx-app-icon", (cfg.name || "?").slice(0, 1).toUpperCase()));
    head.appendChild(el("span", "pdx-panel-name", cfg.name));
    const reload = el("button", "pdx-icon-button pdx-reload", "\u21bb");
    reload.type = "button"; reload.title = "Reload";
    if (cfg.onReload) reload.addEventListener("click", cfg.onReload);
    head.appendChild(reload);
    const items = [];
    if (body && body.settings && body.settings.url) items.push(menuItem("Settings", body.settings.url, true));
    for (const name of actions.global || []) items.push(menuItem(name));
    items.push(menuItem("Hide this panel"));
    head.appendChild(menu("\u22ef", items, "pdx-panel-menu"));
    panel.appendChild(head);

    const main = el("div", "pdx-panel-body");
    panel.appendChild(main);
    const status = response ? response.status : 200;
    if (body && typeof body === "object" && body.error && (status >= 400 || !("data" in body))) {
      main.appendChild(errorState(body.error));
    } else if (status >= 400 || !body || typeof body !== "object") {
      main.appendChild(errorState({ title: "Something went wrong\u2026" }));
    } else {
      const data = body.data;
      const objects = multiple ? (Array.isArray(data) ? data : []) : (data && typeof data === "object" && Object.keys(data).length ? [data] : []);
      if (objects.length === 0) main.appendChild(el("div", "pdx-nothing", "Nothing to show"));
      objects.forEach((obj, i) => {
        const dataPtr = multiple ? ptr("data", i) : "/data";
        main.appendChild(panelObject(obj, dataPtr, props, headerKey, objectPtr, multiple, actions, anchors));
      });
      const foot = panelFoot(body, actions);
      if (foot) panel.appendChild(foot);
    }
    host.appendChild(panel);
    anchors.place(cfg.problems, panel);
    return panel;
  }
  function errorState(error) {
    const box = el("div", "pdx-error-state");
    box.appendChild(el("div", "pdx-error-title", error.title));
    if (error.subtitle) { const s = el("div", "pdx-error-subtitle"); s.appendChild(markdown(error.subtitle)); box.appendChild(s); }
    if (error.action && error.action.url) {
      const a = link(error.action.label || error.action.url, error.action.url, true);
      a.classList.add("pdx-button");
      box.appendChild(a);
    }
    return box;
  }
  function panelObject(obj, dataPtr, props, headerKey, objectPtr, multiple, actions, anchors) {
    const box = el("div", "pdx-object");
    anchors.mark(box, "response", dataPtr);
    const head = el("div", "pdx-object-head");
    if (headerKey !== undefined && obj[headerKey] !== undefined && obj[headerKey] !== null) {
      const h = el("span", "pdx-object-header", obj[headerKey]);
      const fieldAction = (actions.field || {})[headerKey];
      if (fieldAction) h.appendChild(fieldActionLink(fieldAction));
      head.appendChild(h);
    } else head.appendChild(el("span", "pdx-object-header"));
    if (multiple && (actions.object || []).length) {
      // Pipedrive's docs: a white "actions" button with a downward arrow at the object's top right.
      const m = menu("Actions \u25be", actions.object.map((n) => menuItem(n)), "pdx-object-menu");
      m.firstChild.className = "pdx-button pdx-small";
      head.appendChild(m);
    }
    box.appendChild(head);
    for (const key of Object.keys(props)) {
      if (key === headerKey) continue;
      const def = props[key];
      const row = el("div", "pdx-field");
      row.dataset.key = key;
      row.dataset.type = refType(def);
      row.appendChild(el("span", "pdx-field-label", typeof def.label === "string" ? def.label : key));
      const value = el("span", "pdx-field-value");
      value.appendChild(fieldValue(refType(def), obj[key]));
      const fieldAction = (actions.field || {})[key];
      if (fieldAction) value.appendChild(fieldActionLink(fieldAction));
      row.appendChild(value);
      anchors.mark(row, "structure", objectPtr + ptr("properties", key));
      anchors.mark(row, "response", dataPtr + ptr(key));
      box.appendChild(row);
    }
    return box;
  }
  function fieldActionLink(name) {
    const a = el("span", "pdx-field-action", name);
    a.title = "Field action";
    return a;
  }
  function panelFoot(body, actions) {
    const global = actions.global || [];
    const ext = body.external_link && body.external_link.url ? body.external_link : null;
    if (!global.length && !ext) return null;
    const foot = el("footer", "pdx-panel-foot");
    const split = el("span", "pdx-split");
    if (global.length) {
      const main = el("button", "pdx-button pdx-primary pdx-global-action", global[0]);
      main.type = "button";
      split.appendChild(main);
      const rest = global.slice(1).map((n) => menuItem(n));
      if (ext) rest.push(menuItem(cut(ext.label || ext.url, LIMITS.linkLabel), ext.url, true));
      if (rest.length) {
        const m = menu("\u25be", rest, "pdx-global-menu");
        m.firstChild.className = "pdx-button pdx-primary";
        split.appendChild(m);
      }
    } else {
      const a = link(cut(ext.label || ext.url, LIMITS.linkLabel), ext.url, true);
      a.classList.add("pdx-button", "pdx-primary", "pdx-external-link");
      split.appendChild(a);
    }
    foot.appendChild(split);
    return foot;
  }

  // ---- The modal -----------------------------------------------------------------------------------------------
  const INPUTS = ["element-input", "element-textarea", "element-select", "element-datepicker", "element-radio-group", "element-checkbox-group"];
  function entries(schema, section) {
    const s = schema && schema.properties && schema.properties[section];
    const p = s && s.properties && typeof s.properties === "object" ? s.properties : {};
    return Object.keys(p).map((key) => ({ key, ref: refType(p[key]).replace(/^#\/definitions\//, ""), options: Object.assign({}, p[key].options || {}) }));
  }
  function isEmpty(v) {
    return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  }
  function visible(rule, values) {
    if (rule === undefined || rule === null || rule === "always") return true;
    if (rule === "never") return false;
    if (typeof rule !== "object") return true;
    return Object.keys(rule).every((k) => {
      const cond = rule[k], v = values[k];
      if (cond === "not_empty") return !isEmpty(v);
      if (cond && typeof cond === "object" && "equals" in cond) {
        return Array.isArray(v) ? v.some((x) => x === cond.equals || String(x) === String(cond.equals)) : v === cond.equals || (v !== undefined && String(v) === String(cond.equals));
      }
      if (cond && typeof cond === "object" && "includes" in cond) return typeof v === "string" && v.includes(String(cond.includes));
      return true;
    });
  }

  function ModalView(host, cfg) {
    this.host = host;
    this.cfg = cfg;
    this.initial = { blocks: entries(cfg.schema, "blocks"), actions: entries(cfg.schema, "actions") };
    this.reset();
    if (cfg.response) this.merge(cfg.response.body);
    this.problems = (cfg.problems || []).slice();
    this.draw();
  }
  ModalView.prototype.reset = function () {
    this.blocks = this.initial.blocks.map((b) => ({ key: b.key, ref: b.ref, options: Object.assign({}, b.options) }));
    this.actions = this.initial.actions.map((a) => ({ key: a.key, ref: a.ref, options: Object.assign({}, a.options) }));
    this.values = {};
    for (const b of this.blocks) if (b.options.value !== undefined) this.values[b.key] = b.options.value;
    this.closed = null;
    this.globalError = null;
  };
  // A data response is merged into the schema by block and action key; its options replace those of the schema.
  ModalView.prototype.merge = function (body) {
    const data = body && body.data;
    if (!data || typeof data !== "object") return;
    for (const [section, list] of [["blocks", this.blocks], ["actions", this.actions]]) {
      const part = data[section] || {};
      for (const key of Object.keys(part)) {
        const target = list.find((x) => x.key === key);
        if (!target || !part[key] || typeof part[key] !== "object") continue;
        Object.assign(target.options, part[key]);
        if (section === "blocks" && "value" in part[key]) this.values[key] = part[key].value;
      }
    }
  };
  ModalView.prototype.form = function () {
    const form = {};
    for (const b of this.blocks) {
      if (INPUTS.indexOf(b.ref) < 0) continue;
      const shown = visible(b.options.visibleOn, this.values) || b.options.visibleOn === "never";
      if (shown && this.values[b.key] !== undefined) form[b.key] = this.values[b.key];
    }
    return form;
  };
  ModalView.prototype.draw = function () {
    const cfg = this.cfg;
    this.host.textContent = "";
    const anchors = new Anchors();
    const frame = el("div", "pdx-modal-frame");
    const modal = el("div", "pdx-modal");
    modal.dataset.modal = cfg.name;
    frame.appendChild(modal);
    anchors.mark(modal, "schema", "");
    anchors.mark(modal, "response", "");
    const head = el("div", "pdx-modal-head");
    head.appendChild(el("span", "", cfg.name));
    const close = el("button", "pdx-icon-button", "\u2715");
    close.type = "button";
    close.addEventListener("click", () => this.close("closed"));
    head.appendChild(close);
    modal.appendChild(head);
    if (this.closed) {
      modal.appendChild(el("div", "pdx-modal-body pdx-closed", "The modal is closed (" + this.closed + ")."));
    } else {
      if (this.globalError) modal.appendChild(el("div", "pdx-global-error", this.globalError));
      const body = el("div", "pdx-modal-body");
      this.blockViews = this.blocks.map((b) => this.block(b, anchors));
      for (const v of this.blockViews) body.appendChild(v.wrap);
      modal.appendChild(body);
      modal.appendChild(this.footer(anchors));
    }
    if (this.snackbar) frame.appendChild(this.snackbar);
    this.host.appendChild(frame);
    anchors.place(this.problems, modal);
    this.update();
  };
  ModalView.prototype.close = function (how) {
    this.closed = how;
    this.draw();
  };
  ModalView.prototype.footer = function (anchors) {
    const foot = el("div", "pdx-modal-foot");
    anchors.mark(foot, "schema", "/properties/actions");
    this.buttons = [];
    const ordered = this.actions.filter((a) => a.ref === "action-secondary").concat(this.actions.filter((a) => a.ref !== "action-secondary"));
    for (const a of ordered) {
      const primary = a.ref === "action-primary";
      const b = el("button", "pdx-button " + (primary ? "pdx-primary" : "pdx-secondary"), a.options.label);
      b.type = "button";
      b.dataset.action = a.key;
      b.addEventListener("click", () => this.press(a));
      this.buttons.push({ action: a, button: b, primary });
      anchors.mark(foot, "schema", ptr("properties", "actions", "properties", a.key));
      anchors.mark(foot, "response", ptr("data", "actions", a.key));
      foot.appendChild(b);
    }
    return foot;
  };
  ModalView.prototype.block = function (b, anchors) {
    const o = b.options;
    const wrap = el("div", "pdx-block pdx-block-" + b.ref + (o.error ? " pdx-has-error" : ""));
    wrap.dataset.block = b.key;
    anchors.mark(wrap, "schema", ptr("properties", "blocks", "properties", b.key));
    anchors.mark(wrap, "response", ptr("data", "blocks", b.key));
    const view = { block: b, wrap, items: [] };
    if (b.ref === "element-separator") { wrap.appendChild(el("hr", "pdx-separator")); return view; }
    if (b.ref === "element-text") {
      wrap.appendChild(o.markdown ? markdown(o.value || "") : el("div", "pdx-text", o.value));
      return view;
    }
    if (o.label !== undefined) {
      const label = el("label", "pdx-block-label", o.label);
      if (o.isRequired) { const r = el("span", "pdx-required", "*"); r.title = "Required"; label.appendChild(r); }
      wrap.appendChild(label);
    }
    wrap.appendChild(this.control(b, view));
    if (o.message) wrap.appendChild(el("div", "pdx-block-message", o.message));
    if (o.error) wrap.appendChild(el("div", "pdx-block-error", o.error));
    if (o.visibleOn === "never") wrap.appendChild(el("div", "pdx-hidden-note", "hidden (visibleOn: never), sent on submit"));
    return view;
  };
  ModalView.prototype.control = function (b, view) {
    const o = b.options, key = b.key, items = Array.isArray(o.items) ? o.items : [];
    const set = (v) => this.change(key, v);
    const current = this.values[key];
    switch (b.ref) {
      case "element-input": case "element-datepicker": {
        const box = el("div", "pdx-input-box");
        const input = el("input", "pdx-control");
        input.type = b.ref === "element-datepicker" ? "date" : ["text", "email", "number", "password", "search", "url"].indexOf(o.type) >= 0 ? o.type : "text";
        if (o.placeholder) input.placeholder = o.placeholder;
        if (current !== undefined && current !== null) input.value = String(current);
        input.name = key;
        input.addEventListener("input", () => set(input.value));
        box.appendChild(input);
        if (o.allowClear) {
          const x = el("button", "pdx-icon-button pdx-clear", "\u2715");
          x.type = "button"; x.title = "Clear";
          x.addEventListener("click", () => { input.value = ""; set(""); });
          box.appendChild(x);
          box.style.display = "flex";
        }
        return box;
      }
      case "element-textarea": {
        const t = el("textarea", "pdx-control");
        t.rows = 3; t.name = key;
        t.style.resize = o.resize ? "vertical" : "none";
        if (o.placeholder) t.placeholder = o.placeholder;
        if (current !== undefined && current !== null) t.value = String(current);
        t.addEventListener("input", () => set(t.value));
        return t;
      }
      case "element-select": {
        const s = el("select", "pdx-control");
        s.name = key;
        const none = el("option", "pdx-placeholder", o.placeholder || "");
        none.value = "";
        s.appendChild(none);
        items.forEach((it, i) => {
          const opt = el("option", "", it.label);
          opt.value = String(i);
          opt.disabled = !!it.isDisabled;
          if (current !== undefined && (it.value === current || String(it.value) === String(current))) opt.selected = true;
          s.appendChild(opt);
          view.items.push({ item: it, element: opt });
        });
        if (o.filter) s.title = "Type to filter";
        s.addEventListener("change", () => set(s.value === "" ? undefined : items[Number(s.value)].value));
        return s;
      }
      case "element-radio-group": case "element-checkbox-group": {
        const radio = b.ref === "element-radio-group";
        const group = el("div", "pdx-choices");
        items.forEach((it) => {
          const row = el("label", "pdx-choice" + (it.isDisabled ? " pdx-choice-disabled" : ""));
          const input = el("input");
          input.type = radio ? "radio" : "checkbox";
          input.name = key;
          input.value = String(it.value);
          input.disabled = !!it.isDisabled;
          input.checked = radio ? current === it.value : Array.isArray(current) && current.indexOf(it.value) >= 0;
          input.addEventListener("change", () => {
            if (radio) set(it.value);
            else {
              const now = Array.isArray(this.values[key]) ? this.values[key].filter((v) => v !== it.value) : [];
              if (input.checked) now.push(it.value);
              set(now);
            }
          });
          row.append(input, el("span", "", it.label));
          group.appendChild(row);
          view.items.push({ item: it, element: row });
        });
        return group;
      }
      default:
        return el("div", "pdx-problem", "unknown block type " + b.ref);
    }
  };
  // Shows and hides blocks, items and buttons by their visibleOn; the primary button waits for required blocks.
  ModalView.prototype.update = function () {
    if (this.closed) return;
    let missing = false;
    for (const v of this.blockViews) {
      const o = v.block.options;
      const shown = visible(o.visibleOn, this.values);
      v.wrap.style.display = shown || o.visibleOn === "never" ? "" : "none";
      if (o.visibleOn === "never") v.wrap.classList.add("pdx-never");
      for (const it of v.items) it.element.style.display = visible(it.item.visibleOn, this.values) ? "" : "none";
      if (shown && o.isRequired && isEmpty(this.values[v.block.key])) missing = true;
    }
    for (const b of this.buttons) {
      b.button.style.display = visible(b.action.options.visibleOn, this.values) ? "" : "none";
      if (b.primary) b.button.disabled = missing;
    }
  };
  ModalView.prototype.change = function (key, value) {
    this.values[key] = value;
    this.update();
    const b = this.blocks.find((x) => x.key === key);
    if (b && b.options.fetchOnChange && this.cfg.hooks && this.cfg.hooks.refetch) {
      Promise.resolve(this.cfg.hooks.refetch(this.form(), key)).then((res) => this.answered(res, false));
    }
  };
  ModalView.prototype.press = function (a) {
    const handler = a.options.handler;
    if (a.ref === "action-secondary") {
      if (handler === "reset") { this.reset(); this.draw(); } else this.close("cancelled");
      return;
    }
    const hooks = this.cfg.hooks || {};
    if (handler === "open-url") {
      if (hooks.openUrl) hooks.openUrl(this.form(), a.options.url);
      return;
    }
    if (hooks.submit) Promise.resolve(hooks.submit(this.form())).then((res) => this.answered(res, true));
  };
  // What the app answered to a refetch or a submit: data merged (block errors), success, or a global error.
  ModalView.prototype.answered = function (res, submit) {
    if (!res) return;
    this.problems = (this.cfg.problems || []).concat(res.problems || []);
    const body = res.body;
    this.globalError = null;
    this.snackbar = null;
    if (res.problems && res.problems.some((p) => p.severity === "error")) {
      this.globalError = "Something went wrong, please try again.";
    } else if (body && body.success) {
      this.snackbar = el("div", "pdx-snackbar");
      this.snackbar.appendChild(el("span", "pdx-snackbar-message", body.success.message));
      if (body.success.link) this.snackbar.appendChild(link(body.success.link.label, body.success.link.value, true));
      this.closed = "submitted";
    } else if (body && body.error && typeof body.error === "object") {
      this.globalError = body.error.message;
    } else if (body && body.data) {
      if (submit) for (const b of this.blocks) delete b.options.error;
      this.merge(body);
    } else if (submit || res.status >= 400) {
      this.globalError = "Something went wrong, please try again.";
    }
    this.draw();
  };

  // ---- Request log beside the drawing --------------------------------------------------------------------------
  function Log(host) {
    this.box = el("div", "pdx-log");
    this.box.appendChild(el("h2", "pdx-title", "Requests and responses"));
    host.appendChild(this.box);
  }
  Log.prototype.add = function (title, request, response) {
    const e = el("div", "pdx-log-entry");
    e.appendChild(el("div", "pdx-log-head", title));
    if (request) e.appendChild(el("pre", "pdx-log-request", typeof request === "string" ? request : pretty(request)));
    if (response) e.appendChild(el("pre", "pdx-log-response", typeof response === "string" ? response : pretty(response)));
    this.box.appendChild(e);
    return e;
  };
  function logExchange(log, title, ex) {
    const req = ex.request ? ex.request.method + " " + ex.request.url + (ex.request.body !== undefined && ex.request.body !== null ? "\n\n" + pretty(ex.request.body) : "") : null;
    const res = ex.status !== undefined ? "HTTP " + ex.status + "\n\n" + (typeof ex.body === "string" ? ex.body : pretty(ex.body)) : ex.failure;
    log.add(title, req, res);
  }

  // ---- Pages ---------------------------------------------------------------------------------------------------
  function staticPanel(root, d) {
    const page = el("main", "pdx-page");
    root.appendChild(page);
    const col = el("div", "pdx-column");
    col.appendChild(el("h2", "pdx-title", d.sample ? "Panel with sample values (no response given)" : "Panel"));
    const host = el("div");
    col.appendChild(host);
    page.appendChild(col);
    renderPanel(host, { name: d.name, structure: d.structure, response: { status: d.status, body: d.response }, problems: d.problems, actions: d.actions });
  }
  function staticModal(root, d) {
    const page = el("main", "pdx-page");
    root.appendChild(page);
    const col = el("div", "pdx-column");
    col.appendChild(el("h2", "pdx-title", "Modal"));
    const host = el("div");
    col.appendChild(host);
    page.appendChild(col);
    const log = new Log(page);
    const query = "resource=deal&view=details&userId=&companyId=&selectedIds=&token=";
    new ModalView(host, {
      name: d.name, schema: d.schema, response: d.response ? { status: 200, body: d.response } : null, problems: d.problems,
      hooks: {
        refetch: (form, invoker) => { log.add("refetch (fetchOnChange on " + invoker + ")", "GET <endpoint>?" + query + "&form=" + encodeURIComponent(JSON.stringify(form)) + "&invoker=" + encodeURIComponent(invoker), "A static preview has no app: run `pdx preview serve` to send it."); return null; },
        submit: (form) => { log.add("submit", "POST <endpoint>?" + query + "\n\n" + pretty(form), "A static preview has no app: run `pdx preview serve` to send it."); return null; },
        openUrl: (form, url) => { log.add("open-url", "open " + (url || "<endpoint>") + " with form " + JSON.stringify(form), null); },
      },
    });
  }
  function livePage(root, d) {
    const page = el("main", "pdx-page");
    root.appendChild(page);
    const api = (path, body) => fetch(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
    for (const ext of d.extensions) {
      const col = el("div", "pdx-column");
      col.dataset.extension = ext.name;
      col.appendChild(el("h2", "pdx-title", ext.kind.replace("_", " ") + ": " + ext.name + " (" + ext.path + ")"));
      const host = el("div");
      col.appendChild(host);
      page.appendChild(col);
      const log = new Log(col);
      if (ext.kind === "json_panel") {
        const load = () => api("api/" + ext.index + "/panel").then((ex) => {
          logExchange(log, "panel request", ex);
          renderPanel(host, { name: ext.name, structure: ext.file, response: { status: ex.status || 500, body: ex.body }, problems: ext.problems.concat(ex.problems || []), actions: ext.actions, onReload: load });
        });
        load();
      } else if (ext.kind === "json_modal") {
        const open = el("button", "pdx-button pdx-open-modal", "Open " + ext.name);
        open.type = "button";
        col.insertBefore(open, host);
        open.addEventListener("click", () => api("api/" + ext.index + "/modal/load", {}).then((ex) => {
          logExchange(log, "initial request", ex);
          const hooks = {
            refetch: (form, invoker) => api("api/" + ext.index + "/modal/refetch", { form, invoker }).then((r) => { logExchange(log, "refetch (" + invoker + ")", r); return r; }),
            submit: (form) => api("api/" + ext.index + "/modal/submit", { form }).then((r) => { logExchange(log, "submit", r); return r; }),
            openUrl: (form, url) => log.add("open-url", "open " + (url || ext.path) + " with form " + JSON.stringify(form), null),
          };
          const ok = ex.status === 200 && ex.body && ex.body.data;
          new ModalView(host, { name: ext.name, schema: ext.file, response: ok ? ex : null, problems: ext.problems.concat(ex.problems || []), hooks });
          if (!ok) host.prepend(el("div", "pdx-global-error", ex.status === 401 ? "Lost connection: Pipedrive would ask the user to authorize the app again (HTTP 401)." : "Something went wrong, please try again."));
        }));
      } else {
        const note = el("div", "pdx-log-entry", "Link action: Pipedrive opens " + ext.path + " in a new tab with a signed token.");
        host.appendChild(note);
      }
    }
  }

  const root = document.getElementById("pdx-root");
  if (DATA.page === "panel") staticPanel(root, DATA);
  else if (DATA.page === "modal") staticModal(root, DATA);
  else livePage(root, DATA);
  document.body.dataset.ready = "true";
})();
