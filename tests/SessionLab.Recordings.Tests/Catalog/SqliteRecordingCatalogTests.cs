using SessionLab.Recordings;
using SessionLab.Storage;

namespace SessionLab.Recordings.Tests.Catalog;

public sealed class SqliteRecordingCatalogTests : RecordingCatalogContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessionlab-catalog-").FullName;

    protected override Task<IRecordingCatalog> CreateCatalogAsync() =>
        Task.FromResult<IRecordingCatalog>(new SqliteRecordingCatalog(new SqliteDatabase(Path.Combine(_folder, "sessionlab.db"))));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
