using Microsoft.Data.Sqlite;

namespace SessionLab.Storage;

/// <summary>
/// The embedded SQLite database: WAL mode with synchronous=FULL, so a committed transaction survives a crash
/// or power loss, and readers never block the single writer.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
    }

    public string DatabasePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs extra schema statements owned by another feature (reports, recordings) idempotently.</summary>
    public void EnsureSchema(string createStatements)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = createStatements;
        command.ExecuteNonQuery();
    }

    private void Migrate()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS studies (
                id          TEXT PRIMARY KEY,
                created_at  TEXT NOT NULL,
                document    TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS study_versions (
                study_id    TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                document    TEXT    NOT NULL,
                PRIMARY KEY (study_id, version)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS sessions (
                id          TEXT PRIMARY KEY,
                study_id    TEXT NOT NULL,
                created_at  TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS sessions_by_study ON sessions (study_id, created_at);
            CREATE TABLE IF NOT EXISTS session_events (
                session_id  TEXT    NOT NULL,
                sequence    INTEGER NOT NULL,
                command_id  TEXT    NOT NULL,
                recorded_at TEXT    NOT NULL,
                envelope    TEXT    NOT NULL,
                PRIMARY KEY (session_id, sequence),
                UNIQUE (session_id, command_id)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS signing_keys (
                name        TEXT PRIMARY KEY,
                key         BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS share_links (
                id          TEXT PRIMARY KEY,
                study_id    TEXT NOT NULL,
                scope       TEXT NOT NULL,
                session_id  TEXT,
                note_id     TEXT,
                tag         TEXT,
                created_at  TEXT NOT NULL,
                expires_at  TEXT NOT NULL,
                revoked_at  TEXT
            );
            CREATE INDEX IF NOT EXISTS share_links_by_study ON share_links (study_id, created_at);
            CREATE TABLE IF NOT EXISTS study_archive (
                study_id    TEXT PRIMARY KEY,
                archived_at TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }
}
