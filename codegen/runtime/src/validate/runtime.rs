//! The validation runtime every generated crate carries: the `Validate` trait, violations with
//! their paths and rules, and the checks the generated code calls (lengths, bounds,
//! item and entry counts, patterns' reporting, cron expressions, rules between fields and over
//! tagged items).
//!
//! Copied verbatim into the generated crate as `validate/runtime.rs`; the generated `validate`
//! module re-exports it. The IANA time zone check is a part of its own (`time_zone.rs`), since
//! it needs `jiff`'s time zone database.

use core::fmt;
/// A value that can be checked against the limits and rules the spec states.
///
/// Every type the spec defines implements it (a struct through its `Object` table, see
/// `crate::object`). `Box<T>` does not (its impl would overlap the structs' one): a method call
/// on a box, `boxed.validate()`, reaches the type in it. A request is checked
/// before it is sent, and nothing is built
/// from an invalid one. A value the server sent is never checked while it is read (what
/// the server sends is read as sent), but its caller may check it. Checking never stops
/// at the first problem: [`Validate::validate`] returns every violation, each with the
/// path to the value.
pub trait Validate {
    /// Every violation of the spec's limits in this value, or `Ok` if there is none.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut validator = Validator::default();
        self.validate_into(&mut validator);
        validator.finish()
    }
    /// Records this value's violations at the validator's current path. The default records
    /// none, as for a type whose schema sets no limit.
    fn validate_into(&self, validator: &mut Validator) {
        let _ = validator;
    }
}
/// The rule a [`Violation`] breaks, named after the spec keyword that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// `minLength`, in characters.
    MinLength,
    /// `maxLength`, in characters.
    MaxLength,
    /// `pattern`.
    Pattern,
    /// `minimum`.
    Minimum,
    /// `minimum` with `exclusiveMinimum`.
    ExclusiveMinimum,
    /// `maximum`.
    Maximum,
    /// `maximum` with `exclusiveMaximum`.
    ExclusiveMaximum,
    /// `multipleOf`.
    MultipleOf,
    /// `minItems`.
    MinItems,
    /// `maxItems`.
    MaxItems,
    /// `uniqueItems`.
    UniqueItems,
    /// `minProperties`.
    MinProperties,
    /// `maxProperties`.
    MaxProperties,
    /// `minLength` of `x-propertyNames`: the shortest a map key may be.
    KeyMinLength,
    /// `maxLength` of `x-propertyNames`: the longest a map key may be.
    KeyMaxLength,
    /// `pattern` of `x-propertyNames`.
    KeyPattern,
    /// `format` (`cron`, `iana-timezone`).
    Format,
    /// `x-mutually-exclusive`: at most one of several fields may be set.
    MutuallyExclusive,
    /// `x-exactly-one-of`: exactly one of several fields must be set.
    ExactlyOneOf,
    /// `maxCount` of `x-item-rules`: how many items of one kind an array may hold.
    MaxCount,
    /// `onlyLast` of `x-item-rules`: an item of this kind may only be the last.
    OnlyLast,
    /// `after` of `x-item-rules`: what an item of this kind must follow.
    After,
}
impl Rule {
    /// The spec keyword that states the rule.
    #[must_use]
    pub const fn keyword(self) -> &'static str {
        match self {
            Self::MinLength => "minLength",
            Self::MaxLength => "maxLength",
            Self::Pattern => "pattern",
            Self::Minimum => "minimum",
            Self::ExclusiveMinimum => "exclusiveMinimum",
            Self::Maximum => "maximum",
            Self::ExclusiveMaximum => "exclusiveMaximum",
            Self::MultipleOf => "multipleOf",
            Self::MinItems => "minItems",
            Self::MaxItems => "maxItems",
            Self::UniqueItems => "uniqueItems",
            Self::MinProperties => "minProperties",
            Self::MaxProperties => "maxProperties",
            Self::KeyMinLength => "x-propertyNames.minLength",
            Self::KeyMaxLength => "x-propertyNames.maxLength",
            Self::KeyPattern => "x-propertyNames.pattern",
            Self::Format => "format",
            Self::MutuallyExclusive => "x-mutually-exclusive",
            Self::ExactlyOneOf => "x-exactly-one-of",
            Self::MaxCount => "x-item-rules.maxCount",
            Self::OnlyLast => "x-item-rules.onlyLast",
            Self::After => "x-item-rules.after",
        }
    }
}
/// One broken limit: where, which rule, the limit, and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where the value is, from the validated value: `initial_events[3].rubric.content`;
    /// empty for the value itself.
    pub path: String,
    /// The rule broken.
    pub rule: Rule,
    /// The limit, as the spec states it (`50`, `cron expression`).
    pub limit: String,
    /// What was found instead (`51`, or what is wrong with the value).
    pub actual: String,
}
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(the value)" } else { self.path.as_str() };
        let (limit, actual) = (&self.limit, &self.actual);
        match self.rule {
            Rule::MinLength => {
                write!(f, "{path}: must be at least {limit} {} long, is {actual}", characters(limit))
            }
            Rule::MaxLength => {
                write!(f, "{path}: must be at most {limit} {} long, is {actual}", characters(limit))
            }
            Rule::Pattern => {
                write!(f, "{path}: must match the pattern `{limit}`, is {actual}")
            }
            Rule::Minimum => {
                write!(f, "{path}: must be at least {limit}, is {actual}")
            }
            Rule::ExclusiveMinimum => {
                write!(f, "{path}: must be greater than {limit}, is {actual}")
            }
            Rule::Maximum => {
                write!(f, "{path}: must be at most {limit}, is {actual}")
            }
            Rule::ExclusiveMaximum => {
                write!(f, "{path}: must be less than {limit}, is {actual}")
            }
            Rule::MultipleOf => {
                write!(f, "{path}: must be a multiple of {limit}, is {actual}")
            }
            Rule::MinItems if limit == "1" => {
                write!(f, "{path}: must have at least 1 item, has {actual}")
            }
            Rule::MinItems => {
                write!(f, "{path}: must have at least {limit} items, has {actual}")
            }
            Rule::MaxItems => {
                write!(f, "{path}: must have at most {limit} items, has {actual}")
            }
            Rule::UniqueItems => {
                write!(f, "{path}: must not repeat an item, {actual}")
            }
            Rule::MinProperties if limit == "1" => {
                write!(f, "{path}: must have at least 1 entry, has {actual}")
            }
            Rule::MinProperties => {
                write!(f, "{path}: must have at least {limit} entries, has {actual}")
            }
            Rule::MaxProperties => {
                write!(f, "{path}: must have at most {limit} entries, has {actual}")
            }
            Rule::KeyMinLength => {
                write!(f, "{path}: key must be at least {limit} {} long, is {actual}", characters(limit))
            }
            Rule::KeyMaxLength => {
                write!(f, "{path}: key must be at most {limit} {} long, is {actual}", characters(limit))
            }
            Rule::KeyPattern => {
                write!(f, "{path}: key must match the pattern `{limit}`")
            }
            Rule::Format => {
                write!(f, "{path}: must be a valid {limit}: {actual}")
            }
            Rule::MutuallyExclusive | Rule::ExactlyOneOf | Rule::MaxCount | Rule::OnlyLast | Rule::After => {
                write!(f, "{path}: {limit}, but {actual}")
            }
        }
    }
}
impl std::error::Error for Violation {}
impl Violation {
    /// The violation of `x-exactly-one-of` by fields of which not exactly one is set
    /// (each given with whether it is), at the value itself.
    pub(crate) fn exactly_one_of(fields: &[(&str, bool)]) -> Self {
        let names: Vec<String> = fields.iter().map(|(name, _)| format!("`{name}`")).collect();
        let count = fields.iter().filter(|(_, set)| *set).count();
        Self {
            path: String::new(),
            rule: Rule::ExactlyOneOf,
            limit: format!("exactly one of {} must be non-null", names.join(", ")),
            actual: format!("{count} are"),
        }
    }
}
/// Every violation found in one value, in the order of its fields; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}
impl ValidationErrors {
    /// The violations, in a stable order: fields in declaration order, items by index.
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
    /// The violations, owned.
    #[must_use]
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}
impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(f, "{count} violation{} of the API's limits:", if count == 1 { "" } else { "s" })?;
        for violation in &self.violations {
            write!(f, "\n  - {violation}")?;
        }
        Ok(())
    }
}
impl std::error::Error for ValidationErrors {}
/// A tagged item of an array, as item rules see it: its tag, if it has one.
#[derive(Debug, Clone, Copy)]
pub struct ItemRule {
    /// The tag of the items the rule is about.
    pub tag: &'static str,
    /// How many such items the array may hold.
    pub max_count: Option<usize>,
    /// Whether such an item may only be the last one.
    pub only_last: bool,
    /// The tags the item right before such an item may have (any, if empty).
    pub after: &'static [&'static str],
}
/// Collects violations while walking a value, keeping the path to where it is.
#[derive(Debug)]
pub struct Validator {
    path: String,
    violations: Vec<Violation>,
}
impl Default for Validator {
    fn default() -> Self {
        Self { path: String::with_capacity(128), violations: Vec::new() }
    }
}
/// Appends `value` in decimal. The path is extended for every item checked and read only
/// for a violation, so this spares the formatting machinery on the common path.
fn push_decimal(path: &mut String, mut value: usize) {
    if let Ok(digit) = u8::try_from(value)
        && digit < 10
    {
        path.push(char::from(b'0' + digit));
        return;
    }
    let mut digits = [0_u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + u8::try_from(value % 10).unwrap_or_default();
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        path.push(char::from(digit));
    }
}
/// Whether a length check must count characters: a string has at most as many
/// characters as bytes and at least a quarter as many, so its byte length alone often
/// settles it, which spares counting a long text at every check.
fn length_undecided(value: &str, min: Option<usize>, max: Option<usize>) -> bool {
    let bytes = value.len();
    min.is_some_and(|min| bytes.div_ceil(4) < min) || max.is_some_and(|max| bytes > max)
}
impl Validator {
    /// Runs `check` with `.name` added to the path.
    #[inline]
    pub fn at_field(&mut self, name: &str, check: impl FnOnce(&mut Self)) {
        let length = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        check(self);
        self.path.truncate(length);
    }
    /// Runs `check` with `[index]` added to the path.
    #[inline]
    pub fn at_index(&mut self, index: usize, check: impl FnOnce(&mut Self)) {
        let length = self.path.len();
        self.path.push('[');
        push_decimal(&mut self.path, index);
        self.path.push(']');
        check(self);
        self.path.truncate(length);
    }
    /// Runs `check` with `["key"]` (the key as a JSON string) added to the path.
    #[inline]
    pub fn at_key(&mut self, key: &str, check: impl FnOnce(&mut Self)) {
        let length = self.path.len();
        self.path.push('[');
        if key.bytes().all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\') {
            self.path.push('"');
            self.path.push_str(key);
            self.path.push('"');
        } else {
            self.path.push_str(&serde_json::Value::from(key).to_string());
        }
        self.path.push(']');
        check(self);
        self.path.truncate(length);
    }
    /// Records a violation at the current path.
    pub fn report(&mut self, rule: Rule, limit: impl fmt::Display, actual: impl fmt::Display) {
        self.violations.push(Violation {
            path: self.path.clone(),
            rule,
            limit: limit.to_string(),
            actual: actual.to_string(),
        });
    }
    /// Checks a string's length in characters (Unicode scalar values, as JSON Schema counts).
    pub fn length(&mut self, value: &str, min: Option<usize>, max: Option<usize>) {
        if !length_undecided(value, min, max) {
            return;
        }
        let count = value.chars().count();
        if let Some(min) = min.filter(|min| count < *min) {
            self.report(Rule::MinLength, min, count);
        }
        if let Some(max) = max.filter(|max| count > *max) {
            self.report(Rule::MaxLength, max, count);
        }
    }
    /// Checks a number against a lower bound (`exclusive`: the bound itself is out).
    pub fn minimum<T: PartialOrd + fmt::Display>(&mut self, value: T, bound: T, exclusive: bool) {
        if exclusive && value <= bound {
            self.report(Rule::ExclusiveMinimum, bound, value);
        } else if !exclusive && value < bound {
            self.report(Rule::Minimum, bound, value);
        }
    }
    /// Checks a number against an upper bound (`exclusive`: the bound itself is out).
    pub fn maximum<T: PartialOrd + fmt::Display>(&mut self, value: T, bound: T, exclusive: bool) {
        if exclusive && value >= bound {
            self.report(Rule::ExclusiveMaximum, bound, value);
        } else if !exclusive && value > bound {
            self.report(Rule::Maximum, bound, value);
        }
    }
    /// Checks that an integer is a multiple of `factor`.
    pub fn multiple_of_integer(&mut self, value: i64, factor: i64) {
        if factor != 0 && value % factor != 0 {
            self.report(Rule::MultipleOf, factor, value);
        }
    }
    /// Checks that a number is a whole multiple of `factor`.
    pub fn multiple_of_number(&mut self, value: f64, factor: f64) {
        let quotient = value / factor;
        if factor != 0.0 && (quotient - quotient.round()).abs() > f64::EPSILON * quotient.abs().max(1.0) {
            self.report(Rule::MultipleOf, factor, value);
        }
    }
    /// Checks how many items an array has.
    pub fn items(&mut self, count: usize, min: Option<usize>, max: Option<usize>) {
        if let Some(min) = min.filter(|min| count < *min) {
            self.report(Rule::MinItems, min, count);
        }
        if let Some(max) = max.filter(|max| count > *max) {
            self.report(Rule::MaxItems, max, count);
        }
    }
    /// Checks that no item of an array equals an earlier one.
    pub fn unique<T: PartialEq>(&mut self, items: &[T]) {
        for (index, item) in items.iter().enumerate() {
            if let Some(first) = items[..index].iter().position(|earlier| earlier == item) {
                self.report(Rule::UniqueItems, "unique", format!("item {index} equals item {first}"));
            }
        }
    }
    /// Checks how many entries a map has.
    pub fn entries(&mut self, count: usize, min: Option<usize>, max: Option<usize>) {
        if let Some(min) = min.filter(|min| count < *min) {
            self.report(Rule::MinProperties, min, count);
        }
        if let Some(max) = max.filter(|max| count > *max) {
            self.report(Rule::MaxProperties, max, count);
        }
    }
    /// Checks the length of a map key; the violation's path ends with the key.
    pub fn key_length(&mut self, key: &str, min: Option<usize>, max: Option<usize>) {
        if !length_undecided(key, min, max) {
            return;
        }
        let count = key.chars().count();
        let too_short = min.filter(|min| count < *min);
        let too_long = max.filter(|max| count > *max);
        if too_short.is_some() || too_long.is_some() {
            self.at_key(key, |validator| {
                if let Some(min) = too_short {
                    validator.report(Rule::KeyMinLength, min, count);
                }
                if let Some(max) = too_long {
                    validator.report(Rule::KeyMaxLength, max, count);
                }
            });
        }
    }
    /// Checks that `value` is a 5-field POSIX cron expression: minute, hour, day of month,
    /// month and day of week (0-7, both 0 and 7 meaning Sunday), each `*`, a number, a range
    /// `a-b`, a step `*/n` or `a-b/n`, or a list of those. Seconds or year fields, `L`, `W`,
    /// `#`, `?` and shortcuts such as `@daily` are rejected.
    pub fn cron(&mut self, value: &str) {
        if let Some(problem) = cron_problem(value) {
            self.report(Rule::Format, "cron expression", problem);
        }
    }
    /// Checks that at most one of several fields is set.
    pub fn mutually_exclusive(&mut self, fields: &[(&str, bool)]) {
        let set: Vec<&str> = fields.iter().filter(|(_, set)| *set).map(|(name, _)| *name).collect();
        if set.len() > 1 {
            let names: Vec<String> = fields.iter().map(|(name, _)| format!("`{name}`")).collect();
            let found: Vec<String> = set.iter().map(|name| format!("`{name}`")).collect();
            self.report(
                Rule::MutuallyExclusive,
                format!("at most one of {} may be set", names.join(", ")),
                format!("{} are set", found.join(" and ")),
            );
        }
    }
    /// Checks that exactly one of several fields (each given with whether it is set) is set.
    pub fn exactly_one_of(&mut self, fields: &[(&str, bool)]) {
        if fields.iter().filter(|(_, set)| *set).count() != 1 {
            let violation = Violation::exactly_one_of(fields);
            self.report(violation.rule, violation.limit, violation.actual);
        }
    }
    /// Checks the items of an array (given by their tags) against an item rule.
    pub fn item_rule(&mut self, tags: &[Option<&str>], rule: &ItemRule) {
        let tag = rule.tag;
        let positions: Vec<usize> =
            tags.iter().enumerate().filter(|(_, t)| **t == Some(tag)).map(|(index, _)| index).collect();
        if let Some(max) = rule.max_count.filter(|max| positions.len() > *max) {
            self.report(
                Rule::MaxCount,
                format!("at most {max} `{tag}` item{} allowed", if max == 1 { " is" } else { "s are" }),
                format!("there are {}", positions.len()),
            );
        }
        for &index in &positions {
            if rule.only_last && index + 1 != tags.len() {
                self.at_index(index, |validator| {
                    validator.report(
                        Rule::OnlyLast,
                        format!("a `{tag}` item must be the last one"),
                        match tags.len() - index - 1 {
                            1 => String::from("1 more item follows"),
                            more => format!("{more} more items follow"),
                        },
                    );
                });
            }
            if !rule.after.is_empty() {
                let previous = index.checked_sub(1).and_then(|before| tags[before]);
                if !previous.is_some_and(|previous| rule.after.contains(&previous)) {
                    let allowed: Vec<String> = rule.after.iter().map(|t| format!("`{t}`")).collect();
                    let found = match (index, previous) {
                        (0, _) => String::from("it is the first item"),
                        (_, Some(previous)) => {
                            format!("it follows `{previous}`")
                        }
                        (_, None) => String::from("it follows an item of unknown kind"),
                    };
                    self.at_index(index, |validator| {
                        validator.report(
                            Rule::After,
                            format!("a `{tag}` item must come right after {}", allowed.join(" or ")),
                            found,
                        );
                    });
                }
            }
        }
    }
    /// Every violation recorded, or `Ok` if there is none.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() { Ok(()) } else { Err(ValidationErrors { violations: self.violations }) }
    }
}
fn characters(limit: &str) -> &'static str {
    if limit == "1" { "character" } else { "characters" }
}
/// The value as a message quotes it: in backticks, cut short if long.
pub(crate) fn excerpt(value: &str) -> String {
    const MOST: usize = 40;
    match value.char_indices().nth(MOST) {
        Some((end, _)) => {
            format!("`{}…`", &value[..end])
        }
        None => format!("`{value}`"),
    }
}
/// What is wrong with a cron expression, if anything.
fn cron_problem(expression: &str) -> Option<String> {
    if expression.trim_start().starts_with('@') {
        return Some(format!("{}: shortcuts such as `@daily` are not supported", excerpt(expression.trim())));
    }
    let mut fields = [""; 5];
    let mut count = 0_usize;
    for field in expression.split_whitespace() {
        if let Some(slot) = fields.get_mut(count) {
            *slot = field;
        }
        count += 1;
    }
    if count != 5 {
        return Some(format!(
            "{} has {count} field{}, expected 5 (minute hour day-of-month month day-of-week)",
            excerpt(expression),
            if count == 1 { "" } else { "s" }
        ));
    }
    for (field, (name, min, max)) in fields.iter().zip(CRON_FIELDS) {
        for item in field.split(',') {
            if let Err(problem) = cron_item(item, min, max) {
                return Some(format!("{name} field {}: {problem}", excerpt(field)));
            }
        }
    }
    None
}
/// The fields of a cron expression, each with its lowest and highest value.
const CRON_FIELDS: [(&str, u32, u32); 5] =
    [("minute", 0, 59), ("hour", 0, 23), ("day-of-month", 1, 31), ("month", 1, 12), ("day-of-week", 0, 7)];

fn cron_item(item: &str, min: u32, max: u32) -> Result<(), String> {
    if item.is_empty() {
        return Err(String::from("a list item is empty"));
    }
    if let Some(special) = item.bytes().find(|c| matches!(c, b'L' | b'W' | b'#' | b'?')).map(char::from) {
        return Err(format!("`{special}` is extended cron syntax, which is not supported"));
    }
    let (range, step) = match item.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (item, None),
    };
    if step.map(cron_number).transpose()? == Some(0) {
        return Err(String::from("a step must be at least 1"));
    }
    if range == "*" {
        return Ok(());
    }
    let (low, high) = if let Some((low, high)) = range.split_once('-') {
        (cron_number(low)?, cron_number(high)?)
    } else {
        let value = cron_number(range)?;
        (value, value)
    };
    for value in [low, high] {
        if value < min || value > max {
            return Err(format!("{value} is out of range {min}-{max}"));
        }
    }
    if low > high {
        return Err(format!("range {low}-{high} runs backwards"));
    }
    Ok(())
}
fn cron_number(text: &str) -> Result<u32, String> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{} is not a number", excerpt(text)));
    }
    text.parse().map_err(|_| format!("`{text}` is too large"))
}
