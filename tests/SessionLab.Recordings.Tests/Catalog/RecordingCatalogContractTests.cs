using System.Data.Common;
using SessionLab.Recordings;
using SessionLab.Recordings.Tests;

namespace SessionLab.Recordings.Tests.Catalog;

/// <summary>
/// What every <see cref="IRecordingCatalog"/> must do, run against each store by a derived class. Each test gets a
/// catalog over a database of its own, with the schema created as the start-up migration creates it.
/// </summary>
public abstract class RecordingCatalogContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 3, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    protected CancellationToken Token => _timeout.Token;

    protected IRecordingCatalog Catalog { get; private set; } = null!;

    /// <summary>A catalog over a fresh, empty database; its schema is not created yet.</summary>
    protected abstract Task<IRecordingCatalog> CreateCatalogAsync();

    public virtual async Task InitializeAsync()
    {
        Catalog = await CreateCatalogAsync().WaitAsync(TestTimeouts.Startup);
        await Catalog.CreateSchemaAsync(Token).WaitAsync(TestTimeouts.Step);
    }

    public virtual Task DisposeAsync()
    {
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARecordingReadsBackExactlyAsItWasAdded()
    {
        var uploading = NewRecording(NewSessionId(), Start);
        var uploaded = NewRecording(NewSessionId(), Start.AddHours(1)) with
        {
            Kind = RecordingKind.UploadedFile,
            ContentType = "video/mp4",
            ClockOffsetMs = -2500,
            DurationMs = null,
            ExpectedBytes = null,
            Status = RecordingStatus.Complete,
            Bytes = 5_000_000_000,
            ChunkCount = 600,
            CompletedAt = Start.AddHours(2),
            CaptureStartedAt = null,
        };

        await Catalog.AddAsync(uploading, Token).WaitAsync(TestTimeouts.Step);
        await Catalog.AddAsync(uploaded, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(uploading, await Catalog.FindAsync(uploading.SessionId, uploading.Id, Token).WaitAsync(TestTimeouts.Step));
        Assert.Equal(uploaded, await Catalog.FindAsync(uploaded.SessionId, uploaded.Id, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ARecordingIsFoundOnlyThroughItsOwnSession()
    {
        var recording = NewRecording(NewSessionId(), Start);
        await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);

        Assert.Null(await Catalog.FindAsync(NewSessionId(), recording.Id, Token).WaitAsync(TestTimeouts.Step));
        Assert.Null(await Catalog.FindAsync(recording.SessionId, "rec_missing", Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ListingGivesOnlyTheSessionsRecordingsOldestFirst()
    {
        var sessionId = NewSessionId();
        var late = NewRecording(sessionId, Start.AddMinutes(30));
        var early = NewRecording(sessionId, Start);
        var middle = NewRecording(sessionId, Start.AddMinutes(5));
        foreach (var recording in new[] { late, NewRecording(NewSessionId(), Start.AddMinutes(1)), early, middle })
        {
            await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);
        }

        var listed = await Catalog.ListAsync(sessionId, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal([early.Id, middle.Id, late.Id], listed.Select(r => r.Id));
        Assert.Empty(await Catalog.ListAsync(NewSessionId(), Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task CompletingMarksTheRecordingOnceAndARetryChangesNothing()
    {
        var recording = NewRecording(NewSessionId(), Start);
        await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);

        var first = await Catalog.CompleteAsync(recording.Id, 4096, 3, 61_000, Start.AddMinutes(2), Token).WaitAsync(TestTimeouts.Step);
        var retry = await Catalog.CompleteAsync(recording.Id, 9999, 9, 99_000, Start.AddMinutes(3), Token).WaitAsync(TestTimeouts.Step);

        Assert.True(first);
        Assert.False(retry);
        Assert.Equal(
            recording with { Status = RecordingStatus.Complete, Bytes = 4096, ChunkCount = 3, DurationMs = 61_000, CompletedAt = Start.AddMinutes(2) },
            await Catalog.FindAsync(recording.SessionId, recording.Id, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task CompletingWithoutADurationKeepsTheOneAnnounced()
    {
        var recording = NewRecording(NewSessionId(), Start);
        await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);

        await Catalog.CompleteAsync(recording.Id, 10, 1, durationMs: null, Start.AddMinutes(1), Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(recording.DurationMs, (await Catalog.FindAsync(recording.SessionId, recording.Id, Token).WaitAsync(TestTimeouts.Step))!.DurationMs);
    }

    [Fact]
    public async Task CompletingARecordingThatDoesNotExistReportsFalse()
    {
        Assert.False(await Catalog.CompleteAsync("rec_missing", 10, 1, null, Start, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task UpdatingTheTimingChangesOnlyWhatIsGivenAndAGivenOffsetReplacesTheCaptureStart()
    {
        var recording = NewRecording(NewSessionId(), Start);
        var other = NewRecording(recording.SessionId, Start);
        await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);
        await Catalog.AddAsync(other, Token).WaitAsync(TestTimeouts.Step);

        await Catalog.UpdateTimingAsync(recording.Id, clockOffsetMs: null, durationMs: 12_345, Token).WaitAsync(TestTimeouts.Step);
        var durationOnly = await Catalog.FindAsync(recording.SessionId, recording.Id, Token).WaitAsync(TestTimeouts.Step);
        await Catalog.UpdateTimingAsync(recording.Id, clockOffsetMs: 7000, durationMs: null, Token).WaitAsync(TestTimeouts.Step);
        var offsetToo = await Catalog.FindAsync(recording.SessionId, recording.Id, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(recording with { DurationMs = 12_345 }, durationOnly);
        Assert.Equal(recording with { ClockOffsetMs = 7000, DurationMs = 12_345, CaptureStartedAt = null }, offsetToo);
        Assert.Equal(other, await Catalog.FindAsync(other.SessionId, other.Id, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ClipWindowsAreKeptPerNoteOfTheSessionAndASecondOneReplacesTheFirst()
    {
        var sessionId = NewSessionId();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await Catalog.SetClipWindowAsync(sessionId, first, new ClipWindow(5000, 6000), Token).WaitAsync(TestTimeouts.Step);
        await Catalog.SetClipWindowAsync(sessionId, second, new ClipWindow(0, 1000), Token).WaitAsync(TestTimeouts.Step);
        await Catalog.SetClipWindowAsync(sessionId, first, new ClipWindow(1500, 2500), Token).WaitAsync(TestTimeouts.Step);
        await Catalog.SetClipWindowAsync(NewSessionId(), second, new ClipWindow(9000, 9000), Token).WaitAsync(TestTimeouts.Step);

        var windows = await Catalog.GetClipWindowsAsync(sessionId, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(2, windows.Count);
        Assert.Equal(new ClipWindow(1500, 2500), windows[first]);
        Assert.Equal(new ClipWindow(0, 1000), windows[second]);
        Assert.Empty(await Catalog.GetClipWindowsAsync(NewSessionId(), Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task TwoRecordingsCannotShareABlob()
    {
        var recording = NewRecording(NewSessionId(), Start);
        await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            Catalog.AddAsync(NewRecording(recording.SessionId, Start) with { BlobName = recording.BlobName }, Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal([recording.Id], (await Catalog.ListAsync(recording.SessionId, Token).WaitAsync(TestTimeouts.Step)).Select(r => r.Id));
    }

    [Fact]
    public async Task CreatingTheSchemaAgainAtTheNextStartKeepsEverything()
    {
        var recording = NewRecording(NewSessionId(), Start);
        var noteId = Guid.NewGuid();
        await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);
        await Catalog.SetClipWindowAsync(recording.SessionId, noteId, new ClipWindow(1, 2), Token).WaitAsync(TestTimeouts.Step);

        await Catalog.CreateSchemaAsync(Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(recording, await Catalog.FindAsync(recording.SessionId, recording.Id, Token).WaitAsync(TestTimeouts.Step));
        Assert.Equal(new ClipWindow(1, 2), (await Catalog.GetClipWindowsAsync(recording.SessionId, Token).WaitAsync(TestTimeouts.Step))[noteId]);
    }

    private static string NewSessionId() => "ses_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheTotalOfStudiesCountsCompleteRecordingsAndWhatUploadingOnesAnnounced()
    {
        var complete = NewRecording(NewSessionId(), Start) with { StudyId = "st_a" };
        var uploading = NewRecording(NewSessionId(), Start) with { StudyId = "st_a", ExpectedBytes = 2_000 };
        var unannounced = NewRecording(NewSessionId(), Start) with { StudyId = "st_b", ExpectedBytes = null };
        var otherStudy = NewRecording(NewSessionId(), Start) with { StudyId = "st_other", ExpectedBytes = 70_000 };
        var large = NewRecording(NewSessionId(), Start) with { StudyId = "st_b", Status = RecordingStatus.Complete, Bytes = 5_000_000_000, ChunkCount = 600, CompletedAt = Start };
        foreach (var recording in new[] { complete, uploading, unannounced, otherStudy, large })
        {
            await Catalog.AddAsync(recording, Token).WaitAsync(TestTimeouts.Step);
        }
        // Announced 123,456 bytes; the chunks held 100,000: once complete, the catalog counts what it holds.
        Assert.True(await Catalog.CompleteAsync(complete.Id, 100_000, 2, null, Start, Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(5_000_102_000, await Catalog.TotalBytesAsync(["st_a", "st_b", "st_none"], Token).WaitAsync(TestTimeouts.Step));
        Assert.Equal(102_000, await Catalog.TotalBytesAsync(["st_a"], Token).WaitAsync(TestTimeouts.Step));
        Assert.Equal(0, await Catalog.TotalBytesAsync(["st_none"], Token).WaitAsync(TestTimeouts.Step));
        Assert.Equal(0, await Catalog.TotalBytesAsync([], Token).WaitAsync(TestTimeouts.Step));
    }

    private static Recording NewRecording(string sessionId, DateTimeOffset createdAt)
    {
        var id = "rec_" + Guid.NewGuid().ToString("N")[..16];
        return new Recording(
            id, sessionId, "st_catalog", RecordingKind.LiveCapture, "video/webm", ClockOffsetMs: 1500, DurationMs: 90_000, ExpectedBytes: 123_456,
            RecordingStatus.Uploading, Bytes: null, ChunkCount: null, "obs_1", createdAt, CompletedAt: null,
            CaptureStartedAt: createdAt.AddSeconds(-1), BlobName.Parse($"studies/st_catalog/sessions/{sessionId}/recordings/{id}.webm"));
    }
}
