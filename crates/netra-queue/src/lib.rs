//! netra's NATS JetStream transport: `netra publish` puts canonical
//! activities on a stream, `netra worker`s take them off through one durable
//! pull consumer per election. This crate is the only one that knows NATS;
//! what a message means (an activity to keep, store and judge) is
//! `netra-app`'s business.
//!
//! Layout: one stream (default [`DEFAULT_STREAM`]) with work-queue retention
//! (a message is gone once a worker acknowledged it), subjects
//! `STREAM.activities.ELECTION` ([`Queue::subject`]), and JetStream's
//! de-duplication by message id, so publishing the same file twice within
//! the window stores each activity on the stream once. Delivery is
//! at least once: a worker acknowledges only after its store committed, and
//! the store's writes are idempotent.
//!
//! ```no_run
//! # async fn demo() -> Result<(), netra_queue::QueueError> {
//! let queue = netra_queue::Queue::connect("nats://127.0.0.1:4222", "NETRA").await?;
//! queue.ensure_stream().await?;
//! let subject = queue.subject("jakarta-2024");
//! let ack = queue
//!     .publish(&netra_queue::Outgoing {
//!         subject: subject.clone(),
//!         message_id: "jakarta-2024/x:1".into(),
//!         headers: vec![],
//!         payload: br#"{"id":"x:1"}"#.to_vec(),
//!     })
//!     .await?;
//! let published = ack.wait().await?;
//! let consumer = queue.consumer("jakarta-2024", std::time::Duration::from_secs(60)).await?;
//! for delivery in consumer.fetch(100).await? {
//!     println!("{} bytes", delivery.payload().len());
//!     delivery.ack().await?;
//! }
//! # let _ = published;
//! # Ok(()) }
//! ```

use std::time::Duration;

use async_nats::jetstream::{self, consumer, stream, AckKind};
use futures_util::StreamExt as _;

/// The stream `netra publish` and `netra worker` use unless told otherwise.
pub const DEFAULT_STREAM: &str = "NETRA";

/// The NATS server `netra` connects to unless told otherwise.
pub const DEFAULT_URL: &str = "nats://127.0.0.1:4222";

/// How long JetStream remembers a message id to drop a duplicate publish.
pub const DUPLICATE_WINDOW: Duration = Duration::from_secs(60 * 60);

/// What went wrong talking to NATS. Each variant names what netra was doing.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("cannot connect to NATS at {url}: {message}")]
    Connect { url: String, message: String },
    #[error("stream name {0:?} is not valid: use letters, digits, `-` and `_`")]
    BadStreamName(String),
    #[error("JetStream stream {stream}: {message}")]
    Stream { stream: String, message: String },
    #[error("JetStream consumer {consumer} on stream {stream}: {message}")]
    Consumer {
        stream: String,
        consumer: String,
        message: String,
    },
    #[error("publishing to {subject}: {message}")]
    Publish { subject: String, message: String },
    #[error("fetching messages from stream {stream}: {message}")]
    Fetch { stream: String, message: String },
    #[error("acknowledging message {sequence} of stream {stream}: {message}")]
    Ack {
        stream: String,
        sequence: u64,
        message: String,
    },
}

/// A connection to NATS and one JetStream stream.
#[derive(Clone)]
pub struct Queue {
    client: async_nats::Client,
    js: jetstream::Context,
    stream: String,
    url: String,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Queue")
            .field("url", &self.url)
            .field("stream", &self.stream)
            .finish_non_exhaustive()
    }
}

/// A message to publish.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub subject: String,
    /// JetStream's de-duplication id (`Nats-Msg-Id`).
    pub message_id: String,
    /// Extra headers (`Netra-Source`, …).
    pub headers: Vec<(&'static str, String)>,
    pub payload: Vec<u8>,
}

/// The server's answer to a publish, still to come.
pub struct PendingAck {
    inner: jetstream::context::PublishAckFuture,
    subject: String,
}

/// The server stored a published message (or had it already).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// Its sequence number in the stream.
    pub sequence: u64,
    /// The stream already held a message with this id (inside the
    /// de-duplication window): nothing was added.
    pub duplicate: bool,
}

impl PendingAck {
    /// Waits for the server's acknowledgement.
    pub async fn wait(self) -> Result<Published, QueueError> {
        let subject = self.subject;
        let ack = self.inner.await.map_err(|e| QueueError::Publish {
            subject,
            message: e.to_string(),
        })?;
        Ok(Published {
            sequence: ack.sequence,
            duplicate: ack.duplicate,
        })
    }
}

/// Where a pull consumer stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Messages not delivered yet.
    pub pending: u64,
    /// Messages delivered and not yet acknowledged (being worked on, or
    /// waiting for redelivery after a worker died).
    pub unacknowledged: u64,
    /// Messages delivered more than once.
    pub redelivered: u64,
}

impl Backlog {
    /// Nothing left to deliver or to acknowledge.
    pub fn is_empty(&self) -> bool {
        self.pending == 0 && self.unacknowledged == 0
    }
}

/// A durable pull consumer shared by every worker of one election.
pub struct Consumer {
    inner: consumer::PullConsumer,
    client: async_nats::Client,
    stream: String,
    name: String,
}

/// One delivered message.
pub struct Delivery {
    message: jetstream::Message,
    stream: String,
    sequence: u64,
    delivered: i64,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("stream", &self.stream)
            .field("sequence", &self.sequence)
            .field("subject", &self.subject())
            .field("delivered", &self.delivered)
            .finish_non_exhaustive()
    }
}

/// True for a name JetStream accepts as a stream or consumer name.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Queue {
    /// Connects to the NATS server at `url` for the stream `stream`.
    pub async fn connect(url: &str, stream: &str) -> Result<Queue, QueueError> {
        if !valid_name(stream) {
            return Err(QueueError::BadStreamName(stream.to_owned()));
        }
        let client = async_nats::ConnectOptions::new()
            .name("netra")
            .connection_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| QueueError::Connect {
                url: url.to_owned(),
                message: e.to_string(),
            })?;
        let js = jetstream::new(client.clone());
        Ok(Queue {
            client,
            js,
            stream: stream.to_owned(),
            url: url.to_owned(),
        })
    }

    /// The stream's name.
    pub fn stream(&self) -> &str {
        &self.stream
    }

    /// The subject of an election's activities: `STREAM.activities.ELECTION`.
    pub fn subject(&self, election_id: &str) -> String {
        format!("{}.activities.{election_id}", self.stream)
    }

    fn stream_error(&self, e: impl std::fmt::Display) -> QueueError {
        QueueError::Stream {
            stream: self.stream.clone(),
            message: e.to_string(),
        }
    }

    /// Creates the stream when it is missing (file storage, work-queue
    /// retention, [`DUPLICATE_WINDOW`]); an existing stream must carry the
    /// activity subjects.
    pub async fn ensure_stream(&self) -> Result<(), QueueError> {
        let subjects = format!("{}.activities.>", self.stream);
        let stream = self
            .js
            .get_or_create_stream(stream::Config {
                name: self.stream.clone(),
                description: Some("netra: canonical activities for netra worker".into()),
                subjects: vec![subjects.clone()],
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::File,
                duplicate_window: DUPLICATE_WINDOW,
                ..stream::Config::default()
            })
            .await
            .map_err(|e| self.stream_error(e))?;
        let info = stream.cached_info();
        if !info.config.subjects.contains(&subjects) {
            return Err(self.stream_error(format!(
                "exists without the subjects {subjects} (it has {:?}): choose another --stream",
                info.config.subjects
            )));
        }
        Ok(())
    }

    /// Sends one message; the returned [`PendingAck`] gives the server's
    /// answer. Several may be in flight at once.
    pub async fn publish(&self, m: &Outgoing) -> Result<PendingAck, QueueError> {
        let mut headers = async_nats::HeaderMap::new();
        for (name, value) in &m.headers {
            headers.insert(*name, value.as_str());
        }
        let message = jetstream::message::PublishMessage::build()
            .payload(m.payload.clone().into())
            .headers(headers)
            .message_id(&m.message_id);
        let inner = self
            .js
            .send_publish(m.subject.clone(), message)
            .await
            .map_err(|e| QueueError::Publish {
                subject: m.subject.clone(),
                message: e.to_string(),
            })?;
        Ok(PendingAck {
            inner,
            subject: m.subject.clone(),
        })
    }

    /// The durable pull consumer of an election's activities
    /// (`netra-worker-ELECTION`), created when missing; its ack wait is
    /// set to `ack_wait` (how long a delivered message may stay
    /// unacknowledged before it goes to another worker).
    pub async fn consumer(
        &self,
        election_id: &str,
        ack_wait: Duration,
    ) -> Result<Consumer, QueueError> {
        let name = format!("netra-worker-{election_id}");
        let consumer_error = |e: &dyn std::fmt::Display| QueueError::Consumer {
            stream: self.stream.clone(),
            consumer: name.clone(),
            message: e.to_string(),
        };
        if !valid_name(&name) {
            return Err(consumer_error(
                &"the election id makes no valid consumer name",
            ));
        }
        let stream = self
            .js
            .get_stream(&self.stream)
            .await
            .map_err(|e| self.stream_error(e))?;
        let config = consumer::pull::Config {
            durable_name: Some(name.clone()),
            description: Some("netra worker".into()),
            filter_subject: self.subject(election_id),
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait,
            max_ack_pending: 10_000,
            ..consumer::pull::Config::default()
        };
        let inner: consumer::PullConsumer = stream
            .get_or_create_consumer(&name, config.clone())
            .await
            .map_err(|e| consumer_error(&e))?;
        let inner = if inner.cached_info().config.ack_wait == ack_wait {
            inner
        } else {
            stream
                .update_consumer(config)
                .await
                .map_err(|e| consumer_error(&e))?
        };
        Ok(Consumer {
            inner,
            client: self.client.clone(),
            stream: self.stream.clone(),
            name,
        })
    }

    /// Waits until everything sent has reached the server.
    pub async fn flush(&self) -> Result<(), QueueError> {
        self.client.flush().await.map_err(|e| self.stream_error(e))
    }
}

impl Consumer {
    /// The consumer's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Up to `max` messages that are ready now (none when the stream has
    /// nothing for this consumer: the caller waits and asks again).
    pub async fn fetch(&self, max: usize) -> Result<Vec<Delivery>, QueueError> {
        let fetch_error = |e: &dyn std::fmt::Display| QueueError::Fetch {
            stream: self.stream.clone(),
            message: e.to_string(),
        };
        let mut batch = self
            .inner
            .fetch()
            .max_messages(max.max(1))
            .expires(Duration::from_secs(2))
            .messages()
            .await
            .map_err(|e| fetch_error(&e))?;
        let mut out = Vec::new();
        while let Some(m) = batch.next().await {
            let message = m.map_err(|e| fetch_error(&e))?;
            let (sequence, delivered) = message
                .info()
                .map_or((0, 1), |i| (i.stream_sequence, i.delivered));
            out.push(Delivery {
                message,
                stream: self.stream.clone(),
                sequence,
                delivered,
            });
        }
        Ok(out)
    }

    /// Where the consumer stands (asks the server).
    pub async fn backlog(&self) -> Result<Backlog, QueueError> {
        let info = self
            .inner
            .get_info()
            .await
            .map_err(|e| QueueError::Consumer {
                stream: self.stream.clone(),
                consumer: self.name.clone(),
                message: e.to_string(),
            })?;
        Ok(Backlog {
            pending: info.num_pending,
            unacknowledged: info.num_ack_pending as u64,
            redelivered: info.num_redelivered as u64,
        })
    }

    /// Waits until every acknowledgement sent has reached the server.
    pub async fn flush(&self) -> Result<(), QueueError> {
        self.client.flush().await.map_err(|e| QueueError::Fetch {
            stream: self.stream.clone(),
            message: e.to_string(),
        })
    }
}

impl Delivery {
    /// The subject it was published to.
    pub fn subject(&self) -> &str {
        self.message.subject.as_str()
    }

    /// Its body.
    pub fn payload(&self) -> &[u8] {
        &self.message.payload
    }

    /// A header's value (`Netra-Source`, `Nats-Msg-Id`, …).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.message
            .headers
            .as_ref()
            .and_then(|h| h.get(name))
            .map(async_nats::HeaderValue::as_str)
    }

    /// Its sequence number in the stream.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// How many times it was delivered (1 the first time).
    pub fn delivered(&self) -> i64 {
        self.delivered
    }

    /// The stream it came from.
    pub fn stream(&self) -> &str {
        &self.stream
    }

    async fn send(&self, kind: AckKind) -> Result<(), QueueError> {
        self.message
            .ack_with(kind)
            .await
            .map_err(|e| QueueError::Ack {
                stream: self.stream.clone(),
                sequence: self.sequence,
                message: e.to_string(),
            })
    }

    /// Done: the stream drops it.
    pub async fn ack(&self) -> Result<(), QueueError> {
        self.send(AckKind::Ack).await
    }

    /// It can never be processed (e.g. not an activity): never delivered again.
    pub async fn term(&self) -> Result<(), QueueError> {
        self.send(AckKind::Term).await
    }

    /// Not done: deliver it again (to any worker) right away.
    pub async fn nak(&self) -> Result<(), QueueError> {
        self.send(AckKind::Nak(None)).await
    }

    /// Still working on it: the ack wait starts again.
    pub async fn in_progress(&self) -> Result<(), QueueError> {
        self.send(AckKind::Progress).await
    }
}

#[cfg(test)]
mod tests {
    use super::valid_name;

    #[test]
    fn stream_and_consumer_names_are_checked() {
        for (name, ok) in [
            ("NETRA", true),
            ("netra-worker-jakarta-2024", true),
            ("a_b", true),
            ("", false),
            ("a.b", false),
            ("a b", false),
            ("a*", false),
            ("a>", false),
        ] {
            assert_eq!(valid_name(name), ok, "{name}");
        }
    }
}
