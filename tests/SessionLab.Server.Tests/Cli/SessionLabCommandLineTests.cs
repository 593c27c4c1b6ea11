using System.Diagnostics;
using System.Text;
using SessionLab.Server.Cli;
using SessionLab.Server.Tests.Reports;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Cli;

/// <summary>The command line reads the same embedded store the server writes, here while that server is running.</summary>
public sealed class SessionLabCommandLineTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessionlab-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("html", "report.html", "Average score 87.5 of 100")]
    [InlineData("markdown", "report.md", "| #confusion | unrated | 2 of 3")]
    [InlineData("csv-notes", "notes.csv", "\"'=HYPERLINK(\"\"http://evil.example\"\"")]
    [InlineData("json", "metrics.json", "\"successes\": 2")]
    public async Task TheReportVerbWritesTheChosenFormatFromTheEmbeddedStore(string format, string fileName, string expected)
    {
        var study = await CheckoutStudy.RunAsync(factory);
        var path = Path.Combine(_folder, fileName);

        var (exitCode, output, error) = await RunAsync("report", study.Id, "--format", format, "-o", path, "--data", factory.DataDirectory);

        Assert.Equal((0, ""), (exitCode, error));
        Assert.Contains($"Wrote {path}", output);
        Assert.Contains(expected, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task ADashAsOutputWritesTheReportToStandardOutput()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var (exitCode, output, _) = await RunAsync("report", study.Id, "-f", "csv-attempts", "-o", "-", "-d", factory.DataDirectory);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("session_id,participant,task_id,", output);
        Assert.Equal(7, output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task TheReportVerbComparesTwoGroupsOfSessionsAsTheApiDoes()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var (exitCode, output, error) = await RunAsync("report", study.Id, "-f", "markdown", "-o", "-", "--data", factory.DataDirectory,
            "--group-a", "P1,P2", "--group-b", "P3", "--group-b-name", "returning shoppers");

        Assert.True(exitCode == 0, error);
        Assert.Contains("### Group A (P1, P2) compared with returning shoppers (P3)", output, StringComparison.Ordinal);
        Assert.Contains("- **Find a product**: Completion 2 of 2 (100%) against 0 of 1 (0%) in returning shoppers (P3)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReportVerbRefusesGroupsThatNameNoSessionSayingWhich()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var unknown = await RunAsync("report", study.Id, "-o", "-", "--data", factory.DataDirectory, "--group-a", "P1", "--group-b", "P7");
        var half = await RunAsync("report", study.Id, "-o", "-", "--data", factory.DataDirectory, "--group-a", "P1");

        Assert.Equal((1, "'P7' in group B is neither a participant alias nor a session id of this study."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal(1, half.ExitCode);
        Assert.Contains("give --group-b too", half.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStudiesVerbListsEachStudysIdSessionCountAndName()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var (exitCode, output, _) = await RunAsync("studies", "--data", factory.DataDirectory);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{study.Id}\t3 sessions\tCheckout", output.Split(Environment.NewLine));
    }

    [Fact]
    public async Task AnUnknownStudyFailsWithAMessageAndWritesNoFile()
    {
        await CheckoutStudy.CreateStudyAsync(factory);
        var path = Path.Combine(_folder, "report.html");

        var (exitCode, _, error) = await RunAsync("report", "st_missing", "-o", path, "--data", factory.DataDirectory);

        Assert.Equal(1, exitCode);
        Assert.Contains("Study 'st_missing' does not exist", error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task AFolderWithoutAStoreFailsWithoutCreatingOne()
    {
        var missing = Path.Combine(_folder, "not-a-data-folder");

        var (exitCode, _, error) = await RunAsync("studies", "--data", missing);

        Assert.Equal(1, exitCode);
        Assert.Contains("No SessionLab store", error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task TheServerExecutableRunsTheVerbAndExitsWithoutStartingTheServer()
    {
        var study = await CheckoutStudy.RunAsync(factory);
        var path = Path.Combine(_folder, "from-process.html");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[] { typeof(Program).Assembly.Location, "report", study.Id, "--format", "html", "-o", path, "--data", factory.DataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((0, ""), (process.ExitCode, await error));
        Assert.DoesNotContain("listening", await output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>Checkout: usability test report</title>", await File.ReadAllTextAsync(path));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        Assert.True(SessionLabCommandLine.IsCommand(args));
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        var exitCode = await SessionLabCommandLine.RunAsync(args, output, error, default).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, output.ToString(), error.ToString());
    }
}
