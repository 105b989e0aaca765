// pdx preview: the JSON modal as a live form (visibleOn, required blocks, refetch, submit).

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
