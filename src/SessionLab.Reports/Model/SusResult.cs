using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>One participant's SUS, or nulls when they have not answered (yet).</summary>
public sealed record SusResult(
    string SessionId,
    ImmutableArray<int>? Responses,
    double? Score,
    SusGrade? Grade,
    double? PercentileRank);
