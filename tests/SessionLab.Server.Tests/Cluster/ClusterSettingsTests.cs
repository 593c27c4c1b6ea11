namespace SessionLab.Server.Tests.Cluster;

public sealed class ClusterSettingsTests
{
    [Fact]
    public async Task AClusterNodeOnSqliteRefusesToStartAndSaysWhy()
    {
        var data = Directory.CreateTempSubdirectory("sessionlab-refused-").FullName;
        await using var node = LocalServerProcess.Start("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "sessionlab.dll"),
            "--urls", "http://127.0.0.1:0",
            $"--Storage:DataDirectory={data}",
            "--Cluster:Provider=Redis",
            "--Cluster:ConnectionString=127.0.0.1:1",
        ]);

        var line = await node.WaitForLineAsync(l => l.StartsWith("SessionLab cannot start", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("Storage:Provider=Postgres", line, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", node.Output, StringComparison.OrdinalIgnoreCase);
        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData("Redis", "", "Cluster:ConnectionString is required")]
    [InlineData("Localhost", "", null)]
    public void ClusterSettingsSayWhatIsMissing(string provider, string connectionString, string? problem)
    {
        var options = new SessionLab.Server.Cluster.ClusterHostingOptions
        {
            Provider = Enum.Parse<SessionLab.Server.Cluster.ClusterProvider>(provider),
            ConnectionString = connectionString,
        };

        var found = options.Problem(new SessionLab.Storage.StorageOptions { Provider = SessionLab.Storage.StorageProvider.Postgres, PostgresConnectionString = "Host=db" });

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }
}
