//! Server-sent events, sans IO: bytes in, as they arrive, typed events out.
//!
//! [`EventDecoder`] follows the event-stream format of the HTML specification: lines end in
//! `\n`, `\r\n` or `\r` (also split across chunks); a line starting with `:` is a comment; a
//! field is `name: value` (one space after the colon dropped); several `data:` lines join with
//! `\n`; a blank line dispatches the event (one the stream ends before is dropped); an event
//! with no `data` is not dispatched; `id` without a NUL sets the last event id, which later
//! events keep; `retry` takes only digits.
//! [`Events`] turns each into the spec's type: the JSON of its `data`, or, when the spec's event
//! type describes the whole event (`event` and `data` properties), an object of its fields; a
//! `data` of `[DONE]` ends the stream.

use serde::de::DeserializeOwned;

/// One event, as the stream framed it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerSentEvent {
    /// The `event` field: the event's name, if it has one.
    pub event: Option<String>,
    /// The `data` lines, joined with `\n`.
    pub data: String,
    /// The last event id seen in the stream, if any.
    pub id: Option<String>,
    /// The `retry` field: how long to wait before reconnecting, in milliseconds.
    pub retry: Option<u64>,
}

/// Frames a byte stream into [`ServerSentEvent`]s. Feed it chunks as they arrive.
#[derive(Debug, Default)]
pub struct EventDecoder {
    /// Bytes of a line not yet ended.
    pending: Vec<u8>,
    /// The last chunk ended in `\r`: a `\n` starting the next one belongs to that line end.
    after_carriage_return: bool,
    event: Option<String>,
    data: Option<String>,
    retry: Option<u64>,
    last_id: Option<String>,
}

impl EventDecoder {
    /// The events completed by `chunk`.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<ServerSentEvent> {
        let mut events = Vec::new();
        for &byte in chunk {
            if std::mem::take(&mut self.after_carriage_return) && byte == b'\n' {
                continue;
            }
            match byte {
                b'\n' | b'\r' => {
                    self.after_carriage_return = byte == b'\r';
                    let line = std::mem::take(&mut self.pending);
                    events.extend(self.line(&String::from_utf8_lossy(&line)));
                }
                other => self.pending.push(other),
            }
        }
        events
    }

    fn line(&mut self, line: &str) -> Option<ServerSentEvent> {
        if line.is_empty() {
            let data = self.data.take();
            let event = self.event.take();
            let retry = self.retry.take();
            return data.map(|data| ServerSentEvent { event, data, id: self.last_id.clone(), retry });
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = Some(value.to_owned()),
            "data" => match &mut self.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => self.data = Some(value.to_owned()),
            },
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            _ => {}
        }
        None
    }
}

/// Why an event did not become the spec's type.
#[derive(Debug)]
pub struct EventError {
    /// The event as received.
    pub event: ServerSentEvent,
    /// Why it did not decode.
    pub error: serde_json::Error,
}

impl std::fmt::Display for EventError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.event.event.as_deref().unwrap_or("message");
        write!(f, "the `{name}` event does not decode: {}", self.error)
    }
}

impl std::error::Error for EventError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Typed events of one stream: bytes in, `T`s out.
#[derive(Debug)]
pub struct Events<T> {
    decoder: EventDecoder,
    /// The spec's type describes the whole event (`event`, `data`, `id`, `retry`), not its data.
    whole: bool,
    done: bool,
    marker: std::marker::PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Events<T> {
    /// A stream whose events decode as `T`: from the JSON of their `data`, or, with `whole`,
    /// from an object of the event's fields (`data` parsed as JSON when it is JSON).
    #[must_use]
    pub fn new(whole: bool) -> Self {
        Self { decoder: EventDecoder::default(), whole, done: false, marker: std::marker::PhantomData }
    }

    /// Whether a `[DONE]` event ended the stream; later bytes are ignored.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The events `chunk` completes, each decoded.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Result<T, EventError>> {
        if self.done {
            return Vec::new();
        }
        let mut out = Vec::new();
        for event in self.decoder.push(chunk) {
            if event.data == "[DONE]" {
                self.done = true;
                break;
            }
            out.push(self.decode(event));
        }
        out
    }

    fn decode(&self, event: ServerSentEvent) -> Result<T, EventError> {
        let result = if self.whole {
            let data =
                serde_json::from_str(&event.data).unwrap_or_else(|_| serde_json::Value::from(event.data.clone()));
            let mut object = serde_json::Map::new();
            if let Some(name) = &event.event {
                object.insert("event".to_owned(), serde_json::Value::from(name.clone()));
            }
            object.insert("data".to_owned(), data);
            if let Some(id) = &event.id {
                object.insert("id".to_owned(), serde_json::Value::from(id.clone()));
            }
            if let Some(retry) = event.retry {
                object.insert("retry".to_owned(), serde_json::Value::from(retry));
            }
            serde_json::from_value(serde_json::Value::Object(object))
        } else {
            serde_json::from_str(&event.data)
        };
        result.map_err(|error| EventError { event, error })
    }
}
