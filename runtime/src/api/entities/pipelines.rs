//! Pipelines and their stages (API v2): [`Pipeline`], [`Stage`] and the stages list's filter
//! ([`StagesQuery`]).

use super::query::{ListQuery, Listed};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A pipeline (`GET /api/v2/pipelines/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Its place among the pipelines.
    #[serde(default)]
    pub order_nr: Option<i64>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// Whether its deals have a win probability.
    #[serde(default)]
    pub is_deal_probability_enabled: bool,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Listed for Pipeline {
    const LIST: &'static super::super::Endpoint = &super::endpoints::PIPELINES;
    fn id(&self) -> u64 {
        self.id
    }
}

/// A stage of a pipeline (`GET /api/v2/stages/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Its pipeline.
    #[serde(default)]
    pub pipeline_id: Option<u64>,
    /// Its place in the pipeline.
    #[serde(default)]
    pub order_nr: Option<i64>,
    /// The win probability of its deals, in percent.
    #[serde(default)]
    pub deal_probability: Option<f64>,
    /// Whether its deals rot.
    #[serde(default)]
    pub is_deal_rot_enabled: bool,
    /// Days before a deal rots.
    #[serde(default)]
    pub days_to_rotten: Option<u32>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Listed for Stage {
    const LIST: &'static super::super::Endpoint = &super::endpoints::STAGES;
    fn id(&self) -> u64 {
        self.id
    }
}

/// The filters of the pipelines list (`GET /api/v2/pipelines`).
pub type PipelinesQuery = ListQuery<Pipeline>;

/// The filters of the stages list (`GET /api/v2/stages`).
pub type StagesQuery = ListQuery<Stage>;

impl ListQuery<Stage> {
    /// `pipeline_id`: only the stages of this pipeline.
    pub fn pipeline_id(self, id: u64) -> Self {
        self.set("pipeline_id", id)
    }
}
