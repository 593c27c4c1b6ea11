namespace SessionLab.Storage;

/// <summary>
/// Where studies and session logs are kept: embedded SQLite in a data folder by default, or PostgreSQL.
/// Relative paths are resolved against the app's content root.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string DataDirectory { get; set; } = "data";

    public string DatabaseFileName { get; set; } = "sessionlab.db";

    /// <summary>The SQLite database file, with a relative <see cref="DataDirectory"/> resolved against <paramref name="contentRoot"/>.</summary>
    public string SqliteDatabasePath(string contentRoot) => Path.Combine(Path.GetFullPath(DataDirectory, contentRoot), DatabaseFileName);

    /// <summary>An Npgsql connection string, used when <see cref="Provider"/> is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; set; }
}
