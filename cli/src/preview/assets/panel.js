// pdx preview: the sidebar JSON panel, each field type drawn as Pipedrive draws it.

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
