//! Helpers shared by the CLI's integration tests.

/// A name no other test (or earlier run) uses: `prefix`, the process id and
/// the time in nanoseconds.
pub fn unique_name(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

/// Creates an empty database named after `prefix` on the PostgreSQL test
/// server (`NETRA_TEST_DATABASE_URL`, set up by `scripts/test`) and returns
/// its URL.
pub async fn fresh_postgres_database(prefix: &str) -> String {
    use sqlx::Connection as _;
    let server = std::env::var("NETRA_TEST_DATABASE_URL").expect(
        "NETRA_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL",
    );
    let name = unique_name(prefix);
    let mut conn = sqlx::PgConnection::connect(&server)
        .await
        .expect("connect to the PostgreSQL test server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create a test database");
    let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
    format!("{base}/{name}")
}
