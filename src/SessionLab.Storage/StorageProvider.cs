namespace SessionLab.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
