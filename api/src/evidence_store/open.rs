//! Opening the store the settings name: `CCMS_EVIDENCE_STORE` (an `s3://bucket[/prefix]` URL,
//! with the endpoint, region and keys from the standard `AWS_*` variables or the URL's query),
//! or else the directory `CCMS_EVIDENCE_DIR`.

use std::sync::Arc;

use object_store::ObjectStore;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::local::LocalFileSystem;
use object_store::prefix::PrefixStore;

/// The store setting as given.
#[derive(Debug, Clone)]
pub struct StoreSetting {
    pub url: Option<String>,
    pub dir: std::path::PathBuf,
}

/// Why the store could not be opened (at start, so a bad setting stops the server at once).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("CCMS_EVIDENCE_DIR {0}: {1}")]
    Dir(String, String),
    #[error("CCMS_EVIDENCE_STORE: {0}")]
    Url(String),
}

impl StoreSetting {
    pub fn open(&self) -> Result<Arc<dyn ObjectStore>, OpenError> {
        match &self.url {
            Some(url) => s3(url),
            None => {
                let shown = self.dir.display().to_string();
                std::fs::create_dir_all(&self.dir)
                    .map_err(|e| OpenError::Dir(shown.clone(), e.to_string()))?;
                let local = LocalFileSystem::new_with_prefix(&self.dir)
                    .map_err(|e| OpenError::Dir(shown, e.to_string()))?;
                Ok(Arc::new(local))
            }
        }
    }
}

/// An S3-compatible store: `s3://bucket/prefix?endpoint=http://minio:9000&allow_http=true`.
/// Every query key must be one object_store knows (a typo is refused, not dropped).
fn s3(raw: &str) -> Result<Arc<dyn ObjectStore>, OpenError> {
    let url = url::Url::parse(raw).map_err(|e| OpenError::Url(e.to_string()))?;
    if url.scheme() != "s3" || url.host_str().is_none_or(str::is_empty) {
        return Err(OpenError::Url("expected s3://bucket[/prefix]".into()));
    }
    let bucket = url.host_str().unwrap_or_default().to_owned();
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
    for (key, value) in url.query_pairs() {
        let key: AmazonS3ConfigKey = key
            .to_ascii_lowercase()
            .parse()
            .map_err(|_| OpenError::Url(format!("unknown option {key:?}")))?;
        builder = builder.with_config(key, value.into_owned());
    }
    let s3 = builder.build().map_err(|e| OpenError::Url(e.to_string()))?;
    let prefix = url.path().trim_matches('/');
    Ok(if prefix.is_empty() {
        Arc::new(s3)
    } else {
        Arc::new(PrefixStore::new(s3, prefix))
    })
}
