namespace SessionLab.Sessions.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
