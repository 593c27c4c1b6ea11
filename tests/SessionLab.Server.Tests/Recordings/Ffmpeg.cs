using System.Diagnostics;
using System.Globalization;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>ffmpeg and ffprobe for the export tests, where installed: to make a sample recording and to measure a clip.</summary>
public static class Ffmpeg
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>A WebM like a browser's capture: a moving test picture with a tone, small enough to encode in seconds.</summary>
    public static async Task MakeSampleRecordingAsync(string ffmpeg, string path, int seconds)
    {
        await RunAsync(ffmpeg,
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc=size=160x120:rate=10:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k",
            "-c:a", "libopus", "-f", "webm", path);
    }

    public static async Task<double> DurationSecondsAsync(string ffprobe, string path) =>
        double.Parse(await RunAsync(ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path), CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(executable)} failed: {await errors}");
        return (await output).Trim();
    }
}
