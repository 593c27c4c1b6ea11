namespace SessionLab.Reports;

/// <summary>
/// An observed value against a published benchmark. <see cref="PValue"/> is one-sided, in the direction observed: the
/// chance of a result at least this far above (or below) the benchmark if the true value were exactly the benchmark.
/// It is null when no test can run (one value, or values that do not vary).
/// </summary>
public sealed record BenchmarkComparison(double Observed, double Benchmark, int Count, double? PValue)
{
    public bool Above => Observed > Benchmark;
}
