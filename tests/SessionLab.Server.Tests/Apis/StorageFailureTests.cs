using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Reports.Storage;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Tests.Apis;

/// <summary>
/// A store that cannot write (a full disk, a database that is down) is answered 503 storageUnavailable, never a bare
/// 500, and nothing is changed; the server goes on serving what it can.
/// </summary>
public sealed class StorageFailureTests : IDisposable
{
    private readonly SessionLabFactory _factory = new();
    private bool _failing;

    public StorageFailureTests()
    {
        _factory.TestServices = services =>
        {
            Decorate<IStudyStore>(services, inner => new FailingStudyStore(inner, () => _failing));
            Decorate<IFindingSeverityStore>(services, inner => new FailingSeverityStore(inner, () => _failing));
        };
    }

    [Fact]
    public async Task CreatingAStudyOnAFullDiskIsStorageUnavailableAndSavesNothing()
    {
        var studies = _factory.Services.GetRequiredService<IStudyStore>();
        var name = "Checkout " + Guid.NewGuid().ToString("N")[..8];
        _failing = true;

        var response = await (await _factory.MemberClientAsync()).PostAsJsonAsync("/api/studies", new
        {
            name,
            goal = "Can people pay?",
            tasks = new[] { new { title = "Pay", instructions = "Buy the book.", successCriteria = "Sees the receipt." } },
            tags = Array.Empty<object>(),
        });

        await AssertStorageUnavailableAsync(response);
        _failing = false;
        Assert.DoesNotContain(await studies.ListAsync(CancellationToken.None), s => s.Name == name);
        Assert.Equal(HttpStatusCode.Created, (await (await _factory.MemberClientAsync()).PostAsJsonAsync("/api/studies", new
        {
            name = "Checkout",
            goal = "Can people pay?",
            tasks = new[] { new { title = "Pay", instructions = "Buy the book.", successCriteria = "Sees the receipt." } },
            tags = Array.Empty<object>(),
        })).StatusCode);
    }

    [Fact]
    public async Task RatingAFindingWhenTheDatabaseFailsIsStorageUnavailableAndRatesNothing()
    {
        var study = await _factory.CreateStudyAsync();
        _failing = true;

        var response = await _factory.ClientWith(study.MemberToken).PutAsJsonAsync($"/api/studies/{study.Study.Id}/findings/confusion/severity", new { severity = 3 });

        await AssertStorageUnavailableAsync(response);
        _failing = false;
        Assert.Empty(await _factory.Services.GetRequiredService<IFindingSeverityStore>().ListAsync(study.Study.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientWith(study.MemberToken).GetAsync($"/api/studies/{study.Study.Id}")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    private static async Task AssertStorageUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("storageUnavailable", problem.GetProperty("code").GetString());
        Assert.Contains("nothing was changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> decorate)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.AddSingleton(sp => decorate((T)original.ImplementationFactory!(sp)));
    }

    private static SqliteException DiskFull() => new("SQLite Error 13: 'database or disk is full'.", 13);

    private sealed class FailingStudyStore(IStudyStore inner, Func<bool> failing) : IStudyStore
    {
        public Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken) => inner.GetAsync(studyId, cancellationToken);

        public Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task SaveAsync(Study study, CancellationToken cancellationToken) =>
            failing() ? throw DiskFull() : inner.SaveAsync(study, cancellationToken);

        public Task<Study?> GetVersionAsync(string studyId, int version, CancellationToken cancellationToken) => inner.GetVersionAsync(studyId, version, cancellationToken);

        public Task<IReadOnlyList<Study>> ListVersionsAsync(string studyId, CancellationToken cancellationToken) => inner.ListVersionsAsync(studyId, cancellationToken);

        public Task<bool> SaveNextVersionAsync(Study next, CancellationToken cancellationToken) =>
            failing() ? throw DiskFull() : inner.SaveNextVersionAsync(next, cancellationToken);
    }

    private sealed class FailingSeverityStore(IFindingSeverityStore inner, Func<bool> failing) : IFindingSeverityStore
    {
        public Task<IReadOnlyList<FindingSeverity>> ListAsync(string studyId, CancellationToken cancellationToken) => inner.ListAsync(studyId, cancellationToken);

        public Task SetAsync(FindingSeverity severity, CancellationToken cancellationToken) =>
            failing() ? throw new IOException("No space left on device") : inner.SetAsync(severity, cancellationToken);

        public Task<bool> ClearAsync(string studyId, string tag, CancellationToken cancellationToken) => inner.ClearAsync(studyId, tag, cancellationToken);
    }
}
