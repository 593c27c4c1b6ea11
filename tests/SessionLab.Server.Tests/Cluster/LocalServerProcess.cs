using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// A real server program (redis-server, Azurite, a SessionLab node) run by a test on loopback: started, waited for,
/// its output kept to explain a failure, and killed at the end.
/// </summary>
internal sealed class LocalServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly List<Action<string>> _lineWatchers = [];

    private LocalServerProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static LocalServerProcess Start(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var server = new LocalServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode} before listening on {port}:\n{Output}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Nothing listened on {port} within {timeout.TotalSeconds:0} s:\n{Output}");
            }
        }
    }

    /// <summary>Waits for the first output line that <paramref name="match"/> accepts, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var seen = _output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match);
            if (seen is not null)
            {
                return seen;
            }
            _lineWatchers.Add(line =>
            {
                if (match(line))
                {
                    found.TrySetResult(line);
                }
            });
        }
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        if (first == found.Task)
        {
            return await found.Task;
        }
        if (first == exited)
        {
            // A process that prints its line and exits at once can be seen to exit before its last lines are read:
            // WaitForExit() without a timeout also waits for the redirected output to be read to its end.
            _process.WaitForExit();
            lock (_output)
            {
                if (_output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match) is { } last)
                {
                    return last;
                }
            }
        }
        throw new InvalidOperationException($"The expected line did not appear ({(first == exited ? $"exited with {_process.ExitCode}" : "timed out")}):\n{Output}");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits for the process to end on its own and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crashed machine or an OOM kill would end it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // Enough to explain a failure, bounded in case a server turns chatty.
            if (_output.Length < 256 * 1024)
            {
                _output.AppendLine(line);
            }
            foreach (var watcher in _lineWatchers)
            {
                watcher(line);
            }
        }
    }
}
