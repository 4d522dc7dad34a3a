//! A database of its own for every test: a SQLite file, or a PostgreSQL database created
//! on the server `CCMS_TEST_DATABASE_URL` names. Dropped when the test ends.

use diesel::{Connection, PgConnection, RunQueryDsl};
use uuid::Uuid;

pub const TEST_DATABASE_URL: &str = "CCMS_TEST_DATABASE_URL";

pub enum TestDatabase {
    Sqlite {
        path: std::path::PathBuf,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDatabase {
    pub fn create() -> TestDatabase {
        let id = Uuid::now_v7().simple().to_string();
        match std::env::var(TEST_DATABASE_URL) {
            Ok(admin_url) if admin_url.starts_with("postgres") => {
                let name = format!("ccms_test_{id}");
                let mut admin = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("cannot reach {TEST_DATABASE_URL}: {e}"));
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .unwrap();
                let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap();
                let url = format!("{base}/{name}");
                TestDatabase::Postgres {
                    admin_url,
                    name,
                    url,
                }
            }
            _ => TestDatabase::Sqlite {
                path: std::env::temp_dir().join(format!("ccms-test-{id}.db")),
            },
        }
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite { path } => path.display().to_string(),
            TestDatabase::Postgres { url, .. } => url.clone(),
        }
    }

    /// Where the test's evidence files go: a folder of its own, removed with the database.
    pub fn evidence_dir(&self) -> std::path::PathBuf {
        let name = match self {
            TestDatabase::Sqlite { path } => path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default(),
            TestDatabase::Postgres { name, .. } => name.clone(),
        };
        std::env::temp_dir().join(format!("{name}-evidence"))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDatabase::Postgres { .. })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.evidence_dir());
        match self {
            TestDatabase::Sqlite { path } => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            TestDatabase::Postgres {
                admin_url, name, ..
            } => {
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut admin);
                }
            }
        }
    }
}
