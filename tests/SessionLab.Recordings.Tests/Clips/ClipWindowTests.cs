using SessionLab.Recordings;

namespace SessionLab.Recordings.Tests.Clips;

public sealed class ClipWindowTests
{
    [Fact]
    public void ByDefaultAClipRunsFromTenSecondsBeforeTheNoteToTwentyAfter()
    {
        var range = ClipWindow.Default.OnRecording(noteClockMs: 60_000, recordingClockOffsetMs: 0, recordingDurationMs: 120_000);

        Assert.Equal(new ClipRange(50_000, 80_000), range);
    }

    [Fact]
    public void AClipNearTheRecordingsStartIsClampedAtZero()
    {
        var range = ClipWindow.Default.OnRecording(noteClockMs: 4_000, recordingClockOffsetMs: 0, recordingDurationMs: 120_000);

        Assert.Equal(new ClipRange(0, 24_000), range);
    }

    [Fact]
    public void AClipNearTheRecordingsEndIsClampedAtItsEnd()
    {
        var range = ClipWindow.Default.OnRecording(noteClockMs: 115_000, recordingClockOffsetMs: 0, recordingDurationMs: 120_000);

        Assert.Equal(new ClipRange(105_000, 120_000), range);
    }

    [Theory]
    [InlineData(30_000L, 45_000L, 5_000L, 35_000L)]
    [InlineData(-5_000L, 2_000L, 0L, 27_000L)]
    [InlineData(90_000L, 90_000L, 0L, 20_000L)]
    public void TheNotesMomentIsMappedOntoTheRecordingThroughItsClockOffset(long recordingClockOffsetMs, long noteClockMs, long startMs, long endMs)
    {
        var range = ClipWindow.Default.OnRecording(noteClockMs, recordingClockOffsetMs, recordingDurationMs: 600_000);

        Assert.Equal(new ClipRange(startMs, endMs), range);
    }

    [Theory]
    [InlineData(29_999L)]
    [InlineData(150_001L)]
    public void ANoteOutsideTheRecordingHasNoClipOnIt(long noteClockMs)
    {
        Assert.Null(ClipWindow.Default.OnRecording(noteClockMs, recordingClockOffsetMs: 30_000, recordingDurationMs: 120_000));
    }

    [Fact]
    public void WhileTheDurationIsUnknownOnlyTheStartIsClamped()
    {
        var range = new ClipWindow(5_000, 600_000).OnRecording(noteClockMs: 3_000, recordingClockOffsetMs: 0, recordingDurationMs: null);

        Assert.Equal(new ClipRange(0, 603_000), range);
    }

    [Fact]
    public void AnAdjustedWindowIsGivenInSecondsAndKeptToTheMillisecond()
    {
        var window = ClipWindow.FromSeconds(2.5, 7.25, out var error);

        Assert.Null(error);
        Assert.Equal(new ClipWindow(2_500, 7_250), window);
        Assert.Equal("#t=57.5,67.25", window!.OnRecording(60_000, 0, null)!.Value.MediaFragment);
    }

    [Theory]
    [InlineData(-1.0, 20.0)]
    [InlineData(10.0, 300.001)]
    [InlineData(double.NaN, 20.0)]
    [InlineData(10.0, double.PositiveInfinity)]
    [InlineData(0.0, 0.0)]
    public void WindowsOutOfRangeAreRefused(double beforeSeconds, double afterSeconds)
    {
        Assert.Null(ClipWindow.FromSeconds(beforeSeconds, afterSeconds, out var error));
        Assert.NotNull(error);
    }
}
