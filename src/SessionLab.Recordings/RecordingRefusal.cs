using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionLab.Recordings;

/// <summary>
/// Why the recording's turn refused a chunk or a completion, carried back to the node that answers the request.
/// <see cref="LimitName"/> and <see cref="Limit"/> become a problem member when set; <see cref="MissingChunks"/> is
/// <c>missingChunks</c> when not empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.Server.Recordings.RecordingRefusal")]
public sealed record RecordingRefusal(RecordingErrorCode Code, string Detail, string? LimitName, long Limit, ImmutableArray<int> MissingChunks, long? UsedBytes = null)
{
    public static RecordingRefusal Of(RecordingErrorCode code, string detail) => new(code, detail, null, 0, []);

    public static RecordingRefusal OverLimit(RecordingErrorCode code, string detail, string limitName, long limit) => new(code, detail, limitName, limit, []);

    public static RecordingRefusal QuotaReached(StorageQuotaRefusal refusal) =>
        new(RecordingErrorCode.StorageQuotaReached, refusal.Detail, "limitBytes", refusal.LimitBytes, [], refusal.UsedBytes);

    public ProblemHttpResult ToProblem()
    {
        if (Code == RecordingErrorCode.StorageQuotaReached)
        {
            return RecordingProblems.QuotaReached(new StorageQuotaRefusal(UsedBytes ?? 0, Limit, Detail));
        }
        List<KeyValuePair<string, object?>> members = [];
        if (LimitName is not null)
        {
            members.Add(new(LimitName, Limit));
        }
        if (!MissingChunks.IsDefaultOrEmpty)
        {
            members.Add(new("missingChunks", MissingChunks.ToArray()));
        }
        return RecordingProblems.From(Code, Detail, members);
    }
}
