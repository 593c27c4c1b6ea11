using Microsoft.Data.Sqlite;
using SessionLab.Storage.Sharing;

namespace SessionLab.Storage.Tests.Sharing;

public sealed class SqliteShareLinkStoreTests : ShareLinkStoreContract
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "sessionlab-share-tests", Guid.NewGuid().ToString("N"), "sessionlab.db");
    private SqliteShareLinkStore _store = null!;

    protected override IShareLinkStore Store => _store;

    public override Task InitializeAsync()
    {
        _store = new SqliteShareLinkStore(new SqliteDatabase(_path));
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task ReopenAsync()
    {
        SqliteConnection.ClearAllPools();
        _store = new SqliteShareLinkStore(new SqliteDatabase(_path));
        return Task.CompletedTask;
    }
}
