using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SessionLab.Bench.Reports;
using SessionLab.Reports;
using SessionLab.Reports.Storage;
using SessionLab.Storage;

// dotnet run -c Release --project bench/SessionLab.Bench.Reports [-- --sessions 200 --tasks 8 --notes 500] [--keep <folder>]
// Generates the synthetic study into a fresh embedded store, then measures each format in a child process of its own.
// With --keep, the store stays in that folder and a later run with the same folder measures it again without regenerating.
// A child is started as: measure <format> <database path>, and prints its figures as one JSON line.
if (args is ["measure", var childFormat, var childDatabase])
{
    Console.WriteLine(JsonSerializer.Serialize(await FormatMeasurement.RunAsync(childDatabase, childFormat)));
    return 0;
}

var sessions = Option("--sessions", 200);
var tasks = Option("--tasks", 8);
var notes = Option("--notes", 500);
var keep = Array.IndexOf(args, "--keep") is var k and >= 0 && k + 1 < args.Length ? Path.GetFullPath(args[k + 1]) : null;
var folder = keep ?? Directory.CreateTempSubdirectory("sessionlab-bench-reports-").FullName;
var databasePath = Path.Combine(folder, "sessionlab.db");
try
{
    if (File.Exists(databasePath))
    {
        Console.WriteLine($"Measuring the synthetic study kept in {folder}.");
    }
    else
    {
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        var (sessionCount, eventCount) = await SyntheticStudy.WriteAsync(databasePath, sessions, tasks, notes);
        var written = clock.Elapsed.TotalSeconds;
        // A few ratings, so findings are ordered by severity as in a real study.
        var severities = new SqliteFindingSeverityStore(new SqliteDatabase(databasePath));
        foreach (var (tag, severity) in new[] { ("checkout", 4), ("confusion", 3), ("nav", 2), ("copy", 1) })
        {
            await severities.SetAsync(new FindingSeverity(SyntheticStudy.StudyId, tag, severity, DateTimeOffset.UtcNow, "Bench"), default);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"Synthetic study: {sessionCount} sessions × {tasks} tasks × {notes} notes = {eventCount:N0} events, " +
            $"{new FileInfo(databasePath).Length / 1e6:F0} MB of SQLite, written in {written:F1} s.");
    }
    Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()} at the start.");
    Console.WriteLine();
    Console.WriteLine("Each format in a fresh process: warm wall times are the median of 3 runs after the first, with the processor time of that run;");
    Console.WriteLine("the first (cold: JIT, first use of the JSON and Markdown machinery) run's in brackets. Allocated bytes are the cold run's;");
    Console.WriteLine("the peak working set is the process's after the first run (a one-off command line) and after all four (a server making reports).");
    Console.WriteLine();
    Console.WriteLine($"{"format",-13} {"load",8} {"build",8} {"render",8} {"total",8} {"cpu",8} {"(cold)",9} {"(cpu)",9} {"allocated",10} {"peak WS",9} {"(after 4)",10} {"output",9}");
    FormatFigures? html = null;
    foreach (var format in ReportFormatNames.All)
    {
        var figures = await MeasureInChildAsync(format, databasePath);
        html ??= format == "html" ? figures : null;
        Console.WriteLine($"{format,-13} {Seconds(figures.Warm.Load),8} {Seconds(figures.Warm.Build),8} {Seconds(figures.Warm.Render),8} " +
            $"{Seconds(figures.Warm.Total),8} {Seconds(figures.Warm.Cpu),8} {"(" + Seconds(figures.Cold.Total) + ")",9} {"(" + Seconds(figures.Cold.Cpu) + ")",9} {Megabytes(figures.AllocatedBytes),10} " +
            $"{Megabytes(figures.ColdPeakWorkingSetBytes),9} {"(" + Megabytes(figures.PeakWorkingSetBytes) + ")",10} {Megabytes(figures.OutputBytes),9}");
    }
    Console.WriteLine();
    Console.WriteLine($"Load average {LoadAverage()} at the end.");
    Console.WriteLine($"Aim, HTML under 2 s and under 500 MB: warm {Verdict(html!.Warm.Total)}, cold {Verdict(html.Cold.Total)}; peak working set " +
        $"{Megabytes(html.ColdPeakWorkingSetBytes)} after one report, {Megabytes(html.PeakWorkingSetBytes)} after four, {(html.PeakWorkingSetBytes < 500e6 ? "under" : "OVER")} 500 MB.");
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (keep is null)
    {
        Directory.Delete(folder, recursive: true);
    }
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task<FormatFigures> MeasureInChildAsync(string format, string databasePath)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
    // Under `dotnet <dll>` the process is the muxer: name the entry assembly first.
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(FormatMeasurement).Assembly.Location);
    }
    foreach (var argument in new[] { "measure", format, databasePath })
    {
        start.ArgumentList.Add(argument);
    }
    using var child = Process.Start(start)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"Measuring {format} failed with exit code {child.ExitCode}.");
    }
    return JsonSerializer.Deserialize<FormatFigures>(output.Trim().Split('\n')[^1])!;
}

static string Verdict(double seconds) => $"{Seconds(seconds)} {(seconds < 2 ? "under" : "OVER")} 2 s";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

static string Seconds(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

static string Megabytes(long bytes) => (bytes / 1e6).ToString("F0", CultureInfo.InvariantCulture) + " MB";
