using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SessionLab.Reports;
using SessionLab.Reports.Storage;
using SessionLab.Storage;

namespace SessionLab.Bench.Reports;

/// <summary>
/// Generates one format from the store the way the endpoint and the command line do (load, build, export), in a fresh
/// process so that its peak working set belongs to this format alone: one cold run, then warm runs.
/// </summary>
internal static class FormatMeasurement
{
    private const int WarmRuns = 3;

    public static async Task<FormatFigures> RunAsync(string databasePath, string formatName)
    {
        if (!ReportFormatNames.TryParse(formatName, out var format))
        {
            throw new ArgumentException($"Unknown format {formatName}.", nameof(formatName));
        }
        var database = new SqliteDatabase(databasePath);
        await using var log = new SqliteSessionEventStore(database, NullLogger<SqliteSessionEventStore>.Instance);
        var service = new StudyReportService(new SqliteStudyStore(database), log, new SqliteFindingSeverityStore(database), TimeProvider.System);

        var (cold, allocated, size) = await OnceAsync(service, format);
        var coldPeak = PeakWorkingSet();
        var warm = new List<PhaseTimes>();
        for (var i = 0; i < WarmRuns; i++)
        {
            warm.Add((await OnceAsync(service, format)).Times);
        }
        return new FormatFigures(formatName, cold, Median(warm), allocated, coldPeak, PeakWorkingSet(), size);
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static async Task<(PhaseTimes Times, long Allocated, long Size)> OnceAsync(StudyReportService service, ReportFormat format)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var inputs = await service.LoadAsync(SyntheticStudy.StudyId, default) ?? throw new InvalidOperationException("The synthetic study is missing.");
        var load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var report = inputs.Build(DateTimeOffset.UtcNow);
        var build = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var document = ReportExporter.Export(report, format);
        var render = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return (new PhaseTimes(load, build, render, cpu), GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, document.Content.Length);
    }

    private static PhaseTimes Median(List<PhaseTimes> runs) => runs.OrderBy(r => r.Total).ElementAt(runs.Count / 2);
}
