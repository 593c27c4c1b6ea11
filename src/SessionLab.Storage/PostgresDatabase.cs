using Npgsql;

namespace SessionLab.Storage;

/// <summary>
/// The PostgreSQL database behind the session log, studies and their versions, their view-only links and keys. Its tables are created when it is opened, before
/// anything reads them: every node of a cluster runs the same idempotent statements.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public PostgresDatabase(string connectionString)
    {
        DataSource = NpgsqlDataSource.Create(connectionString);
        Migrate();
    }

    public NpgsqlDataSource DataSource { get; }

    private void Migrate()
    {
        using var command = DataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS studies (
                id          text PRIMARY KEY,
                created_at  timestamptz NOT NULL,
                document    jsonb NOT NULL
            );
            CREATE TABLE IF NOT EXISTS study_versions (
                study_id    text    NOT NULL,
                version     integer NOT NULL,
                document    jsonb   NOT NULL,
                PRIMARY KEY (study_id, version)
            );
            CREATE TABLE IF NOT EXISTS sessions (
                id          text PRIMARY KEY,
                study_id    text NOT NULL,
                created_at  timestamptz NOT NULL
            );
            CREATE INDEX IF NOT EXISTS sessions_by_study ON sessions (study_id, created_at);
            CREATE TABLE IF NOT EXISTS session_events (
                session_id  text   NOT NULL,
                sequence    bigint NOT NULL,
                command_id  uuid   NOT NULL,
                recorded_at timestamptz NOT NULL,
                envelope    jsonb  NOT NULL,
                PRIMARY KEY (session_id, sequence),
                UNIQUE (session_id, command_id)
            );
            CREATE TABLE IF NOT EXISTS signing_keys (
                name        text  PRIMARY KEY,
                key         bytea NOT NULL
            );
            CREATE TABLE IF NOT EXISTS share_links (
                id          text        PRIMARY KEY,
                study_id    text        NOT NULL,
                scope       text        NOT NULL,
                session_id  text,
                note_id     uuid,
                tag         text,
                created_at  timestamptz NOT NULL,
                expires_at  timestamptz NOT NULL,
                revoked_at  timestamptz
            );
            CREATE INDEX IF NOT EXISTS share_links_by_study ON share_links (study_id, created_at);
            CREATE TABLE IF NOT EXISTS study_archive (
                study_id    text        PRIMARY KEY,
                archived_at timestamptz NOT NULL
            );
            """);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs extra schema statements owned by another feature (reports, recordings) idempotently.</summary>
    public async Task EnsureSchemaAsync(string createStatements, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(createStatements);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
