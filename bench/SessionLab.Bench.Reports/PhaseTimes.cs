namespace SessionLab.Bench.Reports;

/// <summary>
/// Seconds spent loading (study, event logs, fold, severities), building the report and rendering one format, and the
/// processor time all of it took (every thread, the GC's included): on a shared machine the wall times move with the
/// neighbours' load, the processor time much less.
/// </summary>
internal sealed record PhaseTimes(double Load, double Build, double Render, double Cpu)
{
    public double Total => Load + Build + Render;
}
