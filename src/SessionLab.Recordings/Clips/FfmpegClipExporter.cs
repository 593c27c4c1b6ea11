using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace SessionLab.Recordings;

/// <summary>
/// Cuts a clip out of a recording as an H.264/AAC MP4 with ffmpeg, where ffmpeg is installed. ffmpeg runs as a
/// process with an argument list (never a shell line) on temporary files: the recording is copied out of the store
/// because an MP4 whose index sits at its end cannot be read from a pipe. The result is stored beside the recording,
/// named after the clip's exact range, so asking again for the same clip costs no second encode.
/// </summary>
internal sealed class FfmpegClipExporter : IDisposable
{
    private const int MaxErrorChars = 2_000;

    private readonly IBlobStore _store;
    private readonly ClipExportOptions _options;
    private readonly RecordingStorageOptions _storage;
    private readonly ILogger<FfmpegClipExporter> _logger;
    private readonly SemaphoreSlim _slots;

    public FfmpegClipExporter(IBlobStore store, IOptions<ClipExportOptions> options, IOptions<RecordingStorageOptions> storage, ILogger<FfmpegClipExporter> logger)
    {
        _store = store;
        _options = options.Value;
        _storage = storage.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrentExports, _options.MaxConcurrentExports);
    }

    /// <summary>The ffmpeg to run, or null and a reason a person can act on.</summary>
    public string? LocateFfmpeg(out string? unavailableReason)
    {
        if (_options.FfmpegPath is { Length: > 0 } configured)
        {
            unavailableReason = IsExecutable(configured) ? null : $"Clip export needs ffmpeg, and there is no executable at {configured} (Recordings:Export:FfmpegPath).";
            return unavailableReason is null ? configured : null;
        }
        var fileName = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (IsExecutable(candidate))
            {
                unavailableReason = null;
                return candidate;
            }
        }
        unavailableReason = "Clip export needs ffmpeg, which is not installed on this server (Debian: apt-get install ffmpeg). Clips still play in the browser.";
        return null;
    }

    public static BlobName ClipBlobName(Recording recording, Guid noteId, ClipRange range) => BlobName.Parse(string.Create(
        CultureInfo.InvariantCulture,
        $"studies/{recording.StudyId}/sessions/{recording.SessionId}/clips/{recording.Id}-{noteId:N}-{range.StartMs}-{range.EndMs}.mp4"));

    public async Task<ClipExportResult> ExportAsync(Recording recording, Guid noteId, ClipRange range, CancellationToken cancellationToken)
    {
        if (LocateFfmpeg(out var unavailable) is not { } ffmpeg)
        {
            return ClipExportResult.Failed(RecordingErrorCode.FfmpegUnavailable, unavailable!);
        }
        var target = ClipBlobName(recording, noteId, range);
        try
        {
            return ClipExportResult.Exported(await _store.GetPropertiesAsync(target, cancellationToken));
        }
        catch (BlobNotFoundException)
        {
        }

        await _slots.WaitAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory("sessionlab-export-");
        try
        {
            var started = Stopwatch.GetTimestamp();
            var input = Path.Combine(work.FullName, "recording" + RecordingContentTypes.ExtensionOf(recording.ContentType));
            var output = Path.Combine(work.FullName, "clip.mp4");
            await using (var download = await _store.DownloadAsync(recording.BlobName, range: null, cancellationToken))
            await using (var file = File.Create(input))
            {
                await download.Content.CopyToAsync(file, cancellationToken);
            }

            var (exitCode, errors) = await RunAsync(ffmpeg, Arguments(input, output, range), cancellationToken);
            if (exitCode != 0 || !File.Exists(output))
            {
                RecordingsLog.ClipExportFailed(_logger, recording.SessionId, recording.Id, exitCode, errors);
                return ClipExportResult.Failed(RecordingErrorCode.ExportFailed, $"ffmpeg could not cut this clip (exit code {exitCode}): {errors}");
            }

            BlobProperties stored;
            await using (var clip = File.OpenRead(output))
            {
                stored = await _store.UploadAsync(target, clip, clip.Length, "video/mp4", _storage.MaxBlockBytes, cancellationToken);
            }
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            RecordingsLog.ClipExported(_logger, recording.SessionId, recording.Id, stored.Length, elapsedMs);
            return ClipExportResult.Exported(stored);
        }
        finally
        {
            _slots.Release();
            work.Delete(recursive: true);
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// Seeks before the input for speed, re-encodes so the cut lands on the exact frame and any browser plays the
    /// result, rounds odd screen sizes down to even ones (H.264 4:2:0 needs them), and puts the index first for streaming.
    /// </summary>
    internal static IReadOnlyList<string> Arguments(string input, string output, ClipRange range) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-ss", Seconds(range.StartMs), "-i", input, "-t", Seconds(range.DurationMs),
        "-map", "0:v:0?", "-map", "0:a:0?",
        "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "128k",
        "-movflags", "+faststart", "-f", "mp4", output,
    ];

    private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private async Task<(int ExitCode, string Errors)> RunAsync(string ffmpeg, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{ffmpeg} did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(errors, output);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            return (-1, $"stopped after {_options.Timeout.TotalSeconds:0} s");
        }
        var text = (await errors).Trim();
        return (process.ExitCode, text.Length > MaxErrorChars ? text[^MaxErrorChars..] : text);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
