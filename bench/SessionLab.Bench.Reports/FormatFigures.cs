namespace SessionLab.Bench.Reports;

/// <summary>One format measured in a process of its own: each phase of the first (cold) run and the median of the warm runs.</summary>
internal sealed record FormatFigures(
    string Format,
    PhaseTimes Cold,
    PhaseTimes Warm,
    long AllocatedBytes,
    long PeakWorkingSetBytes,
    long OutputBytes);
