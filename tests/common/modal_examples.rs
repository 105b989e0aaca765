//! The spec's worked examples (`shared/spec/json-modals.md` §10), shared by the modal tests.

use serde_json::{Value, json};

/// Example A's schema (10 blocks, dynamic options, hidden metadata).
pub(crate) fn example_a() -> Value {
    json!({
      "type": "object",
      "properties": {
        "blocks": {
          "type": "object",
          "properties": {
            "intro": { "$ref": "#/definitions/element-text",
              "options": { "markdown": true, "value": "Create a task in **Acme Tasks** linked to this deal." } },
            "title": { "$ref": "#/definitions/element-input",
              "options": { "type": "text", "label": "Task title", "placeholder": "e.g. Send proposal", "allowClear": true, "isRequired": true } },
            "project": { "$ref": "#/definitions/element-select",
              "options": { "label": "Project", "placeholder": "Select a project", "filter": true, "isRequired": true, "fetchOnChange": true } },
            "assignee": { "$ref": "#/definitions/element-select",
              "options": { "label": "Assignee", "placeholder": "Select a project first", "message": "Only members of the chosen project are listed" } },
            "due_date": { "$ref": "#/definitions/element-datepicker",
              "options": { "label": "Due date", "placeholder": "Date", "allowClear": true } },
            "priority": { "$ref": "#/definitions/element-radio-group",
              "options": { "label": "Priority", "value": "normal", "items": [
                  { "value": "low", "label": "Low" }, { "value": "normal", "label": "Normal" }, { "value": "high", "label": "High" } ] } },
            "notes": { "$ref": "#/definitions/element-textarea",
              "options": { "label": "Notes", "placeholder": "Anything the assignee should know", "resize": true } },
            "divider": { "$ref": "#/definitions/element-separator" },
            "notify": { "$ref": "#/definitions/element-checkbox-group",
              "options": { "label": "Notifications", "value": ["email"], "items": [
                  { "value": "email", "label": "Email the assignee" },
                  { "value": "slack", "label": "Post to Slack", "visibleOn": { "priority": { "equals": "high" } } } ] } },
            "deal_meta": { "$ref": "#/definitions/element-input",
              "options": { "label": "Deal metadata", "visibleOn": "never" } }
          }
        },
        "actions": {
          "type": "object",
          "properties": {
            "cancel": { "$ref": "#/definitions/action-secondary", "options": { "label": "Cancel", "handler": "cancel" } },
            "create": { "$ref": "#/definitions/action-primary", "options": { "label": "Create task", "handler": "request" } }
          }
        }
      }
    })
}

/// Example B's schema (conditional blocks).
pub(crate) fn example_b() -> Value {
    json!({
      "type": "object",
      "properties": {
        "blocks": {
          "type": "object",
          "properties": {
            "info": { "$ref": "#/definitions/element-text",
              "options": { "markdown": true, "value": "Selected people will be added as **subscribers**.\n- Existing subscribers are skipped\n- Unsubscribed people are never re-added" } },
            "mode": { "$ref": "#/definitions/element-radio-group",
              "options": { "label": "Campaign", "value": "existing", "isRequired": true,
                "items": [ { "value": "existing", "label": "Use an existing campaign" }, { "value": "new", "label": "Create a new campaign" } ] } },
            "campaign": { "$ref": "#/definitions/element-select",
              "options": { "label": "Existing campaign", "placeholder": "Select campaign", "filter": true, "isRequired": true,
                "visibleOn": { "mode": { "equals": "existing" } } } },
            "campaign_name": { "$ref": "#/definitions/element-input",
              "options": { "type": "text", "label": "New campaign name", "isRequired": true,
                "visibleOn": { "mode": { "equals": "new" } } } },
            "send_on": { "$ref": "#/definitions/element-datepicker",
              "options": { "label": "First send date", "placeholder": "Date", "visibleOn": { "campaign_name": "not_empty" } } },
            "reply_to": { "$ref": "#/definitions/element-input",
              "options": { "type": "email", "label": "Reply-to address", "placeholder": "sales@example.com" } }
          }
        },
        "actions": {
          "type": "object",
          "properties": {
            "reset": { "$ref": "#/definitions/action-secondary", "options": { "label": "Reset", "handler": "reset" } },
            "add":   { "$ref": "#/definitions/action-primary",   "options": { "label": "Add people", "handler": "request" } }
          }
        }
      }
    })
}

/// Example C's schema (one select, open-url).
pub(crate) fn example_c() -> Value {
    json!({
      "type": "object",
      "properties": {
        "blocks": { "type": "object", "properties": {
            "template": { "$ref": "#/definitions/element-select",
              "options": { "label": "Proposal template", "isRequired": true,
                "items": [ { "label": "Standard", "value": "std" }, { "label": "Enterprise", "value": "ent" } ] } } } },
        "actions": { "type": "object", "properties": {
            "open": { "$ref": "#/definitions/action-primary",
              "options": { "label": "Open in editor", "handler": "open-url", "url": "https://app.example.com/proposals/new" } } } }
      }
    })
}

/// A schema document from blocks and actions.
pub(crate) fn doc(blocks: Value, actions: Value) -> Value {
    json!({
        "type": "object",
        "properties": {
            "blocks": { "type": "object", "properties": blocks },
            "actions": { "type": "object", "properties": actions }
        }
    })
}

/// One primary button.
pub(crate) fn save() -> Value {
    json!({ "save": { "$ref": "#/definitions/action-primary", "options": { "label": "Save", "handler": "request" } } })
}
