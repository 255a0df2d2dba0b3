//! What a goal's metric means — its aggregation kind, direction and whether it is a
//! percentage — from its metric, unit, aggregation and direction texts and the config's
//! lexicons.

use indexmap::IndexMap;

use crate::config::{Config, ListedWords};
use crate::model::{Aggregation, AggregationSource, Direction, Key};

/// The texts, as written, that decide what a goal's metric means: the metric (else the
/// statement), the unit, the aggregation column and the direction column.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct MetricTexts<'a> {
    pub(super) metric: &'a str,
    pub(super) unit: &'a str,
    pub(super) aggregation: Option<&'a str>,
    pub(super) direction: Option<&'a str>,
}

/// [`MetricTexts`], owned: the memo's key. Hashed as its borrowed form, so a goal's texts
/// find their entry without copying them.
#[derive(PartialEq, Eq)]
struct OwnedMetricTexts {
    metric: String,
    unit: String,
    aggregation: Option<String>,
    direction: Option<String>,
}

impl OwnedMetricTexts {
    fn borrowed(&self) -> MetricTexts<'_> {
        MetricTexts {
            metric: &self.metric,
            unit: &self.unit,
            aggregation: self.aggregation.as_deref(),
            direction: self.direction.as_deref(),
        }
    }
}

impl std::hash::Hash for OwnedMetricTexts {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.borrowed().hash(state);
    }
}

impl indexmap::Equivalent<OwnedMetricTexts> for MetricTexts<'_> {
    fn equivalent(&self, key: &OwnedMetricTexts) -> bool {
        *self == key.borrowed()
    }
}

/// What a goal's metric texts mean: whether the unit is a percentage, the aggregation kind
/// and where it came from, the direction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct MetricMeaning {
    pub(super) unit_percent: bool,
    pub(super) kind: Aggregation,
    pub(super) source: AggregationSource,
    pub(super) direction: Option<Direction>,
}

/// Metric meanings already worked out, by the texts as written: plans repeat a few metrics
/// over many rows, and a repeat costs one hash of its texts — no keys built, nothing copied.
#[derive(Default)]
pub(super) struct MetricKinds(
    IndexMap<OwnedMetricTexts, MetricMeaning, foldhash::fast::RandomState>,
);

impl MetricKinds {
    /// What `texts` mean: remembered, else worked out with `lexicon` and remembered.
    pub(super) fn meaning(&mut self, texts: MetricTexts, lexicon: &MetricLexicon) -> MetricMeaning {
        if let Some(known) = self.0.get(&texts) {
            return *known;
        }
        let meaning = lexicon.meaning(texts);
        let owned = OwnedMetricTexts {
            metric: texts.metric.to_string(),
            unit: texts.unit.to_string(),
            aggregation: texts.aggregation.map(str::to_string),
            direction: texts.direction.map(str::to_string),
        };
        self.0.insert(owned, meaning);
        meaning
    }
}

/// The config's metric names and lexicons, each prepared once for a plan (names keyed, word
/// lists as [`ListedWords`]): the metric names, the cost and counted nouns, the ratio, sum
/// and level words, the lower-is-better words. Shared by every thread that finishes goals.
pub(super) struct MetricLexicon<'c> {
    /// The config's metric names (`[metrics.kinds]`) by their loose keys, in its order, with
    /// the kind each names (`None` for a word that names no kind).
    named: Vec<(Key, Option<Aggregation>)>,
    cost_nouns: ListedWords<'c>,
    counted_nouns: ListedWords<'c>,
    /// The kind lists in the order they are tried: ratio, sum, level.
    kinds: [(ListedWords<'c>, Aggregation); 3],
    lower_is_better: ListedWords<'c>,
}

impl<'c> MetricLexicon<'c> {
    pub(super) fn new(config: &'c Config) -> Self {
        let metrics = &config.metrics;
        MetricLexicon {
            named: metrics
                .kinds
                .iter()
                .map(|(name, kind)| (Key::new(name).loose(), Aggregation::from_word(kind)))
                .collect(),
            cost_nouns: ListedWords::new(&metrics.cost_nouns),
            counted_nouns: ListedWords::new(&metrics.counted_nouns),
            kinds: [
                (ListedWords::new(&metrics.ratio), Aggregation::Ratio),
                (ListedWords::new(&metrics.sum), Aggregation::Sum),
                (ListedWords::new(&metrics.level), Aggregation::Level),
            ],
            lower_is_better: ListedWords::new(&config.lexicon.lower_is_better),
        }
    }

    /// What the texts mean, worked out: metric and unit compared by their keys (`粉丝数` with
    /// a zero-width space or in full-width forms is still a level metric).
    pub(super) fn meaning(&self, texts: MetricTexts) -> MetricMeaning {
        let unit = Key::new(texts.unit).into_string();
        let metric = Key::new(texts.metric).into_string();
        let (kind, source) = self.classify(&metric, &unit, texts.aggregation);
        MetricMeaning {
            unit_percent: unit.contains('%') || unit.contains('％') || unit.contains("百分"),
            kind,
            source,
            direction: self.direction(&metric, texts.direction),
        }
    }

    /// [`classify_metric`] with the lexicons prepared.
    fn classify(
        &self,
        metric: &str,
        unit: &str,
        column: Option<&str>,
    ) -> (Aggregation, AggregationSource) {
        if let Some(kind) = column.and_then(Aggregation::from_word) {
            return (kind, AggregationSource::Column);
        }
        let wanted = Key::new(metric).loose();
        if let Some(kind) = self
            .named
            .iter()
            .find(|(name, _)| *name == wanted)
            .and_then(|(_, kind)| *kind)
        {
            return (kind, AggregationSource::Config);
        }
        if unit.contains('%') || unit.contains('％') {
            return (Aggregation::Ratio, AggregationSource::Unit);
        }
        // The head noun wins: a cost of a counted thing is a unit cost, not a sum of the thing.
        if self.cost_nouns.first_in(metric).is_some()
            && self.counted_nouns.first_in(metric).is_some()
        {
            return (Aggregation::Ratio, AggregationSource::Lexicon);
        }
        for (words, kind) in &self.kinds {
            if words.first_in(metric).is_some() {
                return (*kind, AggregationSource::Lexicon);
            }
        }
        (Aggregation::Sum, AggregationSource::Default)
    }

    /// The direction from the direction column, else the lower-is-better lexicon; `None` when
    /// neither says (higher is better unless the target's qualifier says otherwise).
    fn direction(&self, metric: &str, column: Option<&str>) -> Option<Direction> {
        if let Some(word) = column {
            let w = word.trim().to_lowercase();
            let lower = [
                "lower",
                "down",
                "decrease",
                "min",
                "↓",
                "越低越好",
                "越小越好",
                "降低",
                "下降",
                "低",
            ];
            let higher = [
                "higher",
                "up",
                "increase",
                "max",
                "↑",
                "越高越好",
                "越大越好",
                "提高",
                "上升",
                "高",
            ];
            if lower.iter().any(|l| w.contains(l)) {
                return Some(Direction::LowerIsBetter);
            }
            if higher.iter().any(|h| w.contains(h)) {
                return Some(Direction::HigherIsBetter);
            }
        }
        self.lower_is_better
            .first_in(metric)
            .map(|_| Direction::LowerIsBetter)
    }
}

/// The aggregation kind of a metric: the aggregation column, the config's exact names, the
/// unit (`%` → ratio), a unit cost (a cost noun with a counted noun: `线索成本`, `cost per
/// lead` → ratio), the metric lexicon (ratio, then sum, then level), else sum.
///
/// ```
/// use goalsheet::model::{classify_metric, Aggregation, AggregationSource};
/// let config = goalsheet::Config::default();
/// assert_eq!(classify_metric("粉丝数", "万", None, &config), (Aggregation::Level, AggregationSource::Lexicon));
/// assert_eq!(classify_metric("转化率", "%", None, &config), (Aggregation::Ratio, AggregationSource::Unit));
/// assert_eq!(classify_metric("Leads generated", "", None, &config), (Aggregation::Sum, AggregationSource::Lexicon));
/// assert_eq!(classify_metric("单线索成本", "元", None, &config), (Aggregation::Ratio, AggregationSource::Lexicon));
/// assert_eq!(classify_metric("Cost per lead", "$", None, &config), (Aggregation::Ratio, AggregationSource::Lexicon));
/// ```
pub fn classify_metric(
    metric: &str,
    unit: &str,
    column: Option<&str>,
    config: &Config,
) -> (Aggregation, AggregationSource) {
    MetricLexicon::new(config).classify(metric, unit, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_metric_meanings_are_what_each_goal_alone_would_get() {
        let config = Config::default();
        let texts = [
            ("粉丝数", "万", None, None),
            ("粉丝数\u{200B}", "万", None, None),
            ("ＣＴＲ", "％", None, None),
            ("CTR", "%", None, None),
            ("单线索成本", "元", None, Some("越低越好")),
            ("单线索成本", "元", None, None),
            ("Leads", "", Some("level"), None),
            ("Leads", "", None, None),
            ("Leads", "", None, Some("down")),
            ("转化率", "百分比", None, None),
            ("", "", None, None),
            ("粉丝数", "万", None, None),
            ("Leads", "", Some("level"), None),
        ];
        let lexicon = MetricLexicon::new(&config);
        let mut seen = MetricKinds::default();
        for (metric, unit, aggregation, direction) in texts {
            let t = MetricTexts {
                metric,
                unit,
                aggregation,
                direction,
            };
            assert_eq!(
                seen.meaning(t, &lexicon),
                lexicon.meaning(t),
                "{metric} {unit}"
            );
        }
        assert_eq!(
            seen.0.len(),
            11,
            "each distinct set of texts worked out once"
        );
        let fans = lexicon.meaning(MetricTexts {
            metric: "粉丝数\u{200B}",
            unit: "万",
            aggregation: None,
            direction: None,
        });
        assert_eq!(fans.kind, Aggregation::Level);
        let ctr = lexicon.meaning(MetricTexts {
            metric: "ＣＴＲ",
            unit: "％",
            aggregation: None,
            direction: None,
        });
        assert!(ctr.unit_percent);
    }

    #[test]
    fn the_configs_metric_names_are_matched_by_their_loose_keys_in_its_order() {
        let mut config = Config::default();
        for (name, kind) in [
            ("New Leads", "level"),
            ("new leads", "ratio"),
            ("ＣＴＲ", "sum"),
            ("转化率", "no kind"),
        ] {
            config.metrics.kinds.insert(name.into(), kind.into());
        }
        let lexicon = MetricLexicon::new(&config);
        // Case and spaces aside, the first name listed wins.
        assert_eq!(
            lexicon.classify("NEWLEADS", "", None),
            (Aggregation::Level, AggregationSource::Config)
        );
        // Full-width forms are their plain letters (the metric keyed as a goal's is).
        let ctr = Key::new("CTR").into_string();
        assert_eq!(
            lexicon.classify(&ctr, "%", None),
            (Aggregation::Sum, AggregationSource::Config)
        );
        // A name whose word names no kind says nothing: the unit decides.
        assert_eq!(
            lexicon.classify("转化率", "%", None),
            (Aggregation::Ratio, AggregationSource::Unit)
        );
        // An aggregation column still comes first; the public function agrees.
        assert_eq!(
            lexicon.classify("New Leads", "", Some("sum")),
            (Aggregation::Sum, AggregationSource::Column)
        );
        assert_eq!(
            classify_metric("New Leads", "", None, &config),
            lexicon.classify("New Leads", "", None)
        );
    }
}
