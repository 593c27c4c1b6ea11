using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Options;
using SessionLab.Reports;
using SessionLab.Recordings;
using SessionLab.Storage;

namespace SessionLab.Server.Cli;

/// <summary>
/// The server executable doubles as the command line: <c>sessionlab report &lt;studyId&gt; --format html -o report.html</c>
/// and <c>sessionlab studies</c> read the configured store directly (the embedded SQLite database by default) without
/// starting the web server, so they work on a copied data folder and next to a running server alike.
/// </summary>
internal static class SessionLabCommandLine
{
    private const string ReportVerb = "report";
    private const string StudiesVerb = "studies";

    /// <summary>Only a leading verb selects the command line; anything else (no arguments, --urls, …) starts the server.</summary>
    public static bool IsCommand(string[] args) => args is [ReportVerb or StudiesVerb, ..];

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);

    private static RootCommand Build()
    {
        var studyId = new Argument<string>("studyId") { Description = "The study's id (see 'sessionlab studies')." };
        var format = new Option<ReportFormat?>("--format", "-f")
        {
            Description = "What to write (default: html).",
            CustomParser = result => ReportFormatNames.TryParse(result.Tokens[^1].Value, out var parsed) ? parsed : null,
        };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, [.. ReportFormatNames.All]);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write, or '-' for standard output. Default: the report's own file name in the current folder.",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "Where the team opens SessionLab, for clip links in the report. Default: SessionLab:PublicUrl from the configuration, else http://127.0.0.1:5080.",
        };
        var compareWith = new Option<string?>("--compare-with")
        {
            Description = "Another study (another round of this one) to compare with, task by task.",
        };
        var groupA = new Option<string?>("--group-a")
        {
            Description = "Compare two groups of this study's sessions: the first group's participants (P1,P2) or session ids. Needs --group-b.",
        };
        var groupB = new Option<string?>("--group-b") { Description = "The second group's participants or session ids; an empty list for none." };
        var groupAName = new Option<string?>("--group-a-name") { Description = $"What the report calls the first group (default: {SessionGroups.DefaultFirstName})." };
        var groupBName = new Option<string?>("--group-b-name") { Description = $"What the report calls the second group (default: {SessionGroups.DefaultSecondName})." };
        var reportData = DataOption();
        var report = new Command(ReportVerb, "Writes a study's report from what the store holds, running sessions included.")
        {
            studyId, format, output, reportData, baseUrl, compareWith, groupA, groupB, groupAName, groupBName,
        };
        report.SetAction((parse, cancellationToken) => ReportAsync(
            new ReportRequest(
                parse.GetRequiredValue(studyId), parse.GetValue(format) ?? ReportFormat.Html, parse.GetValue(output), parse.GetValue(reportData), parse.GetValue(baseUrl),
                parse.GetValue(compareWith), parse.GetValue(groupA), parse.GetValue(groupB), parse.GetValue(groupAName), parse.GetValue(groupBName)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));

        var studiesData = DataOption();
        var studies = new Command(StudiesVerb, "Lists the studies in the store: id, sessions and name.") { studiesData };
        studies.SetAction((parse, cancellationToken) => StudiesAsync(
            parse.GetValue(studiesData), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));

        return new RootCommand("SessionLab. Without a command, starts the server.") { report, studies };
    }

    private static Option<DirectoryInfo?> DataOption() => new("--data", "-d")
    {
        Description = "The data folder of the embedded store. Default: Storage:DataDirectory from the configuration ('data').",
    };

    /// <summary>What <c>sessionlab report</c> was asked for.</summary>
    private sealed record ReportRequest(
        string StudyId, ReportFormat Format, string? OutputPath, DirectoryInfo? Data, string? BaseUrl,
        string? CompareWith, string? GroupA, string? GroupB, string? GroupAName, string? GroupBName);

    private static async Task<int> ReportAsync(ReportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (studyId, format, outputPath, data, baseUrl, compareWith, groupA, groupB, groupAName, groupBName) = request;
        if ((groupA is null) != (groupB is null))
        {
            await error.WriteLineAsync($"Comparing groups needs both: give {(groupA is null ? "--group-a" : "--group-b")} too, a list of participants (P1,P2) or session ids.");
            return 1;
        }
        if (groupA is not null && !string.IsNullOrWhiteSpace(compareWith))
        {
            await error.WriteLineAsync("A report compares two studies (--compare-with) or two groups of sessions (--group-a and --group-b), not both at once.");
            return 1;
        }
        var groups = groupA is null ? null : SessionGroups.From(groupA, groupB, groupAName, groupBName);
        compareWith = string.IsNullOrWhiteSpace(compareWith) ? null : compareWith.Trim();
        if (compareWith == studyId)
        {
            await error.WriteLineAsync("--compare-with names the report's own study; name another round of it.");
            return 1;
        }
        await using var services = OpenStore(data, error);
        if (services is null)
        {
            return 1;
        }
        var appBase = ClipLinks.AppBase(baseUrl ?? services.GetRequiredService<IConfiguration>()["SessionLab:PublicUrl"] ?? "http://127.0.0.1:5080");
        if (appBase is null)
        {
            await error.WriteLineAsync($"--base-url must be an absolute http or https address, like https://sessionlab.example.org.");
            return 1;
        }
        ReportDocument? document;
        try
        {
            document = await services.GetRequiredService<StudyReportService>().ExportAsync(studyId, format, cancellationToken, appBase, compareWith, groups: groups);
        }
        catch (InvalidSessionGroupsException invalid)
        {
            await error.WriteLineAsync(invalid.Message);
            return 1;
        }
        if (document is null)
        {
            await error.WriteLineAsync(compareWith is null
                ? $"Study '{studyId}' does not exist in this store; 'sessionlab studies' lists those that do."
                : $"Study '{studyId}' or '{compareWith}' does not exist in this store; 'sessionlab studies' lists those that do.");
            return 1;
        }
        if (outputPath == "-")
        {
            // Text to a text stream: the byte order mark that helps spreadsheets open a CSV file means nothing in a pipe.
            await output.WriteAsync(new UTF8Encoding(false).GetString(document.Content.Span).TrimStart('\uFEFF'));
            return 0;
        }
        var path = Path.GetFullPath(outputPath ?? document.FileName);
        await File.WriteAllBytesAsync(path, document.Content, cancellationToken);
        await output.WriteLineAsync($"Wrote {path} ({document.Content.Length:N0} bytes).");
        return 0;
    }

    private static async Task<int> StudiesAsync(DirectoryInfo? data, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var services = OpenStore(data, error);
        if (services is null)
        {
            return 1;
        }
        var log = services.GetRequiredService<ISessionEventStore>();
        var studies = await services.GetRequiredService<IStudyStore>().ListAsync(cancellationToken);
        if (studies.Count == 0)
        {
            await output.WriteLineAsync("No studies yet.");
        }
        foreach (var study in studies)
        {
            var sessions = (await log.ListSessionIdsAsync(study.Id, cancellationToken)).Count;
            await output.WriteLineAsync($"{study.Id}\t{sessions} session{(sessions == 1 ? "" : "s")}\t{study.Name}");
        }
        return 0;
    }

    /// <summary>
    /// The stores as the server would configure them (appsettings.json, environment, Storage:*), with --data in place
    /// of the data folder; null when there is no embedded store there, rather than silently creating an empty one.
    /// </summary>
    private static ServiceProvider? OpenStore(DirectoryInfo? data, TextWriter error)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (data is not null)
        {
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = data.FullName;
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddStudyReports();
        builder.Services.AddRecordingCatalog();
        var services = builder.Services.BuildServiceProvider();
        try
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var database = options.SqliteDatabasePath(builder.Environment.ContentRootPath);
            if (options.Provider == StorageProvider.Sqlite && !File.Exists(database))
            {
                error.WriteLine($"No SessionLab store at {database}. Give the server's data folder with --data.");
                services.Dispose();
                return null;
            }
        }
        catch (OptionsValidationException invalid)
        {
            error.WriteLine(invalid.Message);
            services.Dispose();
            return null;
        }
        return services;
    }
}
