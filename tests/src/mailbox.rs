//! A real SMTP server on loopback (`mailin-embedded`), keeping every message it accepts, so a
//! test reads what CCMS's SMTP client sent as a mail server would receive it.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mailin_embedded::response::OK;
use mailin_embedded::{Handler, Response, Server, SslConfig};

/// One message as it arrived: the envelope and the raw message.
#[derive(Debug, Clone, Default)]
pub struct Delivered {
    pub from: String,
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Delivered {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.raw).unwrap()
    }
}

#[derive(Clone)]
struct Taker {
    kept: Arc<Mutex<Vec<Delivered>>>,
    current: Delivered,
}

impl Handler for Taker {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Delivered {
            from: from.to_owned(),
            to: to.to_vec(),
            raw: Vec::new(),
        };
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.raw.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let done = std::mem::take(&mut self.current);
        self.kept.lock().unwrap().push(done);
        OK
    }
}

pub struct Mailbox {
    /// `smtp://127.0.0.1:PORT`, as `CCMS_SMTP_URL` takes it.
    pub url: String,
    kept: Arc<Mutex<Vec<Delivered>>>,
}

impl Mailbox {
    /// Listens on a free port of loopback, in a thread of its own for the rest of the test.
    pub fn start() -> Mailbox {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let kept = Arc::new(Mutex::new(Vec::new()));
        let taker = Taker {
            kept: kept.clone(),
            current: Delivered::default(),
        };
        let mut server = Server::new(taker);
        server
            .with_name("mail.test")
            .with_ssl(SslConfig::None)
            .unwrap()
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(error) = server.serve() {
                log::error!("test mail server: {error}");
            }
        });
        Mailbox { url, kept }
    }

    pub fn messages(&self) -> Vec<Delivered> {
        self.kept.lock().unwrap().clone()
    }
}
