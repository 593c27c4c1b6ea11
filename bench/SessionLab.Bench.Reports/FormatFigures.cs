namespace SessionLab.Bench.Reports;

/// <summary>
/// One format measured in a process of its own: each phase of the first (cold) run and the median of the warm runs; the
/// peak working set after the first run (what a one-off command line needs) and after all of them (a server that
/// keeps making reports).
/// </summary>
internal sealed record FormatFigures(
    string Format,
    PhaseTimes Cold,
    PhaseTimes Warm,
    long AllocatedBytes,
    long ColdPeakWorkingSetBytes,
    long PeakWorkingSetBytes,
    long OutputBytes);
